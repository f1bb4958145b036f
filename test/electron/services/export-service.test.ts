// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exports through the desktop services, end to end in Node: a real vault on disk (fast fake KDF),
 * a fake save dialog writing into a temp folder, and the project's own importers, backup reader and
 * QR decoder reading the results back. Checks the master-password gate and its time limit, and
 * that no answer ever carries a secret's text.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBackup, type ExportEntry } from '../../../electron/export';
import { importFile, type ImportedEntry } from '../../../electron/import';
import { classifyQrText, decodeImage, decodeQr } from '../../../electron/import/qr';
import type { ExportQrView } from '../../../electron/domain';
import { base32Encode } from '../../../electron/otp';
import { toIpcError } from '../../../electron/services/error-report';
import type { AppServices } from '../../../electron/services/app-services';
import type { NewVaultEntry } from '../../../electron/vault';
import { fakeKdf } from '../export/arbitraries';
import { DAY, EXPORT_PASSWORD, mixedEntries, PASSWORD, totp, useExportHarness } from './export-harness';

const h = useExportHarness('tessera-export-service-');

const MIXED = (): NewVaultEntry[] => mixedEntries({ period: 60, algorithm: 'SHA512' });

/** What must survive a round trip: the code parameters, the names and the secret. */
function core(e: ExportEntry | ImportedEntry): string {
  return JSON.stringify([
    e.type,
    e.issuer,
    e.account,
    e.algorithm,
    e.digits,
    e.type === 'hotp' ? null : e.period,
    e.type === 'hotp' ? e.counter : null,
    Buffer.from(e.secret).toString('hex'),
  ]);
}

const cores = (entries: readonly (ExportEntry | ImportedEntry)[]): string[] => entries.map(core).sort();

/** The tags each account of an import came with (none: []), in file order. */
const fromTwoFasTags = (result: { entries: readonly ImportedEntry[] }): (readonly string[])[] =>
  result.entries.map((e) => e.tags ?? []);

/** The PNG behind a view's data URL, decoded with the project's QR reader. */
async function qrText(view: ExportQrView): Promise<string> {
  const prefix = 'data:image/png;base64,';
  expect(view.image.startsWith(prefix)).toBe(true);
  const image = await decodeImage(new Uint8Array(Buffer.from(view.image.slice(prefix.length), 'base64')));
  const codes = await decodeQr(image);
  expect(codes).toHaveLength(1);
  return codes[0]?.text ?? '';
}

describe('export authorisation', () => {
  it('refuses a wrong master password, and then every export', async () => {
    const s = await h.vaultWith(MIXED());
    await expect(s.exports.authorize('wrong password!')).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    h.nextSave = 'links.txt';
    const refused = await s.exports.save('uri-list').catch((e: unknown) => toIpcError(e));
    expect(refused).toEqual({ code: 'password-required', message: 'Enter your master password again to export.' });
    await expect(s.exports.qr('entry', 0)).rejects.toThrow(/master password again/);
    expect(h.dialogs).toEqual([]);
    expect(readdirSync(h.outDir)).toEqual([]);
  });

  it('a wrong password after a right one ends the authorisation', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    await expect(s.exports.authorize('wrong password!')).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    await expect(s.exports.qr('entry', 0)).rejects.toMatchObject({ name: 'PasswordRequiredError' });
  });

  it('lasts five minutes of the clock, and ends at once on end() and on lock', async () => {
    const s = await h.vaultWith(MIXED());
    expect(await s.exports.authorize(PASSWORD)).toEqual({ validForSeconds: 300 });
    h.clock.advance(299_999);
    expect((await s.exports.qr('entry', 0)).count).toBe(4);
    h.clock.advance(1);
    await expect(s.exports.qr('entry', 0)).rejects.toMatchObject({ name: 'PasswordRequiredError' });
    expect(s.vault.isUnlocked()).toBe(true); // the time limit, not the idle lock (which is off)

    await s.exports.authorize(PASSWORD);
    s.exports.end();
    await expect(s.exports.qr('entry', 0)).rejects.toMatchObject({ name: 'PasswordRequiredError' });

    await s.exports.authorize(PASSWORD);
    await s.lock('manual');
    await s.vault.unlock(PASSWORD);
    await expect(s.exports.qr('entry', 0)).rejects.toMatchObject({ name: 'PasswordRequiredError' });
  });
});

