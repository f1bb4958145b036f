// SPDX-License-Identifier: GPL-3.0-or-later
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, snapshot } from './fake-api';
import { flush, renderUnlocked, rowDescriptions, rowNames, settingsView } from './helpers';

const START = Date.parse('2030-01-01T00:00:10.000Z');
const hidden = { state: { settings: settingsView({ hideCodes: true }) } };

describe('privacy mode (hide codes until revealed)', () => {
  it('masks codes; a click reveals one, the next click copies it', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked(
      [github],
      [snapshot(github.id, '123456', Date.now() + 20_000, { next: '654321' })],
      hidden,
    );
    expect(rowNames()).toEqual(['GitHub, alice, code hidden, press to reveal']);
    expect(document.querySelector('.row-code')?.textContent).toBe('••• •••');
    const block = document.querySelector('.row-code-block')?.textContent ?? '';
    expect(block).not.toContain('123');
    expect(block).not.toContain('654');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /code hidden/ }));
    expect(fake.api.codes.copy).not.toHaveBeenCalled();
    expect(rowNames()).toEqual(['GitHub, alice, code 123 456']);
    expect(rowDescriptions()[0]).toMatch(/^next code 654 321 /);
    await user.click(screen.getByRole('button', { name: /code 123 456/ }));
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(github.id);
  });

  it('masks the next code again once the revealed one has expired', async () => {
    vi.useFakeTimers({ now: START });
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '111111', START + 3_000, { next: '222222' })], {
      fakeTimers: true,
      ...hidden,
    });
    act(() => {
      screen.getByRole('button', { name: /code hidden/ }).click();
    });
    expect(rowNames()).toEqual(['GitHub, alice, code 111 111']);
    expect(rowDescriptions()[0]).toMatch(/^next code 222 222 /);
    // Every value the row's texts held at the rollover, even for a moment before React rendered.
    const seen: string[] = [];
    const observer = new MutationObserver((records) => seen.push(...records.map((r) => r.oldValue ?? '')));
    observer.observe(document.querySelector('.code-list') as Node, {
      subtree: true,
      characterData: true,
      characterDataOldValue: true,
      attributeFilter: ['aria-label'],
      attributeOldValue: true,
    });
    act(() => {
      vi.advanceTimersByTime(3_100);
    });
    seen.push(...observer.takeRecords().map((r) => r.oldValue ?? ''));
    observer.disconnect();
    expect(rowNames()).toEqual(['GitHub, alice, code hidden, press to reveal']);
    expect(rowDescriptions()[0]).not.toContain('222');
    // Only what showed before (the revealed code and its preview, seen and said): the next code never unmasked.
    expect(new Set(seen)).toEqual(
      new Set(['111 111', 'next 222 222', 'next code 222 222', 'GitHub, alice, code 111 111']),
    );
    // The announcement says a code changed, never which.
    expect(screen.getByTestId('code-announcer').textContent).toBe('GitHub, alice: new code (hidden)');
  });

  it('still copies with Enter from the search field without showing the code', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)], hidden);
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts' }), 'git{Enter}');
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(github.id);
    expect(rowNames()).toEqual(['GitHub, alice, code hidden, press to reveal']);
  });

  it('shows an HOTP code the user asked for', async () => {
    const vpn = entry({ issuer: 'VPN', account: 'alice', type: 'hotp', period: null, counter: 4 });
    await renderUnlocked([vpn], [], hidden);
    screen.getByRole('button', { name: 'Next code for VPN, alice' }).click();
    await flush();
    expect(rowNames()).toEqual(['VPN, alice, code 755 224']);
  });

  it('shows codes again when privacy mode is turned off', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)], hidden);
    fake.emitSettings(settingsView({ hideCodes: false }));
    expect(rowNames()).toEqual(['GitHub, alice, code 123 456']);
  });
});
