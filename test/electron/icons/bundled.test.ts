// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The bundled set as main and the CLI use it (createBundledIcons over the generated data): the
 * matching rules of bundled-matcher.ts, the picker's search, and the pictures, parsed only for
 * the icons asked for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issuerKey } from '../../../electron/icons/issuer-key';
import { generatedIconData, generatedIcons } from '../../fixtures/icons/generated-icons';

const icons = generatedIcons();
const { index } = generatedIconData();

describe('match: the issuer first', () => {
  it.each([
    ['GitHub', 'github'],
    ['github', 'github'],
    [' Git Hub ', 'github'],
    ['GitHub, Inc.', 'github'],
    ['GÍTHUB', 'github'],
    ['github.com', 'github'],
    ['https://github.com/login', 'github'],
    ['Google (work)', 'google'],
    ['GitLab - alice', 'gitlab'],
    ['Proton: alice', 'proton'],
    ['Discord [alt]', 'discord'],
    ['GitHub Enterprise', 'github'],
    ['Coinbase Pro', 'coinbase'],
    ['Apple ID', 'apple'],
    ['Microsoft Account', 'microsoft'],
    ['Binance US', 'binance'],
    ['Hetzner Online GmbH', 'hetzner'],
    ['accounts.google.com', 'google'],
    ['login.microsoftonline.com', 'microsoft'],
    ['aws.amazon.com', 'aws'],
    ['amazon.co.uk', 'amazon'],
  ])('"%s" → %s', (issuer, id) => {
    expect(icons.match(issuer, '')).toBe(id);
  });

  it.each([
    'Amazonia Bank',
    'Applebee’s',
    'Apple Bank',
    'Box Hill Institute',
    'GitHubber',
    'Notion Press Books',
    'X Bank',
    'My Company VPN',
    '',
    '   ',
    '—',
  ])('"%s" matches nothing (no substrings, no brand followed by another meaning)', (issuer) => {
    expect(icons.match(issuer, '')).toBeNull();
  });

  it('prefers the issuer over the account’s domain', () => {
    expect(icons.match('GitLab', 'alice@github.com')).toBe('gitlab');
  });
});

describe('match: then the domain in the account name', () => {
  it('uses a company domain when the issuer names nothing', () => {
    expect(icons.match('', 'alice@github.com')).toBe('github');
    expect(icons.match('Employee SSO', 'alice@github.com')).toBe('github');
    expect(icons.match('', 'https://login.microsoftonline.com/tenant')).toBe('microsoft');
    expect(icons.match('', 'alice@example.com')).toBeNull();
  });

  it('uses a mail provider’s domain only when there is no issuer at all', () => {
    expect(icons.match('', 'alice@proton.me')).toBe('proton');
    expect(icons.match('', 'bob@gmail.com')).toBe('google');
    expect(icons.match('', 'carol@outlook.com')).toBe('microsoft');
    expect(icons.match('Acme VPN', 'bob@gmail.com')).toBeNull();
    expect(icons.match('Acme VPN', 'alice@proton.me')).toBeNull();
  });
});

