// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * In-app import of other apps' export files and of Tessera backups, end to end in Node: the corpus
 * files through the open dialog and drag & drop, the password step, the review, and adding (or
 * restoring) into a real vault on disk.
 */
import { closeSync, openSync, readFileSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeTesseraBackup } from '../../../electron/export';
import type { ImportReview, ImportStep } from '../../../electron/domain';
import { base32Encode } from '../../../electron/otp';
import { toIpcError } from '../../../electron/services/error-report';
import { KDF_FLOOR, VaultError, type NewVaultEntry } from '../../../electron/vault';
import { corpusFile, describeCorpus } from '../../helpers/corpus';
import { fakeKdf } from '../export/arbitraries';
import { expectedCorpus } from '../import/expected';
import {
  closeHarnesses,
  corpusSecrets,
  openHarness,
  screenshotPath,
  secretForms,
  type Harness,
} from './import-fixtures';

function reviewOf(step: ImportStep): ImportReview {
  if (step.step !== 'review') throw new Error(`expected a review, got ${step.step}`);
  return step.review;
}

async function ipcError(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => toIpcError(error),
  );
}

const issuers = (h: Harness): string[] => h.s.entries.list().map((e) => e.issuer);

let secrets: string[] = [];
afterEach(async () => {
  await closeHarnesses(secrets);
  secrets = [];
});

