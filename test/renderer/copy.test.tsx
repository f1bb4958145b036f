// SPDX-License-Identifier: GPL-3.0-or-later
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, fail, snapshot } from './fake-api';
import { flush, renderUnlocked } from './helpers';

describe('copy', () => {
  it('copies through main on click and says when the clipboard clears', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    fake.state.clearAfterSeconds = 15;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'GitHub, alice, code 123 456' }));
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(github.id);
    expect(
      (await screen.findByText('Copied the code of GitHub, alice — the clipboard clears in 15 s')).closest(
        '[aria-live="polite"]',
      ),
    ).toBeTruthy();
  });

  it('shows main’s error instead when copying fails', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    vi.mocked(fake.api.codes.copy).mockResolvedValueOnce(
      fail({ code: 'vault-locked', message: 'The vault is locked.' }),
    );
    await userEvent.setup().click(screen.getByRole('button', { name: /^GitHub/ }));
    expect(await screen.findByText('The vault is locked.')).toBeTruthy();
    expect(screen.queryByText(/^Copied the code/)).toBeNull();
  });

  it('dismisses the toast after a few seconds', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)], { fakeTimers: true });
    act(() => screen.getByRole('button', { name: /^GitHub/ }).click());
    await flush();
    expect(screen.getByText('Copied the code of GitHub, alice — the clipboard clears in 20 s')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(4_100);
    });
    expect(screen.queryByText(/^Copied the code/)).toBeNull();
  });

  it('asks for a HOTP code first instead of calling main', async () => {
    const hotp = entry({ issuer: 'VPN', account: 'alice', type: 'hotp', period: null, counter: 0 });
    const fake = await renderUnlocked([hotp], []);
    await userEvent.setup().click(screen.getByRole('button', { name: /^VPN, alice/ }));
    expect(await screen.findByText(/Press “Next code”/)).toBeTruthy();
    expect(fake.api.codes.copy).not.toHaveBeenCalled();
  });
});
