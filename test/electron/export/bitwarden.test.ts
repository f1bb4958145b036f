// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Bitwarden JSON export (electron/export/bitwarden.ts): read back by Tessera's own Bitwarden
 * importer, and by a reader written here from Bitwarden's code (bitwarden/clients
 * `BitwardenJsonImporter.parseDecrypted`, `CipherExport.toView`, `LoginExport.toView`; the TOTP
 * field as bitwarden/sdk-internal `crates/bitwarden-vault/src/totp.rs` parses it). Random entry
 * sets with awkward names round-trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BITWARDEN_HOTP_FIELD, bitwardenWarnings, exportBitwarden, type ExportEntry } from '../../../electron/export';
import { countingRandom, importedViews, SAMPLE } from './export-test-helpers';
import { base32Hex, codeView, firstTag, fullView, oddVaultArb, type Viewable } from './odd-entries';

const ENTRIES: ExportEntry[] = [
  SAMPLE.github,
  { ...SAMPLE.bank, tags: ['Work'] },
  SAMPLE.steam,
  { ...SAMPLE.noIssuer, algorithm: 'SHA1', tags: ['Home', 'Work'] },
];

/**
 * What Tessera's Bitwarden importer gives back (docs/formats.md §5): HOTP items have no TOTP key and
 * are passed over; the folder (the first tag), notes and favourites come back; an entry without an issuer is named
 * after the item (the account, as the export names it). A `steam://` key carries no names: the
 * importer names it "Steam" / "Steam account", or after the item (see {@link steamNames}).
 */
function afterBitwarden(entries: readonly ExportEntry[]): Record<string, unknown>[] {
  return entries
    .filter((e) => e.type !== 'hotp')
    .map((e: Viewable) => ({ ...fullView(e), tags: firstTag(e), issuer: e.issuer !== '' ? e.issuer : e.account }));
}

/** An imported Steam entry's names, replaced by the item's when the importer named it "Steam account". */
function steamNames(imported: Record<string, unknown>, expected: Record<string, unknown>): Record<string, unknown> {
  const fixed =
    imported['type'] === 'steam' && imported['issuer'] === 'Steam' && imported['account'] === 'Steam account';
  return fixed ? { ...imported, issuer: expected['issuer'], account: expected['account'] } : imported;
}

/** Tessera's importer read the file as `expected` says. */
async function expectImported(bytes: Uint8Array, entries: readonly ExportEntry[]): Promise<void> {
  const expected = afterBitwarden(entries);
  const imported = await importedViews(bytes, 'bitwarden');
  expect(imported.map((e, i) => steamNames(e, expected[i] ?? {}))).toEqual(expected);
}

// ---- An independent reader, from Bitwarden's code ------------------------------------------------

interface BitwardenFile {
  encrypted: boolean;
  folders: { id: string; name: string }[];
  items: Record<string, unknown>[];
}

/**
 * A TOTP key as Bitwarden's `Totp::from_str` reads it for its codes: lower-cased, then `steam://`
 * or `otpauth://` (whose type Bitwarden ignores: every link is TOTP). The names Bitwarden shows are
 * the item's, not the link's.
 */
function totpOf(key: string): Record<string, unknown> {
  const lower = key.toLowerCase();
  if (lower.startsWith('steam://'))
    return { type: 'steam', digits: 5, period: 30, algorithm: 'SHA1', secret: base32Hex(lower.slice(8)) };
  expect(lower.startsWith('otpauth://')).toBe(true);
  const q = new URL(lower).searchParams;
  return {
    type: 'totp',
    digits: Number(q.get('digits') ?? 6),
    period: Number(q.get('period') ?? 30),
    algorithm: (q.get('algorithm') ?? 'sha1').toUpperCase(),
    secret: base32Hex(q.get('secret') ?? ''),
  };
}