describe('file exports', () => {
  it('saves every format through the save dialog; the project’s own readers get the same accounts back', async () => {
    const entries = MIXED();
    const expected = cores(entries);
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);

    h.nextSave = 'backup.tessera';
    const tessera = await s.exports.save('tessera', EXPORT_PASSWORD);
    expect(tessera).toEqual({ status: 'saved', path: path.join(h.outDir, 'backup.tessera'), count: 4, warnings: [] });
    const restored = await readBackup(path.join(h.outDir, 'backup.tessera'), EXPORT_PASSWORD, { kdf: fakeKdf });
    expect(cores(restored)).toEqual(expected);
    expect(restored.find((e) => e.issuer === 'GitHub')).toMatchObject({
      tags: ['Work', 'Code'],
      notes: 'recovery codes in the safe',
      favourite: true,
    });

    h.nextSave = 'aegis.json';
    expect(await s.exports.save('aegis', EXPORT_PASSWORD)).toMatchObject({ status: 'saved', count: 4, warnings: [] });
    const aegisBytes = readFileSync(path.join(h.outDir, 'aegis.json'));
    await expect(importFile(aegisBytes, { password: 'not the password' })).rejects.toMatchObject({
      kind: 'wrong-password',
    });
    expect(cores((await importFile(aegisBytes, { password: EXPORT_PASSWORD })).entries)).toEqual(expected);

    h.nextSave = 'aegis-plain.json';
    expect(await s.exports.save('aegis-plain')).toMatchObject({ status: 'saved', count: 4, warnings: [] });
    const plain = await importFile(readFileSync(path.join(h.outDir, 'aegis-plain.json')));
    expect(plain.format).toBe('aegis');
    expect(cores(plain.entries)).toEqual(expected);

    h.nextSave = 'links.txt';
    const links = await s.exports.save('uri-list');
    expect(links).toMatchObject({ status: 'saved', count: 4 });
    expect(links.status === 'saved' && links.warnings).toEqual([
      'Steam (gamer): few apps other than Tessera read Steam Guard accounts from otpauth:// links',
      'Tags, notes, favourites and icons are not part of otpauth:// links: 1 account loses its here.',
    ]);
    const list = await importFile(readFileSync(path.join(h.outDir, 'links.txt')), { fileName: 'links.txt' });
    expect(cores(list.entries)).toEqual(expected);

    for (const name of readdirSync(h.outDir)) expect(statSync(path.join(h.outDir, name)).mode & 0o777).toBe(0o600);
    expect(readdirSync(h.outDir).sort()).toEqual(['aegis-plain.json', 'aegis.json', 'backup.tessera', 'links.txt']);
    expect(h.dialogs.map((d) => [d.defaultName, d.filters.flatMap((f) => f.extensions)])).toEqual([
      [`tessera-backup-${DAY}.tessera`, ['tessera']],
      [`aegis-export-${DAY}.json`, ['json']],
      [`aegis-export-plain-${DAY}.json`, ['json']],
      [`otpauth-links-${DAY}.txt`, ['txt']],
    ]);
  });

  it('saves 2FAS (encrypted and plain), Bitwarden and Ente Auth files that Tessera’s importers read back', async () => {
    const entries = MIXED();
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    const read = (name: string, password?: string) =>
      importFile(readFileSync(path.join(h.outDir, name)), password === undefined ? {} : { password });

    h.nextSave = 'backup.2fas';
    const twoFas = await s.exports.save('2fas', EXPORT_PASSWORD);
    expect(twoFas).toMatchObject({ status: 'saved', path: path.join(h.outDir, 'backup.2fas'), count: 4 });
    expect(twoFas.status === 'saved' && twoFas.warnings).toEqual([
      '2FAS keeps one group per account: the first tag is used (1 account has more).',
      'Notes and favourites are not part of a 2FAS backup: 1 account loses its here.',
    ]);
    expect(fromTwoFasTags(await read('backup.2fas', EXPORT_PASSWORD))).toEqual([['Work'], [], [], []]);
    await expect(read('backup.2fas', 'not the password')).rejects.toMatchObject({ kind: 'wrong-password' });
    const fromTwoFas = await read('backup.2fas', EXPORT_PASSWORD);
    expect(fromTwoFas.format).toBe('2fas');
    expect(cores(fromTwoFas.entries)).toEqual(cores(entries));

    h.nextSave = 'plain.2fas';
    expect(await s.exports.save('2fas-plain')).toMatchObject({ status: 'saved', count: 4 });
    expect(cores((await read('plain.2fas')).entries)).toEqual(cores(entries));

    h.nextSave = 'bitwarden.json';
    const bitwarden = await s.exports.save('bitwarden');
    expect(bitwarden).toMatchObject({ status: 'saved', count: 4 });
    expect(bitwarden.status === 'saved' && bitwarden.warnings).toEqual([
      'Bank (alice): Bitwarden has no counter-based (HOTP) codes, so it will show no code for this login; its ' +
        'otpauth:// link is kept in the hidden field “HOTP otpauth:// link”',
      'Bitwarden keeps one folder per account: the first tag is used (1 account has more).',
    ]);
    const fromBitwarden = await read('bitwarden.json');
    expect(fromBitwarden.format).toBe('bitwarden');
    // The HOTP login has no TOTP key: Bitwarden (and Tessera reading Bitwarden) passes it over.
    expect(fromBitwarden.entries.map((e) => [e.type, Buffer.from(e.secret).toString('hex')])).toEqual(
      entries.filter((e) => e.type !== 'hotp').map((e) => [e.type, Buffer.from(e.secret).toString('hex')]),
    );

    h.nextSave = 'ente.txt';
    expect(await s.exports.save('ente')).toEqual({
      status: 'saved',
      path: path.join(h.outDir, 'ente.txt'),
      count: 4,
      warnings: [],
    });
    const fromEnte = await read('ente.txt');
    expect(fromEnte.format).toBe('ente');
    expect(cores(fromEnte.entries)).toEqual(cores(entries));
    expect(fromEnte.entries.find((e) => e.issuer === 'GitHub')).toMatchObject({
      tags: ['Work', 'Code'],
      notes: 'recovery codes in the safe',
      favourite: true,
    });

    for (const name of readdirSync(h.outDir)) expect(statSync(path.join(h.outDir, name)).mode & 0o777).toBe(0o600);
    expect(h.dialogs.map((d) => [d.title, d.defaultName, d.filters.flatMap((f) => f.extensions)])).toEqual([
      ['Save an encrypted 2FAS backup', `2fas-backup-${DAY}.2fas`, ['2fas']],
      ['Save an unencrypted 2FAS backup', `2fas-backup-plain-${DAY}.2fas`, ['2fas']],
      ['Save a Bitwarden export (unencrypted JSON)', `bitwarden-export-${DAY}.json`, ['json']],
      ['Save an Ente Auth export (unencrypted text)', `ente-auth-codes-${DAY}.txt`, ['txt']],
    ]);
  });

  it('counts only the accounts a 2FAS backup holds, and refuses when it would hold none', async () => {
    const big: NewVaultEntry = { ...totp('Big', 'counter', 9), type: 'hotp', period: null, counter: 2 ** 31 };
    const s = await h.vaultWith([big, totp('GitHub', 'alice', 1)]);
    await s.exports.authorize(PASSWORD);
    h.nextSave = 'one.2fas';
    const saved = await s.exports.save('2fas-plain');
    expect(saved).toMatchObject({ status: 'saved', count: 1 });
    expect(saved.status === 'saved' && saved.warnings).toEqual([
      'Big (counter): not exported: 2FAS stores counters up to 2,147,483,647 and this one is larger',
    ]);
    expect((await importFile(readFileSync(path.join(h.outDir, 'one.2fas')))).entries.map((e) => e.issuer)).toEqual([
      'GitHub',
    ]);
    const github = s.entries.list().find((e) => e.issuer === 'GitHub');
    await s.entries.remove(github?.id ?? '');
    h.nextSave = 'none.2fas';
    expect(await s.exports.save('2fas', EXPORT_PASSWORD).catch(toIpcError)).toEqual({
      code: 'not-found',
      message: 'None of the accounts can be saved in this format. Choose another format.',
    });
    expect(h.dialogs).toHaveLength(1);
  });

  it('replaces a file the user confirmed in the dialog, private (0600) whatever its mode was', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    for (const [format, name] of [
      ['uri-list', 'old.txt'],
      ['tessera', 'old.tessera'],
    ] as const) {
      writeFileSync(path.join(h.outDir, name), 'old content', { mode: 0o644 });
      h.nextSave = name;
      await s.exports.save(format, format === 'tessera' ? EXPORT_PASSWORD : undefined);
      expect(statSync(path.join(h.outDir, name)).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(h.outDir, name), 'utf8')).not.toBe('old content');
    }
    expect(readdirSync(h.outDir).sort()).toEqual(['old.tessera', 'old.txt']); // no temp files left
  });

  it('exports what the user sees: an account being deleted is left out', async () => {
    const s = await h.vaultWith(MIXED());
    const github = s.entries.list().find((e) => e.issuer === 'GitHub');
    await s.entries.remove(github?.id ?? '');
    await s.exports.authorize(PASSWORD);
    h.nextSave = 'links.txt';
    expect(await s.exports.save('uri-list')).toMatchObject({ count: 3 });
    const list = await importFile(readFileSync(path.join(h.outDir, 'links.txt')), { fileName: 'links.txt' });
    expect(list.entries.map((e) => e.issuer).sort()).toEqual(['Bank', 'Slow', 'Steam']);
  });

  it('a cancelled dialog writes nothing', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    h.nextSave = null;
    expect(await s.exports.save('aegis', EXPORT_PASSWORD)).toEqual({ status: 'cancelled' });
    expect(await s.exports.save('uri-list')).toEqual({ status: 'cancelled' });
    expect(h.dialogs).toHaveLength(2);
    expect(readdirSync(h.outDir)).toEqual([]);
  });

  it('a Tessera backup under another password opens with that password only', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    h.nextSave = 'other.tessera';
    await s.exports.save('tessera', EXPORT_PASSWORD);
    const file = path.join(h.outDir, 'other.tessera');
    await expect(readBackup(file, PASSWORD, { kdf: fakeKdf })).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    expect(await readBackup(file, EXPORT_PASSWORD, { kdf: fakeKdf })).toHaveLength(4);
    // Keeping the master password (the renderer sends it again) works as well.
    h.nextSave = 'same.tessera';
    await s.exports.save('tessera', PASSWORD);
    expect(await readBackup(path.join(h.outDir, 'same.tessera'), PASSWORD, { kdf: fakeKdf })).toHaveLength(4);
  });

  it('checks the export password for the format before showing the dialog', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    h.nextSave = 'x';
    const failures = await Promise.all([
      s.exports.save('tessera', 'short').catch(toIpcError),
      s.exports.save('tessera').catch(toIpcError),
      s.exports.save('aegis', '').catch(toIpcError),
      s.exports.save('uri-list', 'a password').catch(toIpcError),
      s.exports.save('2fas').catch(toIpcError),
      s.exports.save('keepass', '').catch(toIpcError),
      s.exports.save('bitwarden', 'a password').catch(toIpcError),
      s.exports.save('ente', 'a password').catch(toIpcError),
      s.exports.save('2fas-plain', 'a password').catch(toIpcError),
    ]);
    expect(failures.map((f) => 'code' in f && [f.code, f.field])).toEqual(
      Array(9).fill(['weak-password', 'exportPassword']),
    );
    const plain = 'This format is not encrypted and takes no password. Nothing was saved.';
    const missing = 'Choose a password for the encrypted export.';
    expect(failures.map((f) => 'message' in f && f.message)).toEqual([
      'Choose a backup password of at least 10 characters.',
      missing,
      missing,
      plain,
      missing,
      missing,
      plain,
      plain,
      plain,
    ]);
    expect(h.dialogs).toEqual([]);
  });

  it('never writes over the vault file, and says which file it could not write', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    h.nextSave = path.join('..', 'vault.tessera');
    expect(await s.exports.save('uri-list').catch(toIpcError)).toMatchObject({ code: 'invalid-entry', field: 'path' });
    writeFileSync(path.join(h.outDir, 'blocker'), '');
    h.nextSave = path.join('blocker', 'links.txt');
    expect(await s.exports.save('uri-list').catch(toIpcError)).toEqual({
      code: 'io',
      message: expect.stringMatching(/^Cannot save links\.txt there \(E[A-Z]+\)\. Choose another folder\.$/),
    });
  });
});