describeCorpus('export files of other apps', () => {
  const aegis = () => expectedCorpus().files['aegis/aegis_encrypted.json'];

  it('encrypted Aegis: password step → wrong password → right password → review → adds exactly the ticked ones', async () => {
    secrets = corpusSecrets();
    const h = await openHarness();
    h.desktop.picked = [corpusFile('import/aegis/aegis_encrypted.json')];
    expect(h.seen(await h.s.imports.openFiles())).toEqual({
      step: 'password',
      fileName: 'aegis_encrypted.json',
      formatName: 'Aegis',
      wrongPassword: false,
    });
    expect(h.seen(await h.s.imports.filePassword('not the password'))).toMatchObject({
      step: 'password',
      wrongPassword: true,
    });
    const review = reviewOf(h.seen(await h.s.imports.filePassword(aegis()?.password ?? '')));
    const expected = aegis()?.entries ?? [];
    expect(review).toMatchObject({
      kind: 'accounts',
      title: 'Aegis',
      summary: `Found ${expected.length} accounts in aegis_encrypted.json`,
      canScanMore: false,
    });
    expect(review.candidates.map((c) => [c.issuer, c.account])).toEqual(expected.map((e) => [e.issuer, e.name]));
    expect(h.seen(h.s.imports.codes())).toHaveLength(expected.length);

    h.events.length = 0;
    expect(await h.s.imports.commit(['c4', 'c0', 'c2'], 'merge')).toEqual({ added: 3, removed: 0 });
    expect(issuers(h)).toEqual([0, 2, 4].map((i) => expected[i]?.issuer));
    expect(h.events.filter((e) => e.channel === 'entries:changed')).toHaveLength(1);
    // The review ended with the commit.
    expect(h.s.imports.codes()).toEqual([]);
    expect(await ipcError(h.s.imports.commit(['c1'], 'merge'))).toMatchObject({ code: 'not-found' });
  });

  it('a plain export dropped on the window; duplicates ticked anyway are added (the user chose)', async () => {
    secrets = corpusSecrets();
    const h = await openHarness();
    const bytes = () => new Uint8Array(readFileSync(corpusFile('import/aegis/aegis_plain.json')));
    const first = reviewOf(h.seen(await h.s.imports.readFile('C:\\Users\\me\\aegis_plain.json', bytes())));
    expect(first.candidates[0]?.source).toBe('aegis_plain.json');
    await h.s.imports.commit(['c0'], 'merge');
    const second = reviewOf(h.seen(await h.s.imports.readFile('aegis_plain.json', bytes())));
    expect(second.candidates[0]?.duplicate).toMatchObject({ of: 'vault' });
    expect(await h.s.imports.commit(['c0', 'c1'], 'merge')).toEqual({ added: 2, removed: 0 });
    expect(h.s.entries.list()).toHaveLength(3);
  });

  it('keeps an encrypted file only until the import ends: cancel and lock wipe its bytes', async () => {
    secrets = corpusSecrets();
    const h = await openHarness();
    const read = () => new Uint8Array(readFileSync(corpusFile('import/aegis/aegis_encrypted.json')));
    const kept = read();
    expect(h.seen(await h.s.imports.readFile('aegis_encrypted.json', kept))).toMatchObject({ step: 'password' });
    expect(kept.some((b) => b !== 0)).toBe(true);
    h.s.imports.cancel();
    expect(kept.every((b) => b === 0)).toBe(true);
    expect(await ipcError(h.s.imports.filePassword('test'))).toMatchObject({ code: 'not-found' });

    const again = read();
    await h.s.imports.readFile('aegis_encrypted.json', again);
    await h.s.lock('manual');
    expect(again.every((b) => b === 0)).toBe(true);

    await h.s.vault.unlock('correct horse battery');
    const plain = new Uint8Array(readFileSync(corpusFile('import/aegis/aegis_plain.json')));
    reviewOf(h.seen(await h.s.imports.readFile('aegis_plain.json', plain)));
    expect(plain.every((b) => b === 0)).toBe(true); // read, then wiped at once
  });

  it('an unknown file, several export files, or a mix with images are refused with a clear message', async () => {
    const h = await openHarness();
    const unknown = await ipcError(h.s.imports.readFile('notes.json', new TextEncoder().encode('{"hello": 1}')));
    expect(unknown).toMatchObject({ code: 'import-failed', message: expect.stringMatching(/does not recognise/) });
    h.desktop.picked = [corpusFile('import/aegis/aegis_plain.json'), corpusFile('import/bitwarden/bitwarden.json')];
    expect(await ipcError(h.s.imports.openFiles())).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/^Choose one export file at a time/),
    });
    h.desktop.picked = [screenshotPath('1920x1080_otpauth_plain_m4'), corpusFile('import/aegis/aegis_plain.json')];
    expect(await ipcError(h.s.imports.openFiles())).toMatchObject({ code: 'import-failed' });
  });

  it('lists the formats it reads, and reads a file as the format chosen when detection fails', async () => {
    secrets = corpusSecrets();
    const h = await openHarness();
    const formats = h.s.imports.formats();
    expect(formats[0]).toEqual({ id: 'aegis', name: 'Aegis' });
    expect(formats.map((f) => f.id)).toContain('otpauth-uri-list');
    expect(new Set(formats.map((f) => f.id)).size).toBe(formats.length);

    // Random bytes: not recognised, and the answer points at the format choice.
    const random = () => Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256);
    expect(await ipcError(h.s.imports.readFile('mystery.bin', random()))).toMatchObject({
      code: 'import-failed',
      field: 'format',
      message: expect.stringMatching(/does not recognise mystery\.bin.*choose that app under “Format”/),
    });
    // Read as Aegis, the same bytes give Aegis's own answer, without the format choice.
    const asAegis = await ipcError(h.s.imports.readFile('mystery.bin', random(), 'aegis'));
    expect(asAegis).toMatchObject({ code: 'import-failed', message: expect.stringMatching(/Aegis/) });
    expect(asAegis).not.toHaveProperty('field');

    // A real export renamed beyond recognition by its name, read as its format through the open dialog.
    h.desktop.picked = [corpusFile('import/aegis/aegis_plain.json')];
    expect(reviewOf(h.seen(await h.s.imports.openFiles('aegis')))).toMatchObject({ title: 'Aegis' });
    // A wrong format chosen: that format's error, never another format's guess.
    h.desktop.picked = [corpusFile('import/aegis/aegis_plain.json')];
    expect(await ipcError(h.s.imports.openFiles('2fas'))).toMatchObject({ code: 'import-failed' });
  });

  it('a file review replaces a QR review; a scan after it starts a new QR review', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DP';
    secrets = [...secretForms(secret), ...corpusSecrets()];
    const h = await openHarness();
    reviewOf(h.seen(await h.s.imports.readText(`otpauth://totp/A:b?secret=${secret}`)));
    h.desktop.picked = [corpusFile('import/bitwarden/bitwarden.json')];
    const file = reviewOf(h.seen(await h.s.imports.openFiles()));
    expect(file).toMatchObject({ title: 'Bitwarden', canScanMore: false });
    expect(file.candidates.every((c) => c.source === 'bitwarden.json')).toBe(true);
    const qr = reviewOf(h.seen(await h.s.imports.readText(`otpauth://totp/A:b?secret=${secret}`)));
    expect(qr.candidates.map((c) => [c.key, c.issuer])).toEqual([['c0', 'A']]);
  });
});

