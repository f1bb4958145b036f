// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Ente Auth export (electron/export/ente.ts): read back by Tessera's own Ente importer, and by
 * a reader written here from Ente's code (ente-io/ente `auth/lib/models/code.dart`
 * `Code.fromOTPAuthUrl`, `code_display.dart` `CodeDisplay.fromUri`, and the plain-text import's
 * comma rule in `auth/lib/ui/settings/data/import/plain_text_import.dart`). Random entry sets with
 * awkward names round-trip exactly, tags, notes and favourites included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enteWarnings, exportEnte, type ExportEntry } from '../../../electron/export';
import { filledSecret, importedViews, SAMPLE } from './export-test-helpers';
import { base32Hex, codeView, fullView, oddVaultArb } from './odd-entries';

const ENTRIES: ExportEntry[] = [
  { ...SAMPLE.github, tags: ['Work, home', 'Second'], notes: 'recovery codes in the safe,\nsecond line' },
  SAMPLE.bank,
  SAMPLE.steam,
  SAMPLE.noIssuer,
  {
    type: 'totp',
    issuer: 'A:B',
    account: '',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: filledSecret(5),
  },
];

// ---- An independent reader, from Ente's code -----------------------------------------------------

/** One code as Ente Auth reads a line (`Code.fromOTPAuthUrl` and `CodeDisplay.fromUri`). */
function enteCode(line: string): Record<string, unknown> {
  const url = new URL(line); // a non-special scheme: host is the type, as in Dart's Uri
  const q = url.searchParams; // form-decoded, as Dart's queryParameters
  const path = decodeURIComponent(url.pathname).replace(/^\//, '');
  let issuer: string;
  if (q.has('issuer')) {
    const value = q.get('issuer') ?? '';
    issuer = value.includes('period=') ? value.slice(0, value.indexOf('period=')) : value;
  } else {
    issuer = path.split(':')[0] ?? '';
  }
  let account: string;
  if (q.has('issuer') && !path.includes(':')) account = path;
  else if (path.startsWith(`${issuer}:`)) account = path.slice(issuer.length + 1);
  else account = path.slice(path.indexOf(':') + 1);
  const type = url.host;
  expect(['totp', 'hotp', 'steam']).toContain(type);
  const algorithm = (q.get('algorithm') ?? '').toLowerCase();
  const display = JSON.parse((q.get('codeDisplay') ?? '').replace(/%2C/g, ',')) as Record<string, unknown>;
  expect(Object.keys(display)).toEqual([
    'pinned',
    'trashed',
    'lastUsedAt',
    'tapCount',
    'tags',
    'note',
    'position',
    'iconSrc',
    'iconID',
  ]);
  return {
    type,
    issuer,
    account,
    algorithm: algorithm === 'sha256' ? 'SHA256' : algorithm === 'sha512' ? 'SHA512' : 'SHA1',
    digits: Number.parseInt(q.get('digits') ?? (type === 'steam' ? '5' : '6'), 10),
    period: type === 'hotp' ? null : Number.parseInt(q.get('period') ?? '30', 10),
    counter: type === 'hotp' ? Number.parseInt(q.get('counter') ?? '0', 10) : null,
    secret: base32Hex((q.get('secret') ?? '').replace(/\s/g, '')),
    pinned: display['pinned'],
    trashed: display['trashed'],
    tags: display['tags'],
    note: display['note'],
    position: display['position'],
  };
}

/** The whole file as Ente's plain-text import reads it. */
function readEnte(bytes: Uint8Array): Record<string, unknown>[] {
  const text = Buffer.from(bytes).toString('utf8');
  expect(text.startsWith('otpauth://')).toBe(true);
  // Ente splits a file holding any comma at the commas (an older comma-separated form).
  expect(text).not.toContain(',');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map(enteCode);
}

function expectedCode(e: ExportEntry, position: number): Record<string, unknown> {
  return {
    ...codeView(e),
    pinned: e.favourite ?? false,
    trashed: false,
    tags: [...(e.tags ?? [])],
    note: e.notes ?? '',
    position,
  };
}

// ---- Tests --------------------------------------------------------------------------------------

describe('Ente Auth export', () => {
  it('is read back exactly by Tessera’s Ente importer: tags, notes, favourites, HOTP and Steam', async () => {
    expect(await importedViews(exportEnte(ENTRIES), 'ente')).toEqual(ENTRIES.map(fullView));
  });

  it('is what Ente Auth reads: names, parameters and codeDisplay, no comma anywhere', () => {
    expect(readEnte(exportEnte(ENTRIES))).toEqual(ENTRIES.map(expectedCode));
  });

  it('writes links as Ente writes them: parameter order, lower-case algorithm, issuer always present', () => {
    const lines = Buffer.from(exportEnte(ENTRIES)).toString('utf8').split('\n');
    const display = (i: number): string => /&codeDisplay=(.*)$/.exec(lines[i] ?? '')?.[1] ?? '';
    expect(lines[0]).toMatch(
      /^otpauth:\/\/totp\/GitHub:alice%40example\.com\?algorithm=sha256&digits=8&issuer=GitHub&period=60&secret=[A-Z2-7]+&codeDisplay=/,
    );
    expect(decodeURIComponent(display(0))).toBe(
      '{"pinned":true,"trashed":false,"lastUsedAt":0,"tapCount":0,"tags":["Work, home","Second"],' +
        '"note":"recovery codes in the safe,\\nsecond line","position":0,"iconSrc":"","iconID":""}',
    );
    expect(lines[1]).toMatch(
      /^otpauth:\/\/hotp\/Bank:alice\?algorithm=sha1&digits=6&issuer=Bank&period=30&secret=[A-Z2-7]+&counter=42&/,
    );
    expect(lines[2]).toMatch(/^otpauth:\/\/steam\/Steam:gamer\?algorithm=sha1&digits=5&issuer=Steam&period=30&secret=/);
    expect(lines[3]).toMatch(/^otpauth:\/\/totp\/:bob%3Ahome\?algorithm=sha512&digits=6&issuer=&period=30&/);
    expect(lines[4]).toMatch(/^otpauth:\/\/totp\/A%3AB:\?[^]*&issuer=A%3AB&/);
    expect(lines[5]).toBe('');
    expect(exportEnte([])).toEqual(new Uint8Array(0));
  });

  it('warns about an issuer Ente would cut', () => {
    const cut = { ...(ENTRIES[0] as ExportEntry), issuer: 'Shop period=7' };
    expect(enteWarnings([...ENTRIES, cut])).toEqual([
      {
        index: 5,
        label: 'Shop period=7 (alice@example.com)',
        reason: 'Ente Auth cuts an issuer at the text “period=”',
      },
    ]);
    expect(enteWarnings(ENTRIES)).toEqual([]);
    expect(readEnte(exportEnte([cut]))[0]).toMatchObject({ issuer: 'Shop ' });
  });

  it('random entry sets: both readers get every account back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(oddVaultArb, async (entries) => {
        const bytes = exportEnte(entries);
        expect(readEnte(bytes)).toEqual(entries.map(expectedCode));
        expect(await importedViews(bytes, 'ente')).toEqual(entries.map(fullView));
      }),
      { numRuns: 80 },
    );
  });
});