describe('QR exports', () => {
  it('splits 23 transferable accounts into 3 transfer codes of one batch and names the 60-second one', async () => {
    const entries = Array.from({ length: 23 }, (_, i) => totp(`Service ${i + 1}`, `user${i + 1}`, i + 10));
    entries.splice(5, 0, totp('Slow', 'bob', 99, { period: 60 }));
    const s = await h.vaultWith(entries);
    await s.exports.authorize(PASSWORD);
    const views = [await s.exports.qr('migration', 0), await s.exports.qr('migration', 1)];
    views.push(await s.exports.qr('migration', 2));
    expect(views.map((v) => [v.index, v.count, v.title, v.accounts.length])).toEqual([
      [0, 3, 'Transfer code 1 of 3', 10],
      [1, 3, 'Transfer code 2 of 3', 10],
      [2, 3, 'Transfer code 3 of 3', 3],
    ]);
    expect(views[0]?.accounts[0]).toBe('Service 1 (user1)');
    expect(views[0]?.accounts).not.toContain('Slow (bob)');
    for (const v of views) {
      expect(v.warnings).toEqual([
        'Slow (bob): a 60-second period cannot be carried by a transfer code (always 30 seconds)',
      ]);
    }

    const decoded = await Promise.all(views.map(async (v) => classifyQrText(await qrText(v))));
    const batchIds = new Set<number>();
    decoded.forEach((payload, i) => {
      if (payload.kind !== 'migration') throw new Error(`expected a transfer code, got ${payload.kind}`);
      expect(payload.batch).toMatchObject({ index: i, size: 3 });
      batchIds.add(payload.batch.id);
      expect(payload.entries.map((e) => `${e.issuer} (${e.account})`)).toEqual(views[i]?.accounts);
    });
    expect(batchIds.size).toBe(1);
    const third = decoded[2];
    const carried = third?.kind === 'migration' ? third.entries : [];
    expect(cores(carried)).toEqual(cores(entries.filter((e) => e.period === 30).slice(20)));

    expect(await s.exports.qr('migration', 3).catch(toIpcError)).toMatchObject({
      code: 'invalid-entry',
      field: 'index',
    });
  });

  it('gives one otpauth:// code per account, titled "Issuer (account)"', async () => {
    const entries = MIXED();
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    const first = await s.exports.qr('entry', 0);
    expect(first).toMatchObject({ index: 0, count: entries.length, title: 'GitHub (alice@example.com)', warnings: [] });
    expect(first.accounts).toEqual(['GitHub (alice@example.com)']);
    const payload = classifyQrText(await qrText(first));
    expect(payload.kind === 'otpauth' && core(payload.entry)).toBe(core(entries[0] as NewVaultEntry));
    const steam = await s.exports.qr('entry', 2);
    expect(steam.warnings).toEqual([
      'Steam (gamer): few apps other than Tessera read Steam Guard accounts from otpauth:// links',
    ]);
    await expect(s.exports.qr('entry', entries.length)).rejects.toMatchObject({ field: 'index' });
  });

  it('says so when there is nothing to export', async () => {
    const s = await h.vaultWith([]);
    await s.exports.authorize(PASSWORD);
    for (const kind of ['migration', 'entry'] as const) {
      expect(await s.exports.qr(kind, 0).catch(toIpcError)).toEqual({
        code: 'not-found',
        message: 'There are no accounts to export.',
      });
    }
    h.nextSave = 'empty.txt';
    expect(await s.exports.save('uri-list').catch(toIpcError)).toMatchObject({ code: 'not-found' });
    expect(h.dialogs).toEqual([]);

    await s.vault.open().add([totp('Slow', 'bob', 4, { period: 60 })]);
    expect(await s.exports.qr('migration', 0).catch(toIpcError)).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/one QR code per account instead/),
    });
  });
});