describe('files: limits and failures', () => {
  it('checks a picked file’s size before reading it', async () => {
    const h = await openHarness();
    const big = path.join(h.dir, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 60 * 1024 * 1024); // sparse: nothing is written
    closeSync(fd);
    h.desktop.picked = [big];
    expect(await ipcError(h.s.imports.openFiles())).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/^big\.json is 62\.9 MB/),
    });
    expect(await ipcError(h.s.imports.readFile('big.json', new Uint8Array(51 * 1024 * 1024)))).toMatchObject({
      code: 'import-failed',
    });
  });

  it('a failed add adds nothing and keeps the review for another try; unknown keys and replace are refused', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DP';
    secrets = secretForms(secret);
    const h = await openHarness();
    reviewOf(h.seen(await h.s.imports.readText(`otpauth://totp/A:b?secret=${secret}`)));
    expect(await ipcError(h.s.imports.commit(['c0'], 'replace'))).toMatchObject({
      code: 'invalid-entry',
      field: 'mode',
    });
    expect(await ipcError(h.s.imports.commit(['c0', 'c7'], 'merge'))).toMatchObject({
      code: 'invalid-entry',
      field: 'keys',
    });
    const add = vi.spyOn(h.s.vault.open(), 'add').mockRejectedValueOnce(new VaultError('io', 'The disk is full.'));
    expect(await ipcError(h.s.imports.commit(['c0'], 'merge'))).toEqual({ code: 'io', message: 'The disk is full.' });
    expect(h.s.entries.list()).toEqual([]);
    expect(h.s.imports.codes()).toHaveLength(1);
    expect(await h.s.imports.commit(['c0'], 'merge')).toEqual({ added: 1, removed: 0 });
    expect(add).toHaveBeenCalledTimes(2);
    expect(issuers(h)).toEqual(['A']);
  });
});

describe('restoring a Tessera backup', () => {
  const BACKUP_PASSWORD = 'backup password 1';
  const seed = (n: number): Uint8Array => new Uint8Array(20).fill(n);
  const totp = (issuer: string, n: number): NewVaultEntry => ({
    type: 'totp',
    issuer,
    account: 'me',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: seed(n),
  });

  /** A vault holding Alpha (seed 1) and Extra (seed 9), and a backup of Alpha, Bravo and Charlie. */
  async function setUp(): Promise<{ h: Harness; backup: string }> {
    secrets = [1, 2, 3, 9].flatMap((n) => secretForms(base32Encode(seed(n))));
    const h = await openHarness();
    for (const [issuer, n] of [
      ['Alpha', 1],
      ['Extra', 9],
    ] as const) {
      await h.s.entries.add({ type: 'totp', issuer, account: 'me', secret: base32Encode(seed(n)) });
    }
    const backup = path.join(h.dir, 'tessera-backup.tessera');
    await writeTesseraBackup([totp('Alpha', 1), totp('Bravo', 2), totp('Charlie', 3)], backup, BACKUP_PASSWORD, {
      kdf: fakeKdf,
      kdfParams: KDF_FLOOR,
    });
    return { h, backup };
  }

  it('merge: password step, then a backup review; adds what the vault lacks', async () => {
    const { h, backup } = await setUp();
    h.desktop.picked = [backup];
    expect(h.seen(await h.s.imports.openFiles())).toEqual({
      step: 'password',
      fileName: 'tessera-backup.tessera',
      formatName: 'Tessera backup',
      wrongPassword: false,
    });
    expect(h.seen(await h.s.imports.filePassword('wrong password'))).toMatchObject({ wrongPassword: true });
    const review = reviewOf(h.seen(await h.s.imports.filePassword(BACKUP_PASSWORD)));
    expect(review).toMatchObject({ kind: 'backup', title: 'Tessera backup', vaultEntryCount: 2, canScanMore: false });
    expect(review.candidates.map((c) => [c.issuer, c.duplicate?.of ?? null])).toEqual([
      ['Alpha', 'vault'],
      ['Bravo', null],
      ['Charlie', null],
    ]);
    expect(await h.s.imports.commit(['c0', 'c1', 'c2'], 'merge')).toEqual({ added: 2, removed: 0 });
    expect(issuers(h)).toEqual(['Alpha', 'Extra', 'Bravo', 'Charlie']);
  });

  it('replace: adds the ticked accounts first, then removes every old one with one save', async () => {
    const { h, backup } = await setUp();
    const before = h.s.entries.list().map((e) => e.id);
    reviewOf(await dropBackup(h, backup));
    const v = h.s.vault.open();
    const add = vi.spyOn(v, 'add');
    const removeMany = vi.spyOn(v, 'removeMany');
    expect(await h.s.imports.commit(['c0', 'c1', 'c2'], 'replace')).toEqual({ added: 3, removed: 2 });
    expect(issuers(h)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(h.s.entries.list().map((e) => e.id)).not.toContain(before[0]);
    expect(removeMany).toHaveBeenCalledOnce();
    expect(removeMany).toHaveBeenCalledWith(before);
    expect(add.mock.invocationCallOrder[0]).toBeLessThan(removeMany.mock.invocationCallOrder[0] ?? 0);
  });

  it('replace that cannot remove the old accounts leaves the vault fuller, never emptier', async () => {
    const { h, backup } = await setUp();
    reviewOf(await dropBackup(h, backup));
    vi.spyOn(h.s.vault.open(), 'removeMany').mockRejectedValueOnce(new VaultError('io', 'The disk is full.'));
    expect(await ipcError(h.s.imports.commit(['c1'], 'replace'))).toMatchObject({ code: 'io' });
    expect(issuers(h)).toEqual(['Alpha', 'Extra', 'Bravo']);
  });

  it('a damaged or newer backup is refused before its password is asked; an edited one after it', async () => {
    const { h, backup } = await setUp();
    const bytes = new Uint8Array(readFileSync(backup));
    expect(await ipcError(h.s.imports.readFile('cut.tessera', bytes.slice(0, 40)))).toEqual({
      code: 'import-failed',
      message: 'This Tessera backup is damaged and cannot be read.',
    });
    const newer = Uint8Array.from(bytes);
    newer[8] = 99; // format version (u16le after the magic)
    expect(await ipcError(h.s.imports.readFile('new.tessera', newer))).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/newer version of Tessera/),
    });
    const edited = Uint8Array.from(bytes);
    edited[edited.length - 1] = (edited[edited.length - 1] ?? 0) ^ 1; // the payload's tag
    expect(h.seen(await h.s.imports.readFile('edited.tessera', edited))).toMatchObject({ step: 'password' });
    expect(await ipcError(h.s.imports.filePassword(BACKUP_PASSWORD))).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/modified after it was saved/),
    });
  });

  /** Drops the backup on the window and enters its password. */
  async function dropBackup(h: Harness, backup: string): Promise<ImportStep> {
    const step = h.seen(await h.s.imports.readFile('backup.tessera', new Uint8Array(readFileSync(backup))));
    expect(step).toMatchObject({ step: 'password', formatName: 'Tessera backup' });
    return h.seen(await h.s.imports.filePassword(BACKUP_PASSWORD));
  }
});