/** Checks the file as `parseDecrypted` reads it; answers each item as Bitwarden shows it. */
function readBitwarden(bytes: Uint8Array): { file: BitwardenFile; items: Record<string, unknown>[] } {
  const file = JSON.parse(Buffer.from(bytes).toString('utf8')) as BitwardenFile;
  expect(file.encrypted).toBe(false);
  expect(Array.isArray(file.folders)).toBe(true); // parseFolders needs the list when an item has a folderId
  const folderIds = new Set(file.folders.map((f) => f.id));
  expect(folderIds.size).toBe(file.folders.length);
  const items = file.items.map((item) => {
    expect(item).toMatchObject({ type: 1, reprompt: 0, organizationId: null, collectionIds: null });
    expect(item['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof item['name']).toBe('string');
    expect(item['name']).not.toBe('');
    const folderId = item['folderId'] as string | null;
    if (folderId !== null) expect(folderIds.has(folderId)).toBe(true);
    const login = item['login'] as { uris: unknown[]; username: string | null; password: null; totp: string | null };
    expect(login.uris).toEqual([]);
    expect(login.password).toBeNull();
    const fields = (item['fields'] as { name: string; value: string; type: number }[] | undefined) ?? [];
    return {
      name: item['name'],
      username: login.username,
      notes: item['notes'],
      favorite: item['favorite'],
      folder: file.folders.find((f) => f.id === folderId)?.name ?? null,
      totp: login.totp === null ? null : totpOf(login.totp),
      hidden: fields.filter((f) => f.type === 1).map((f) => ({ name: f.name, value: f.value })),
    };
  });
  return { file, items };
}

/** The item Bitwarden should show for an entry. */
function expectedItem(e: ExportEntry): Record<string, unknown> {
  const { type, algorithm, digits, period, secret: hex } = codeView(e);
  const totp =
    type === 'hotp'
      ? null
      : type === 'steam'
        ? { type, digits: 5, period: 30, algorithm: 'SHA1', secret: hex }
        : { type, digits, period, algorithm, secret: hex };
  return {
    name: e.issuer !== '' ? e.issuer : e.account,
    username: e.account !== '' ? e.account : null,
    notes: (e.notes ?? '') !== '' ? e.notes : null,
    favorite: e.favourite ?? false,
    folder: e.tags?.[0] ?? null,
    totp,
    hidden:
      type === 'hotp' ? [{ name: BITWARDEN_HOTP_FIELD, value: expect.stringMatching(/^otpauth:\/\/hotp\//) }] : [],
  };
}

// ---- Tests --------------------------------------------------------------------------------------

describe('Bitwarden export', () => {
  it('is read back by Tessera’s Bitwarden importer: TOTP and Steam keys, folders, notes, favourites', async () => {
    await expectImported(exportBitwarden(ENTRIES), ENTRIES);
  });

  it('has what Bitwarden’s importer reads: logins, a folder for each first tag, notes, favourites, keys', () => {
    const { file, items } = readBitwarden(exportBitwarden(ENTRIES));
    expect(file.folders.map((f) => f.name)).toEqual(['Work', 'Home']);
    expect(items).toEqual(ENTRIES.map(expectedItem));
    const raw = JSON.parse(Buffer.from(exportBitwarden(ENTRIES)).toString('utf8')) as BitwardenFile;
    const login = (i: number) => (raw.items[i]?.['login'] as { totp: string | null }).totp;
    expect(login(0)).toMatch(
      /^otpauth:\/\/totp\/GitHub:alice%40example\.com\?secret=[A-Z2-7]+&issuer=GitHub&algorithm=SHA256&digits=8&period=60$/,
    );
    expect(login(1)).toBeNull();
    expect(login(2)).toMatch(/^steam:\/\/[A-Z2-7]+$/);
    // The HOTP link, with its counter, travels in a hidden field.
    const hotp = (raw.items[1]?.['fields'] as { value: string }[])[0]?.value ?? '';
    expect(hotp).toMatch(/&counter=42$/);
  });

  it('warns that Bitwarden shows no code for HOTP accounts, and where the link went', () => {
    expect(bitwardenWarnings(ENTRIES)).toEqual([
      {
        index: 1,
        label: 'Bank (alice)',
        reason:
          'Bitwarden has no counter-based (HOTP) codes, so it will show no code for this login; its otpauth:// ' +
          'link is kept in the hidden field “HOTP otpauth:// link”',
      },
    ]);
  });

  it('is the same bytes for the same randomness, and ends with a newline', () => {
    const a = exportBitwarden(ENTRIES, { randomBytes: countingRandom() });
    expect(Buffer.from(a).equals(Buffer.from(exportBitwarden(ENTRIES, { randomBytes: countingRandom() })))).toBe(true);
    expect(Buffer.from(a).toString('utf8').endsWith('}\n')).toBe(true);
  });

  it('random entry sets: both readers get every account back', async () => {
    await fc.assert(
      fc.asyncProperty(oddVaultArb, async (entries) => {
        const bytes = exportBitwarden(entries);
        const { items } = readBitwarden(bytes);
        expect(items).toEqual(entries.map(expectedItem));
        if (entries.every((e) => e.type === 'hotp')) return; // no TOTP key: nothing for Tessera to import
        await expectImported(bytes, entries);
      }),
      { numRuns: 60 },
    );
  });
});
