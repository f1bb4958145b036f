// SPDX-License-Identifier: GPL-3.0-or-later
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_REPORT_INTERVAL_MS } from '../../renderer/codes/useActivityReporter';
import { entry, installFakeApi, lockedStatus } from './fake-api';
import { flush, renderApp, renderUnlocked } from './helpers';

describe('window activity', () => {
  it('reports key and pointer presses to main at most once per 15 seconds', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const fake = await renderUnlocked([entry()], [], { fakeTimers: true });
    for (let i = 0; i < 20; i++) fireEvent.keyDown(window, { key: 'a' });
    fireEvent.pointerDown(document.body);
    expect(fake.api.app.reportActivity).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(ACTIVITY_REPORT_INTERVAL_MS - 1);
    });
    fireEvent.pointerDown(document.body);
    expect(fake.api.app.reportActivity).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    fireEvent.pointerDown(document.body);
    expect(fake.api.app.reportActivity).toHaveBeenCalledTimes(2);
    // Idle: nothing is sent.
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(fake.api.app.reportActivity).toHaveBeenCalledTimes(2);
  });

  it('reports nothing while locked', async () => {
    const fake = installFakeApi({ status: lockedStatus() });
    renderApp();
    await flush();
    fireEvent.keyDown(window, { key: 'a' });
    expect(fake.api.app.reportActivity).not.toHaveBeenCalled();
  });
});

describe('global shortcut (focus search)', () => {
  it('focuses the search field, closing any dialog', async () => {
    const fake = await renderUnlocked([entry({ issuer: 'GitHub' })], []);
    act(() => {
      screen.getByRole('button', { name: 'Settings' }).click();
    });
    expect(screen.getByRole('dialog')).toBeTruthy();
    fake.emitFocusSearch();
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search accounts' }));
  });

  it('focuses the password field when locked', async () => {
    const fake = installFakeApi({ status: lockedStatus('idle') });
    renderApp();
    await flush();
    (document.activeElement as HTMLElement | null)?.blur();
    fake.emitFocusSearch();
    expect(document.activeElement).toBe(screen.getByLabelText('Master password'));
  });
});
