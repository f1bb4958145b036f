// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { entryLabel, matchesQuery, visibleEntries } from '../../../renderer/codes/entry-query';
import { entry } from '../fake-api';

describe('entry query', () => {
  it('matches every word anywhere in issuer, account, group or notes, ignoring case', () => {
    const e = entry({ issuer: 'GitHub', account: 'alice@example.com', group: 'Work', notes: 'Backup codes in drawer' });
    expect(matchesQuery(e, '')).toBe(true);
    expect(matchesQuery(e, '  ')).toBe(true);
    expect(matchesQuery(e, 'hub')).toBe(true);
    expect(matchesQuery(e, 'ALICE work')).toBe(true);
    expect(matchesQuery(e, 'drawer')).toBe(true);
    expect(matchesQuery(e, 'alice home')).toBe(false);
  });

  it('orders favourites first, then sortOrder, then issuer', () => {
    const list = [
      entry({ issuer: 'b', sortOrder: 1 }),
      entry({ issuer: 'a', sortOrder: 1 }),
      entry({ issuer: 'z', sortOrder: 9, favourite: true }),
      entry({ issuer: 'c', sortOrder: 0 }),
    ];
    expect(visibleEntries(list, '').map((e) => e.issuer)).toEqual(['z', 'c', 'a', 'b']);
  });

  it('labels with whichever of issuer and account exist', () => {
    expect(entryLabel({ issuer: 'GitHub', account: 'alice' })).toBe('GitHub, alice');
    expect(entryLabel({ issuer: '', account: 'alice' })).toBe('alice');
    expect(entryLabel({ issuer: ' ', account: '' })).toBe('Unnamed account');
  });
});