describe('tags and icons through the review', () => {
  const BACKUP_PASSWORD = 'backup password 2';
  const totp = (issuer: string, n: number): NewVaultEntry => ({
    type: 'totp',
    issuer,
    account: 'me',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: new Uint8Array(20).fill(n),
  });

  it('an Aegis export: its groups arrive as tags on the candidates and in the vault, its icon as a custom icon', async () => {
    const h = await openHarness();
    const file = path.join(__dirname, '../../fixtures/import/aegis/aegis-export-plain-v3.json');
    const review = reviewOf(
      h.seen(await h.s.imports.readFile('aegis-export-plain-v3.json', new Uint8Array(readFileSync(file)))),
    );
    expect(review.candidates.map((c) => [c.issuer, c.tags])).toEqual([
      ['Example Mail', ['Work', 'Home']],
      ['Example Bank', ['Home']],
      ['Example Forge', []],
      ['Steam', []],
    ]);
    expect(await h.s.imports.commit(['c0', 'c1', 'c2', 'c3'], 'merge')).toEqual({ added: 4, removed: 0 });
    const vault = h.s.vault.open();
    const added = vault.entries().slice(-4);
    expect(added.map((e) => e.tags)).toEqual([['Work', 'Home'], ['Home'], [], []]);
    const mail = added[0]!;
    expect(mail.icon?.kind).toBe('custom');
    expect(mail.icon?.kind === 'custom' && vault.icons().get(mail.icon.id)?.mime).toBe('image/png');
    // The icon that is no image was left out; the account came all the same.
    expect(added[2]?.icon).toBeNull();
  });

  it('a Tessera backup restores tags and bundled or letter icon choices', async () => {
    const h = await openHarness();
    const backup = path.join(h.dir, 'tags.tessera');
    await writeTesseraBackup(
      [
        { ...totp('Alpha', 1), tags: ['Work', 'Lab'], icon: { kind: 'bundled', id: 'github' } },
        { ...totp('Bravo', 2), icon: { kind: 'letter' } },
      ],
      backup,
      BACKUP_PASSWORD,
      { kdf: fakeKdf, kdfParams: KDF_FLOOR },
    );
    h.desktop.picked = [backup];
    await h.s.imports.openFiles();
    const review = reviewOf(h.seen(await h.s.imports.filePassword(BACKUP_PASSWORD)));
    expect(review.candidates.map((c) => c.tags)).toEqual([['Work', 'Lab'], []]);
    await h.s.imports.commit(['c0', 'c1'], 'merge');
    const restored = h.s.vault.open().entries().slice(-2);
    expect(restored.map((e) => [e.issuer, e.tags, e.icon])).toEqual([
      ['Alpha', ['Work', 'Lab'], { kind: 'bundled', id: 'github' }],
      ['Bravo', [], { kind: 'letter' }],
    ]);
  });
});