describe('exporting a selection', () => {
  /** The vault's ids by issuer. */
  const idsOf = (s: AppServices): Record<string, string> =>
    Object.fromEntries(s.entries.list().map((e) => [e.issuer, e.id]));

  it('limits the session’s files and QR codes of both kinds to the chosen accounts, in the order given', async () => {
    const s = await h.vaultWith(MIXED());
    const id = idsOf(s);
    expect(await s.exports.authorize(PASSWORD, [id.Slow!, id.GitHub!, id.Steam!])).toEqual({ validForSeconds: 300 });

    h.nextSave = 'links.txt';
    expect(await s.exports.save('uri-list')).toMatchObject({ status: 'saved', count: 3 });
    const list = await importFile(readFileSync(path.join(h.outDir, 'links.txt')), { fileName: 'links.txt' });
    expect(list.entries.map((e) => e.issuer)).toEqual(['Slow', 'GitHub', 'Steam']);

    h.nextSave = 'backup.tessera';
    await s.exports.save('tessera', EXPORT_PASSWORD);
    const restored = await readBackup(path.join(h.outDir, 'backup.tessera'), EXPORT_PASSWORD, { kdf: fakeKdf });
    expect(restored.map((e) => e.issuer).sort()).toEqual(['GitHub', 'Slow', 'Steam']);

    const views = [await s.exports.qr('entry', 0), await s.exports.qr('entry', 1), await s.exports.qr('entry', 2)];
    expect(views.map((v) => [v.title, v.count])).toEqual([
      ['Slow (bob)', 3],
      ['GitHub (alice@example.com)', 3],
      ['Steam (gamer)', 3],
    ]);
    await expect(s.exports.qr('entry', 3)).rejects.toMatchObject({ field: 'index' });
    // The transfer code carries the chosen accounts Google Authenticator can take (not Steam, nor 60 s).
    const transfer = await s.exports.qr('migration', 0);
    expect(transfer).toMatchObject({ count: 1, accounts: ['GitHub (alice@example.com)'] });
    expect(transfer.warnings).toHaveLength(2);
    const decoded = classifyQrText(await qrText(transfer));
    expect(decoded.kind === 'migration' && decoded.entries.map((e) => e.issuer)).toEqual(['GitHub']);
  });

  it('one account: its QR code alone', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD, [idsOf(s).Bank!]);
    const view = await s.exports.qr('entry', 0);
    expect(view).toMatchObject({ index: 0, count: 1, title: 'Bank (alice)', accounts: ['Bank (alice)'] });
    const payload = classifyQrText(await qrText(view));
    expect(payload.kind === 'otpauth' && core(payload.entry)).toBe(core(MIXED()[1]!));
  });

  it('refuses accounts it does not know, in plain words, and authorises nothing', async () => {
    const s = await h.vaultWith(MIXED());
    const unknown = '0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5a';
    for (const ids of [[unknown], [idsOf(s).GitHub!, unknown], []]) {
      const refused = await s.exports.authorize(PASSWORD, ids).catch(toIpcError);
      expect(refused).toMatchObject({ code: 'invalid-entry', field: 'ids' });
      expect((refused as { message: string }).message).toMatch(/^(One of the chosen accounts|Choose at least one)/);
      await expect(s.exports.qr('entry', 0)).rejects.toMatchObject({ name: 'PasswordRequiredError' });
    }
    // An account being deleted is not one the user can choose.
    const bank = idsOf(s).Bank!;
    await s.entries.remove(bank);
    await expect(s.exports.authorize(PASSWORD, [bank])).rejects.toMatchObject({ field: 'ids' });
  });

  it('still needs the master password, lasts as long, and the next authorisation is for every account again', async () => {
    const s = await h.vaultWith(MIXED());
    const id = idsOf(s);
    await expect(s.exports.authorize('wrong password!', [id.GitHub!])).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    await s.exports.authorize(PASSWORD, [id.GitHub!]);
    h.clock.advance(299_999);
    expect((await s.exports.qr('entry', 0)).count).toBe(1);
    h.clock.advance(1);
    await expect(s.exports.qr('entry', 0)).rejects.toMatchObject({ name: 'PasswordRequiredError' });
    await s.exports.authorize(PASSWORD);
    expect((await s.exports.qr('entry', 0)).count).toBe(4);
  });

  it('leaves out a chosen account deleted after the authorisation', async () => {
    const s = await h.vaultWith(MIXED());
    const id = idsOf(s);
    await s.exports.authorize(PASSWORD, [id.GitHub!, id.Slow!]);
    await s.entries.remove(id.GitHub!);
    const view = await s.exports.qr('entry', 0);
    expect(view).toMatchObject({ count: 1, title: 'Slow (bob)' });
  });
});

