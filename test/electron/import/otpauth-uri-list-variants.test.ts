// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Link lists beyond the fixtures: a text without a single link is not a list (whatever its name);
 * what `ykman` prints is not one either (YubiKeys never give secrets back); the variant names; the
 * Steam conventions of WinAuth and Stratum; the line budget.
 */
import { describe, expect, it } from 'vitest';
import { detectCandidates, detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { steamByConvention } from '../../../electron/import/links';
import { LIST_VARIANTS, uriListFormat } from '../../../electron/import/uri-list';

const te = new TextEncoder();
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

describe('link lists: detection needs a link', () => {
  const texts: Readonly<Record<string, string>> = {
    'a shopping list': 'Milk\nEggs\nBread\n',
    'notes mentioning otpauth links in prose': 'Remember: the otpauth:// links are in the safe.\nsecret=JBSWY3DP\n',
    'a web link list': 'https://example.com/a\nhttps://example.com/b\n',
    '`ykman oath accounts list` output (no secrets)': 'Example:alice@example.com\n15/Example VPN:bob\nSteam:carol\n',
    '`ykman oath accounts code` output': 'Example:alice@example.com  123456\nExample VPN:bob       [Requires Touch]\n',
    'comments only': '# otpauth://totp/A:a?secret=JBSWY3DP\n\n',
  };
  for (const [what, text] of Object.entries(texts)) {
    it(`${what}: not a link list, even named .txt`, async () => {
      const bytes = te.encode(text);
      expect(uriListFormat.detect(bytes)).toBe(0);
      expect(detectCandidates(bytes, 'accounts.txt')).toEqual([]);
      expect(await kind(importFile(bytes, { fileName: 'accounts.txt' }))).toBe('unknown-format');
    });
  }

  it('one link among other lines is a list: the others are listed as skipped', async () => {
    const bytes = te.encode(`My accounts\notpauth://totp/Example:alice?secret=${SECRET}&issuer=Example\n`);
    const score = uriListFormat.detect(bytes);
    expect(score).toBeGreaterThanOrEqual(0.5);
    expect(score).toBeLessThan(uriListFormat.detect(te.encode(`otpauth://totp/A:a?secret=${SECRET}`)));
    const result = await importFile(bytes);
    expect(result.format).toBe('otpauth-uri-list');
    expect(result.entries).toHaveLength(1);
    expect(result.skipped).toEqual([
      { index: 0, label: 'line 1', reason: 'this line is not an account link (otpauth:// or otpauth-migration://)' },
    ]);
  });
});

describe('link lists: variants and writers’ conventions', () => {
  it('names a plain list, transfer links and WinAuth’s export', async () => {
    const plain = await importFile(te.encode(`otpauth://totp/A:a?secret=${SECRET}\n`));
    expect(plain.variant).toBe(LIST_VARIANTS.links);
    const winAuth = await importFile(
      te.encode(`otpauth://totp/Battle.net:a?secret=${SECRET}&digits=8&issuer=Battle.net&serial=EU123\n`),
    );
    expect(winAuth.variant).toBe(LIST_VARIANTS.winAuth);
    expect(winAuth.entries[0]).toMatchObject({ type: 'totp', digits: 8 });
  });

  it('reads Steam as WinAuth (deviceid) and Stratum (bare steam) mark it; other links are unchanged', () => {
    const base = `otpauth://totp/Steam:a?secret=${SECRET}`;
    expect(steamByConvention(`${base}&digits=5&deviceid=android%3A1&data=%7B%7D`)).toMatch(/&encoder=steam$/);
    expect(steamByConvention(`${base}&issuer=Game&steam`)).toMatch(/&encoder=steam$/);
    expect(steamByConvention(`${base}&steam=1`)).toBe(`${base}&steam=1`);
    expect(steamByConvention(`${base}&issuer=Steam`)).toBe(`${base}&issuer=Steam`);
    expect(steamByConvention(`${base}&steam&encoder=x`)).toBe(`${base}&steam&encoder=x`);
    expect(steamByConvention(`otpauth://hotp/a?secret=${SECRET}&deviceid=1`)).toBe(
      `otpauth://hotp/a?secret=${SECRET}&deviceid=1`,
    );
  });

  it('transfer links are a link list whatever the file is called', () => {
    const bytes = te.encode('otpauth-migration://offline?data=CgA%3D\n');
    expect(detectFormat(bytes, 'google.txt')?.format).toBe('otpauth-uri-list');
  });

  it('refuses a list past the line limit by name', async () => {
    const bytes = te.encode(`otpauth://totp/A:a?secret=${SECRET}\n`.repeat(5));
    const budget = new WorkBudget({ limits: { lines: 3 } });
    await expect(importFile(bytes, { budget })).rejects.toMatchObject({ kind: 'too-large', limit: { name: 'lines' } });
  });
});
