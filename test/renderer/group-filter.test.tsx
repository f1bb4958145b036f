// SPDX-License-Identifier: GPL-3.0-or-later
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { groupsInUse } from '../../renderer/codes/groups';
import { entry } from './fake-api';
import { renderUnlocked, rowNames } from './helpers';

const names = (): string[] => rowNames().map((n) => n.split(',')[0] ?? '');

describe('group filter', () => {
  it('offers the groups in use, sorted, and filters by one', async () => {
    const entries = [
      entry({ issuer: 'GitHub', group: 'Work', sortOrder: 0 }),
      entry({ issuer: 'Bank', group: 'Money', sortOrder: 1 }),
      entry({ issuer: 'Jira', group: 'Work', sortOrder: 2 }),
      entry({ issuer: 'Mail', group: null, sortOrder: 3 }),
    ];
    await renderUnlocked(entries, []);
    const chips = within(screen.getByRole('group', { name: 'Show group' })).getAllByRole('button');
    expect(chips.map((c) => c.textContent)).toEqual(['All', 'Money', 'Work']);
    expect(chips[0]?.getAttribute('aria-pressed')).toBe('true');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Work' }));
    expect(screen.getByRole('button', { name: 'Work' }).getAttribute('aria-pressed')).toBe('true');
    expect(names()).toEqual(['GitHub', 'Jira']);

    // Search and group combine.
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts' }), 'jira');
    expect(names()).toEqual(['Jira']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search accounts' }));
    await user.click(screen.getByRole('button', { name: 'All' }));
    expect(names()).toEqual(['GitHub', 'Bank', 'Jira', 'Mail']);
  });

  it('is absent without groups, and forgets a group that is no longer used', async () => {
    const work = entry({ issuer: 'GitHub', group: 'Work', sortOrder: 0 });
    const other = entry({ issuer: 'Mail', group: null, sortOrder: 1 });
    const fake = await renderUnlocked([work, other], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Work' }));
    expect(names()).toEqual(['GitHub']);
    fake.emitEntries([{ ...work, group: null }, other]);
    expect(screen.queryByRole('group', { name: 'Show group' })).toBeNull();
    expect(names()).toEqual(['GitHub', 'Mail']);
  });

  it('lists each group once', () => {
    expect(groupsInUse([entry({ group: 'b' }), entry({ group: 'a' }), entry({ group: 'b' }), entry()])).toEqual([
      'a',
      'b',
    ]);
  });
});
