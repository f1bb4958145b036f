// SPDX-License-Identifier: GPL-3.0-or-later
import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { entry, snapshot } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const START = Date.parse('2030-01-01T00:00:00.000Z');

describe('code announcements', () => {
  it('speaks only when a code changes, never on the clock ticks', async () => {
    vi.useFakeTimers({ now: START });
    const github = entry({ issuer: 'GitHub', account: 'alice', sortOrder: 0 });
    const bank = entry({ issuer: 'Bank', account: 'bob', sortOrder: 1 });
    const fake = await renderUnlocked(
      [github, bank],
      [snapshot(github.id, '111111', START + 30_000), snapshot(bank.id, '222222', START + 30_000)],
      { fakeTimers: true },
    );
    const region = screen.getByTestId('code-announcer');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');

    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(region.textContent).toBe('');

    // The same codes pushed again (e.g. a preview appearing) are not news.
    fake.emitCodes([
      snapshot(github.id, '111111', START + 30_000, { next: '333333' }),
      snapshot(bank.id, '222222', START + 30_000),
    ]);
    expect(region.textContent).toBe('');

    fake.emitCodes([snapshot(github.id, '333333', START + 60_000), snapshot(bank.id, '222222', START + 30_000)]);
    expect(region.textContent).toBe('GitHub, alice: new code 333 333');

    const before = region.innerHTML;
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(region.innerHTML).toBe(before);

    fake.emitCodes([snapshot(github.id, '444444', START + 90_000), snapshot(bank.id, '555555', START + 90_000)]);
    expect(region.textContent).toBe('New codes for 2 accounts. GitHub, alice: new code 444 444');
    await flush();
  });

  it('stays quiet for the first load after unlocking', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '111111', Date.now() + 30_000)]);
    expect(screen.getByTestId('code-announcer').textContent).toBe('');
  });
});