describe('secrets', () => {
  it('no answer or event carries a secret as text', async () => {
    const entries = MIXED();
    const s = await h.vaultWith(MIXED());
    const answers: unknown[] = [];
    const keep = async (p: Promise<unknown>): Promise<void> => {
      answers.push(await p.catch(toIpcError));
    };
    await keep(s.exports.authorize('wrong password!'));
    await keep(s.exports.qr('migration', 0));
    await keep(s.exports.authorize(PASSWORD));
    const formats = ['tessera', 'aegis', 'aegis-plain', '2fas', '2fas-plain', 'bitwarden', 'ente', 'uri-list'] as const;
    const encrypted = new Set<string>(['tessera', 'aegis', '2fas']);
    for (const format of formats) {
      h.nextSave = `export-${format}`;
      await keep(s.exports.save(format, encrypted.has(format) ? EXPORT_PASSWORD : undefined));
    }
    await keep(s.exports.qr('migration', 0));
    for (let i = 0; i < entries.length; i++) await keep(s.exports.qr('entry', i));
    await keep(s.exports.qr('entry', 99));
    const text = JSON.stringify([answers, h.events]);
    expect(answers).toHaveLength(3 + formats.length + 1 + entries.length + 1);
    for (const e of entries) {
      expect(text).not.toContain(base32Encode(e.secret));
      expect(text).not.toContain(base32Encode(e.secret).replace(/=+$/, ''));
    }
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(EXPORT_PASSWORD);
    expect(text).not.toMatch(/secret=|otpauth:\/\/totp|otpauth-migration:/);
  });
});
