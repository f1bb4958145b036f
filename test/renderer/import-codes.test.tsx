// SPDX-License-Identifier: GPL-3.0-or-later
/** The review's live code preview asks main again once when the earliest code expires, never every second. */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { entry, importCandidate, reviewStep } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const START = Date.parse('2030-01-01T00:00:18.000Z');

async function advance(ms: number): Promise<void> {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
  await flush();
}

describe('import review code preview', () => {
  it('refreshes once at the earliest validUntil and not every second', async () => {
    vi.useFakeTimers({ now: START });
    const github = importCandidate({ key: 'c1', issuer: 'GitHub', account: 'alice' });
    const hotp = importCandidate({ key: 'c2', type: 'hotp', issuer: 'Bank', account: 'bob', period: null, counter: 0 });
    const fake = await renderUnlocked([entry()], [], {
      fakeTimers: true,
      state: {
        importStep: reviewStep({ candidates: [github, hotp] }),
        importCodes: [
          { key: 'c1', code: '123456', validUntil: START + 12_000 },
          { key: 'c2', code: '755224', validUntil: null },
        ],
      },
    });
    act(() => screen.getByRole('button', { name: 'Import' }).click());
    const dialog = screen.getByRole('dialog', { name: 'Import accounts' });
    act(() => within(dialog).getByRole('button', { name: 'Scan screen' }).click());
    await flush();
    const list = within(dialog).getByRole('list', { name: 'Accounts found' });
    expect(within(list).getByRole('listitem', { name: 'GitHub, alice, TOTP, code 123 456' })).toBeTruthy();
    expect(within(list).getByRole('listitem', { name: 'Bank, bob, HOTP, code 755 224' })).toBeTruthy();
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(1);

    fake.state.importCodes = [
      { key: 'c1', code: '654321', validUntil: START + 42_000 },
      { key: 'c2', code: '755224', validUntil: null },
    ];
    await advance(11_000);
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(1);
    expect(within(list).getByRole('listitem', { name: 'GitHub, alice, TOTP, code 123 456' })).toBeTruthy();
    await advance(1_100);
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(2);
    expect(within(list).getByRole('listitem', { name: 'GitHub, alice, TOTP, code 654 321' })).toBeTruthy();
    await advance(25_000);
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(2);
    // The announcer spoke once, for the review; the codes changing is not announced.
    expect(screen.getByTestId('import-announcer').textContent).not.toContain('654');
  });

  it('stops asking once the dialog closes', async () => {
    vi.useFakeTimers({ now: START });
    const fake = await renderUnlocked([entry()], [], {
      fakeTimers: true,
      state: {
        importStep: reviewStep({ candidates: [importCandidate({ key: 'c1' })] }),
        importCodes: [{ key: 'c1', code: '123456', validUntil: START + 2_000 }],
      },
    });
    act(() => screen.getByRole('button', { name: 'Import' }).click());
    act(() => screen.getByRole('button', { name: 'Scan screen' }).click());
    await flush();
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(1);
    act(() => screen.getByRole('button', { name: 'Cancel' }).click());
    await advance(10_000);
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(1);
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
  });
});
