// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { entryLabel, matchesQuery, visibleEntries } from '../../../renderer/codes/entry-query';
import { hasEveryTag, tagsInUse } from '../../../renderer/codes/tags';
import { entry } from '../fake-api';

describe('entry query', () => {
  it('matches every word anywhere in issuer, account, tags or notes, ignoring case', () => {
    const e = entry({
      issuer: 'GitHub',
      account: 'alice@example.com',
      tags: ['Work', 'Open source'],
      notes: 'Backup codes in drawer',
    });
    expect(matchesQuery(e, '')).toBe(true);
    expect(matchesQuery(e, '  ')).toBe(true);
    expect(matchesQuery(e, 'hub')).toBe(true);
    expect(matchesQuery(e, 'ALICE work')).toBe(true);
    expect(matchesQuery(e, 'drawer')).toBe(true);
    expect(matchesQuery(e, 'open SOURCE')).toBe(true);
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

  it('keeps the accounts carrying every chosen tag (keys ignore case and spacing)', () => {
    const both = entry({ issuer: 'both', tags: ['Work', 'Home  office'], sortOrder: 0 });
    const work = entry({ issuer: 'work', tags: ['work'], sortOrder: 1 });
    const none = entry({ issuer: 'none', sortOrder: 2 });
    const list = [both, work, none];
    const shown = (keys: string[]): string[] => visibleEntries(list, '', keys).map((e) => e.issuer);
    expect(shown([])).toEqual(['both', 'work', 'none']);
    expect(shown(['work'])).toEqual(['both', 'work']);
    expect(shown(['work', 'home office'])).toEqual(['both']);
    expect(shown(['home office', 'elsewhere'])).toEqual([]);
    expect(hasEveryTag(none, [])).toBe(true);
    // One spelling per tag (the first account's), sorted for reading.
    expect(tagsInUse(list)).toEqual(['Home  office', 'Work']);
  });

  it('labels with whichever of issuer and account exist', () => {
    expect(entryLabel({ issuer: 'GitHub', account: 'alice' })).toBe('GitHub, alice');
    expect(entryLabel({ issuer: '', account: 'alice' })).toBe('alice');
    expect(entryLabel({ issuer: ' ', account: '' })).toBe('Unnamed account');
  });
});