describe('match over every icon', () => {
  it('finds each icon by its own title, unless a better-ranked icon holds that name', () => {
    const wrong: string[] = [];
    index.icons.forEach(([id, title], pos) => {
      const got = icons.match(title, '');
      const holder = index.names[issuerKey(title)];
      if (got !== id && holder === pos) wrong.push(`${title} → ${got}`);
    });
    expect(wrong).toEqual([]);
    const own = index.icons.filter(([id, title]) => icons.match(title, '') === id).length;
    expect(own / index.icons.length).toBeGreaterThan(0.98);
  });

  it('gives the same answer whatever the case and spacing of the issuer', () => {
    const titles = index.icons.map(([, title]) => title);
    fc.assert(
      fc.property(fc.constantFrom(...titles), fc.boolean(), fc.nat(3), (title, upper, pad) => {
        const variant = `${' '.repeat(pad)}${upper ? title.toUpperCase() : title.toLowerCase()}${' '.repeat(pad)}`;
        expect(icons.match(variant, '')).toBe(icons.match(title, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and answers only bundled ids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (issuer, account) => {
        const id = icons.match(issuer, account);
        if (id !== null) expect(icons.has(id)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('search', () => {
  const ids = (query: string, limit = 10): string[] => icons.search(query, limit).map((hit) => hit.ref.id);

  it('puts the exact name first, then names starting with the query', () => {
    expect(ids('x')[0]).toBe('x');
    expect(ids('github')[0]).toBe('github');
    const git = ids('git', 60);
    expect(git).toEqual(expect.arrayContaining(['github', 'gitlab', 'git', 'gitea']));
    expect(git[0]).toBe('git');
  });

  it('lists the brands Tessera’s tables name first among equally good hits', () => {
    expect(ids('micro')[0]).toBe('microsoft');
    expect(ids('amaz').slice(0, 2).sort()).toEqual(['amazon', 'aws']);
  });

  it('finds later words of a name, aliases and a contained part', () => {
    expect(ids('web services', 60)).toContain('aws');
    expect(ids('twitter')[0]).toBe('x');
    expect(ids('office 365')[0]).toBe('microsoft');
    expect(ids('hub', 200)).toContain('github');
  });

  it('leads with what the query would match as an issuer', () => {
    expect(ids('Samsung Account')[0]).toBe('samsung');
    expect(ids('Hetzner Online GmbH')[0]).toBe('hetzner');
  });

  it('returns bundled refs with titles, never more than the limit, and nothing for an empty query', () => {
    const hits = icons.search('goo', 5);
    expect(hits).toHaveLength(5);
    for (const hit of hits) {
      expect(hit.ref.source).toBe('bundled');
      expect(icons.has(hit.ref.id)).toBe(true);
      expect(hit.title).not.toBe('');
    }
    expect(icons.search('', 10)).toEqual([]);
    expect(icons.search(' !! ', 10)).toEqual([]);
    expect(icons.search('google', 0)).toEqual([]);
    expect(icons.search('google', -3)).toEqual([]);
    expect(icons.search('zzzzqqqq', 10)).toEqual([]);
  });
});

describe('images', () => {
  it('draws a simple-icons glyph on its brand colour', () => {
    const github = icons.image('github');
    expect(github).toMatchObject({
      ref: { source: 'bundled', id: 'github' },
      kind: 'path',
      title: 'GitHub',
      background: '#181717',
      foreground: '#ffffff',
    });
    expect(github?.kind === 'path' && github.path.startsWith('M12')).toBe(true);
  });

  it('draws a gap icon from CoreUI Brands as a 24×24 glyph', () => {
    const microsoft = icons.image('microsoft');
    expect(microsoft).toMatchObject({ kind: 'path', title: 'Microsoft', background: '#5e5e5e' });
    const numbers = microsoft?.kind === 'path' ? (microsoft.path.match(/\d+(?:\.\d+)?/g) ?? []).map(Number) : [];
    expect(Math.max(...numbers)).toBeLessThanOrEqual(24);
  });

  it('serves a multi-colour logo as a base64 SVG data URL on its tile', () => {
    const openai = icons.image('openai');
    expect(openai?.kind).toBe('image');
    if (openai?.kind === 'image') {
      expect(openai.dataUrl).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
      expect(['#ffffff', '#1f2937']).toContain(openai.background);
    }
  });

  it('answers null for an unknown id, and the same frozen picture each time', () => {
    expect(icons.image('no-such-icon')).toBeNull();
    expect(icons.has('no-such-icon')).toBe(false);
    expect(icons.has('github')).toBe(true);
    const first = icons.image('gitlab');
    expect(icons.image('gitlab')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads no picture to match or search, and only the asked icon’s record to draw it', () => {
    const reads: number[] = [];
    const counted = generatedIcons((offset) => reads.push(offset));
    counted.match('GitHub', 'alice');
    counted.search('git', 20);
    expect(reads).toEqual([]);
    counted.image('github');
    counted.image('github');
    const pos = index.icons.findIndex(([id]) => id === 'github');
    expect(reads).toEqual([index.icons[pos]?.[3]]);
  });
});
