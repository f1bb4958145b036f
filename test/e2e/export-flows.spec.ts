// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exporting accounts and automatic backups, in Chromium against the built renderer and the real
 * services: each export format is saved through the scripted save dialog and read back with the
 * project's own readers (Tessera backups, the Aegis importer, the otpauth parser, the QR decoder);
 * the five-minute export authorisation runs out on main's fake clock; automatic backups follow the
 * debounce, keep the newest N, move folder and are written before a lock. No secret crosses the
 * bridge in any of these flows (checked after each test).
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { backupFileName, readBackup } from '../../electron/export';
import { importFile } from '../../electron/import';
import { classifyQrText } from '../../electron/import/qr';
import { base32Encode, parseMigrationUri, parseOtpauthUri } from '../../electron/otp';
import { expect, test, type TestApp } from './fixtures';
import {
  authorize,
  backupFiles,
  chooseFormat,
  expectNoSecretInIpc,
  fixtureAccounts,
  labelOf,
  openExport,
  seedAccounts,
  shownQrText,
  type FixtureAccount,
} from './export-steps';
import { createVault, PASSWORD } from './steps';

/** A password the strength meter rates strong, for the encrypted exports' own password. */
const EXPORT_PASSWORD = 'lantern quarry velvet osprey 1987';
/** Every fixture any test here adds (secrets depend on the index only). */
const ALL_FIXTURES = fixtureAccounts(12);
/** How long one entry of the master password allows exports (export-service EXPORT_AUTH_SECONDS). */
const AUTH_MS = 5 * 60_000;
/** The automatic backup's quiet time after a change (BACKUP_DEFAULTS.debounceMs). */
const DEBOUNCE_MS = 5_000;

/** What an export or a backup held, reduced to what identifies an account. */
interface Found {
  readonly issuer: string;
  readonly account: string;
  readonly period: number | null;
  readonly secret: Uint8Array;
}

const shape = (list: readonly Found[]) =>
  list
    .map((e) => ({ issuer: e.issuer, account: e.account, period: e.period, secret: base32Encode(e.secret) }))
    .sort((a, b) => a.issuer.localeCompare(b.issuer));

/** The found accounts are exactly `expected`, secrets included. */
function expectAccounts(found: readonly Found[], expected: readonly FixtureAccount[]): void {
  expect(shape(found)).toEqual(
    shape(expected.map((a) => ({ issuer: a.issuer, account: a.account, period: a.period, secret: a.secret }))),
  );
}

/** The backup folder Settings shows: text in the "Backup folder" group, not a field. */
const shownFolder = (settings: Locator, folder: string): Locator =>
  settings.getByRole('group', { name: 'Backup folder' }).getByText(folder, { exact: true });

/** The QR viewer's "2 of 3". */
const position = (dialog: Locator): Locator => dialog.getByRole('status').filter({ hasText: /^\d+ of \d+$/ });

/** The vault's fake clock (this file runs every test with one). */
function mainClock(app: TestApp) {
  if (!app.clock) throw new Error('this test needs the fake main clock');
  return app.clock;
}

/** Creates the vault with the idle lock off, so moving main's clock locks only when a test says so. */
async function start(app: TestApp): Promise<string> {
  await createVault(app);
  await app.services.settings.update({ autoLockMinutes: 0 });
  const exportsDir = path.join(app.dataDir, 'exports');
  mkdirSync(exportsDir);
  return exportsDir;
}

test.use({ mainClock: 'fake' });
// On a shared two-core machine under load (load average 10–16) these took 8–38 s each: 30 s left no margin.
test.describe.configure({ timeout: 60_000 });

test.afterEach(async ({ app }) => {
  expectNoSecretInIpc(app, ALL_FIXTURES);
  // The passwords go to main in requests; nothing main sends back carries them.
  const toPage = JSON.stringify(app.ipcLog.filter((r) => r.direction !== 'request'));
  expect(toPage).not.toContain(PASSWORD);
  expect(toPage).not.toContain(EXPORT_PASSWORD);
});

test.describe('export accounts', () => {
  test('Tessera backup: a wrong master password writes nothing; the right one saves a 0600 file that opens with it', async ({
    app,
  }) => {
    const exportsDir = await start(app);
    const accounts = fixtureAccounts(3);
    await seedAccounts(app, accounts);
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'Tessera backup (encrypted)');

    await authorize(dialog, 'not the master password');
    await expect(dialog.getByText('The password is wrong.')).toBeVisible();
    expect(app.desktop.calls).not.toContain('pickSavePath');
    expect(readdirSync(exportsDir)).toEqual([]);

    await authorize(dialog);
    await expect(dialog.getByRole('radio', { name: 'Use my master password' })).toBeChecked();
    const out = path.join(exportsDir, 'backup.tessera');
    app.desktop.savePath = out;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText(`Saved 3 accounts to ${out}`)).toBeVisible();
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(exportsDir)).toEqual(['backup.tessera']);

    const restored = await readBackup(out, PASSWORD);
    expectAccounts(restored, accounts);
    // …and the same as the vault holds.
    expectAccounts(app.services.vault.open().entries(), accounts);
    for (const e of restored) e.secret.fill(0);
    await expect(readBackup(out, 'not the master password')).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });

    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.page.getByRole('button', { name: 'Export accounts…' })).toBeFocused();
  });

  test('Aegis vault with its own password imports with the Aegis importer; a wrong password fails', async ({ app }) => {
    const exportsDir = await start(app);
    const accounts = fixtureAccounts(3);
    await seedAccounts(app, accounts);
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'Aegis vault (encrypted)');
    await authorize(dialog);
    await dialog.getByLabel('Export password', { exact: true }).fill(EXPORT_PASSWORD);
    await dialog.getByLabel('Confirm export password').fill(EXPORT_PASSWORD);
    const out = path.join(exportsDir, 'aegis.json');
    app.desktop.savePath = out;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText(`Saved 3 accounts to ${out}`)).toBeVisible();
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const bytes = new Uint8Array(readFileSync(out));
    const text = Buffer.from(bytes).toString('utf8');
    for (const a of accounts) expect(text.toLowerCase()).not.toContain(a.base32.toLowerCase());
    const imported = await importFile(bytes, { password: EXPORT_PASSWORD });
    expect(imported.format).toBe('aegis');
    expect(imported.skipped).toEqual([]);
    expectAccounts(imported.entries, accounts);
    await expect(importFile(bytes, { password: 'not the export password' })).rejects.toMatchObject({
      kind: 'wrong-password',
    });

    // Still authorised: another export goes straight to its last step.
    await dialog.getByRole('button', { name: 'Export something else' }).click();
    await chooseFormat(dialog, 'Tessera backup (encrypted)');
    await expect(dialog.getByRole('radio', { name: 'Use a different password' })).toBeVisible();
    await expect(dialog.getByText('Enter your master password to export.')).toBeHidden();
  });

  test('otpauth:// list: Save is disabled until "I understand"; one link per account', async ({ app }) => {
    const exportsDir = await start(app);
    const accounts = fixtureAccounts(4, 2);
    await seedAccounts(app, accounts);
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'List of otpauth:// links (not encrypted)');
    await authorize(dialog);
    const save = dialog.getByRole('button', { name: 'Save…' });
    await expect(dialog.getByText('This file is not encrypted.')).toBeVisible();
    await expect(save).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'I understand' }).check();
    await expect(save).toBeEnabled();
    const out = path.join(exportsDir, 'links.txt');
    app.desktop.savePath = out;
    await save.click();
    await expect(dialog.getByText(`Saved 4 accounts to ${out}`)).toBeVisible();
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const lines = readFileSync(out, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(accounts.length);
    for (const line of lines) expect(line).toMatch(/^otpauth:\/\/totp\//);
    const parsed = lines.map(parseOtpauthUri);
    expectAccounts(
      parsed.map((p) => ({ issuer: p.issuer, account: p.account, ...p.params })),
      accounts,
    );
  });

  test('2FAS, Bitwarden and Ente Auth: each file saved through the dialog is read back; what a format cannot carry is listed', async ({
    app,
  }) => {
    const exportsDir = await start(app);
    const accounts = fixtureAccounts(3);
    await seedAccounts(app, accounts);
    // A counter-based account, added in main (its secret never crosses the bridge), which Bitwarden cannot show.
    const hotpSecret = new Uint8Array(20).fill(0x5a);
    await app.services.vault.open().add([
      {
        type: 'hotp',
        issuer: 'Bank',
        account: 'teller',
        algorithm: 'SHA1',
        digits: 6,
        period: null,
        counter: 3,
        secret: hotpSecret,
      },
    ]);
    const hotp = { issuer: 'Bank', account: 'teller', period: null, secret: hotpSecret };
    const totps = accounts.map((a) => ({ issuer: a.issuer, account: a.account, period: a.period, secret: a.secret }));
    const dialog = await openExport(app);

    // 2FAS, encrypted: its own password, typed twice.
    await chooseFormat(dialog, '2FAS backup (encrypted)');
    await authorize(dialog);
    await expect(dialog.getByText('You will type it when importing.', { exact: false })).toBeVisible();
    await dialog.getByLabel('Export password', { exact: true }).fill(EXPORT_PASSWORD);
    await dialog.getByLabel('Confirm export password').fill(EXPORT_PASSWORD);
    const twoFas = path.join(exportsDir, 'backup.2fas');
    app.desktop.savePath = twoFas;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText(`Saved 4 accounts to ${twoFas}`)).toBeVisible();
    expect(statSync(twoFas).mode & 0o777).toBe(0o600);
    const fromTwoFas = await importFile(new Uint8Array(readFileSync(twoFas)), { password: EXPORT_PASSWORD });
    expect(fromTwoFas.format).toBe('2fas');
    expect(shape(fromTwoFas.entries)).toEqual(shape([...totps, hotp]));
    await expect(importFile(new Uint8Array(readFileSync(twoFas)), { password: 'not it' })).rejects.toMatchObject({
      kind: 'wrong-password',
    });

    // Bitwarden, not encrypted: "I understand" first; the HOTP account is named in the saved step.
    await dialog.getByRole('button', { name: 'Export something else' }).click();
    await chooseFormat(dialog, 'Bitwarden (not encrypted)');
    await expect(dialog.getByText('This file is not encrypted.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Save…' })).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'I understand' }).check();
    const bitwarden = path.join(exportsDir, 'bitwarden.json');
    app.desktop.savePath = bitwarden;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText(`Saved 4 accounts to ${bitwarden}`)).toBeVisible();
    await expect(dialog.getByRole('note').getByRole('listitem')).toHaveText([
      /^Bank \(teller\): Bitwarden has no counter-based \(HOTP\) codes/,
    ]);
    const fromBitwarden = await importFile(new Uint8Array(readFileSync(bitwarden)));
    expect(fromBitwarden.format).toBe('bitwarden');
    expect(shape(fromBitwarden.entries)).toEqual(shape(totps));

    // Ente Auth, not encrypted: every account, HOTP included.
    await dialog.getByRole('button', { name: 'Export something else' }).click();
    await chooseFormat(dialog, 'Ente Auth (not encrypted)');
    await dialog.getByRole('checkbox', { name: 'I understand' }).check();
    const ente = path.join(exportsDir, 'ente.txt');
    app.desktop.savePath = ente;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText(`Saved 4 accounts to ${ente}`)).toBeVisible();
    await expect(dialog.getByRole('note')).toBeHidden();
    const fromEnte = await importFile(new Uint8Array(readFileSync(ente)));
    expect(fromEnte.format).toBe('ente');
    expect(shape(fromEnte.entries)).toEqual(shape([...totps, hotp]));
    expect(app.desktop.calls.filter((c) => c === 'pickSavePath')).toHaveLength(3);
    // The counter-based account's secret never crossed the bridge either.
    expect(JSON.stringify(app.ipcLog).toLowerCase()).not.toContain(base32Encode(hotpSecret).toLowerCase());
  });

  test('KeePassXC database: its own password, typed twice; the .kdbx opens with it and holds every account', async ({
    app,
  }) => {
    const exportsDir = await start(app);
    const accounts = fixtureAccounts(3, 1);
    await seedAccounts(app, accounts);
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'KeePassXC database (encrypted)');
    await authorize(dialog);
    await expect(dialog.getByText('You will type it to open it in KeePassXC.', { exact: false })).toBeVisible();
    await dialog.getByLabel('Export password', { exact: true }).fill(EXPORT_PASSWORD);
    await dialog.getByLabel('Confirm export password').fill(EXPORT_PASSWORD);
    const out = path.join(exportsDir, 'tessera.kdbx');
    app.desktop.savePath = out;
    expect(app.desktop.calls).not.toContain('pickSavePath');
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText(`Saved 3 accounts to ${out}`)).toBeVisible({ timeout: 30_000 });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const bytes = new Uint8Array(readFileSync(out));
    // The KDBX signatures (0x9AA2D903, 0xB54BFB67), little-endian.
    expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('03d9a29a67fb4bb5');
    const text = Buffer.from(bytes).toString('latin1');
    for (const a of accounts) expect(text).not.toContain(a.issuer);
    const imported = await importFile(bytes, { password: EXPORT_PASSWORD });
    expect(imported.format).toBe('keepass');
    expectAccounts(imported.entries, accounts);
  });

  test('cancelling the save dialog goes back to the choice and writes nothing', async ({ app }) => {
    const exportsDir = await start(app);
    await seedAccounts(app, fixtureAccounts(2));
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'Aegis vault (not encrypted)');
    await authorize(dialog);
    await dialog.getByRole('checkbox', { name: 'I understand' }).check();
    app.desktop.savePath = null;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByRole('group', { name: 'What do you want to export?' })).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'Aegis vault (not encrypted)' })).toBeChecked();
    await expect(dialog.getByText(/^Saved /)).toBeHidden();
    expect(app.desktop.calls).toEqual(['pickSavePath']);
    expect(readdirSync(exportsDir)).toEqual([]);
    expect(readdirSync(app.dataDir).filter((f) => f.endsWith('.json') && f !== 'settings.json')).toEqual([]);
  });

  test('transfer QR codes: 12 accounts give two codes of one batch; the 60 s account is left out, with the reason', async ({
    app,
  }) => {
    await start(app);
    const accounts = fixtureAccounts(12, 4);
    const longPeriod = accounts[4] as FixtureAccount;
    const transferable = accounts.filter((a) => a !== longPeriod);
    await seedAccounts(app, accounts);
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'Transfer to Google Authenticator (QR codes)');
    await authorize(dialog);
    await expect(dialog.getByRole('heading', { name: 'Transfer code 1 of 2' })).toBeVisible();
    await expect(dialog.getByRole('img', { name: 'QR code: Transfer code 1 of 2' })).toBeVisible();
    await expect(position(dialog)).toHaveText('1 of 2');
    await expect(dialog.getByRole('note')).toContainText(
      `${labelOf(longPeriod)}: a 60-second period cannot be carried by a transfer code`,
    );
    const list = dialog.getByRole('list', { name: 'Accounts in this code' });
    await expect(list.getByRole('listitem')).toHaveText(transferable.slice(0, 10).map(labelOf));
    const first = await shownQrText(dialog);

    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByRole('heading', { name: 'Transfer code 2 of 2' })).toBeVisible();
    await expect(position(dialog)).toHaveText('2 of 2');
    await expect(list.getByRole('listitem')).toHaveText(transferable.slice(10).map(labelOf));
    const second = await shownQrText(dialog);

    const scanned: Found[] = [];
    [first.text, second.text].map(classifyQrText).forEach((payload, index) => {
      if (payload.kind !== 'migration') throw new Error(`code ${index + 1} is ${payload.kind}`);
      expect(payload.batch).toMatchObject({ index, size: 2 });
      expect(payload.skipped).toEqual([]);
      scanned.push(...payload.entries);
    });
    // One batch: both codes carry the same batch id, as Google Authenticator expects.
    expect(parseMigrationUri(first.text).batchId).toBe(parseMigrationUri(second.text).batchId);
    expectAccounts(scanned, transferable);
    // The images were among what crossed the bridge (and are checked for secrets after the test).
    expect(app.ipcLog.filter((r) => r.channel === 'exports:qr' && r.direction === 'response')).toHaveLength(2);
  });

  test('one QR code per account: as many codes as accounts, the arrow keys move between them', async ({ app }) => {
    await start(app);
    const accounts = fixtureAccounts(5, 3);
    await seedAccounts(app, accounts);
    const page = app.page;
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'QR code per account');
    await authorize(dialog);
    await expect(position(dialog)).toHaveText(`1 of ${accounts.length}`);
    await expect(dialog.getByRole('heading', { name: labelOf(accounts[0] as FixtureAccount) })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Next' })).toBeFocused();
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(position(dialog)).toHaveText(`${i + 1} of ${accounts.length}`);
      await expect(dialog.getByRole('heading', { name: labelOf(accounts[i] as FixtureAccount) })).toBeVisible();
    }
    // The 60 s account travels in its own otpauth:// code, period included.
    const code = classifyQrText((await shownQrText(dialog)).text);
    if (code.kind !== 'otpauth') throw new Error(`the code is ${code.kind}`);
    expectAccounts([code.entry], [accounts[3] as FixtureAccount]);
    await page.keyboard.press('ArrowLeft');
    await expect(position(dialog)).toHaveText(`3 of ${accounts.length}`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
  });

  test('screenshots: the export choice and the QR viewer, light and dark', async ({ app }) => {
    await start(app);
    await seedAccounts(app, fixtureAccounts(3));
    const page = app.page;
    await page.setViewportSize({ width: 760, height: 1000 });
    const dialog = await openExport(app);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/export-choice-${colorScheme}.png` });
    }
    await chooseFormat(dialog, 'Transfer to Google Authenticator (QR codes)');
    await authorize(dialog);
    await expect(dialog.getByRole('img', { name: 'QR code: Transfer code 1 of 1' })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/export-qr-${colorScheme}.png` });
    }
  });
});

test.describe('export authorisation', () => {
  test('after five minutes, Save and Next ask for the master password again', async ({ app }) => {
    const exportsDir = await start(app);
    const clock = mainClock(app);
    await seedAccounts(app, fixtureAccounts(2));
    const dialog = await openExport(app);
    await chooseFormat(dialog, 'Tessera backup (encrypted)');
    await authorize(dialog);
    const save = dialog.getByRole('button', { name: 'Save…' });
    await expect(save).toBeVisible();
    const out = path.join(exportsDir, 'late.tessera');
    app.desktop.savePath = out;

    clock.advance(AUTH_MS + 1);
    await save.click();
    await expect(dialog.getByText(/Enter it again to continue\./)).toBeVisible();
    await expect(dialog.getByLabel('Master password')).toBeVisible();
    expect(app.desktop.calls).not.toContain('pickSavePath');
    expect(readdirSync(exportsDir)).toEqual([]);
    await authorize(dialog);
    await save.click();
    await expect(dialog.getByText(`Saved 2 accounts to ${out}`)).toBeVisible();

    await dialog.getByRole('button', { name: 'Export something else' }).click();
    await chooseFormat(dialog, 'QR code per account');
    await expect(position(dialog)).toHaveText('1 of 2');
    clock.advance(AUTH_MS + 1);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByText(/Enter it again to continue\./)).toBeVisible();
    await expect(dialog.getByRole('img', { name: /^QR code: / })).toBeHidden();
    await authorize(dialog);
    await expect(position(dialog)).toHaveText('1 of 2');
    // The idle lock was off: the vault stayed open throughout.
    expect(app.services.vault.isUnlocked()).toBe(true);
  });
});

test.describe('automatic backups', () => {
  /** Where automatic backups go by default: `backups` beside the vault. */
  const defaultDir = (app: TestApp): string => path.join(app.dataDir, 'backups');

  /** Waits until main reports a verified backup named `expected` (the `backups:changed` push). */
  async function backupReported(app: TestApp, expected: string): Promise<void> {
    await expect
      .poll(() =>
        app.ipcLog.some(
          (r) =>
            r.channel === 'backups:changed' &&
            (r.payload as { lastVerified: { file: string } | null }).lastVerified?.file === expected,
        ),
      )
      .toBe(true);
  }

  /** Runs `change`, lets the debounce pass and waits for the backup it names (main's time then). */
  async function backupAfter(app: TestApp, dir: string, change: () => Promise<unknown>): Promise<string> {
    const clock = mainClock(app);
    await change();
    const expected = path.join(dir, backupFileName(clock.now() + DEBOUNCE_MS));
    clock.advance(DEBOUNCE_MS + 1);
    await backupReported(app, expected);
    return expected;
  }

  test('a change is backed up after the quiet time: the vault file, encrypted, shown in Settings', async ({ app }) => {
    await start(app);
    const [account] = fixtureAccounts(1) as [FixtureAccount];
    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByText('No verified backup yet')).toBeVisible();
    await expect(shownFolder(settings, defaultDir(app))).toBeVisible();

    const clock = mainClock(app);
    await seedAccounts(app, [account]);
    const file = path.join(defaultDir(app), backupFileName(clock.now() + DEBOUNCE_MS));
    // Nothing before the quiet time has passed…
    clock.advance(DEBOUNCE_MS - 1);
    await expect(settings.getByText('No verified backup yet')).toBeVisible();
    expect(backupFiles(defaultDir(app))).toEqual([]);
    // …then one backup.
    clock.advance(1);
    await backupReported(app, file);
    expect(backupFiles(defaultDir(app))).toEqual([file]);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const bytes = readFileSync(file);
    expect(bytes.toString('latin1').toLowerCase()).not.toContain(account.base32.toLowerCase());
    expect(bytes.toString('hex')).not.toContain(Buffer.from(account.secret).toString('hex'));
    expect(bytes.toString('latin1')).not.toContain(account.issuer);
    expectAccounts(await readBackup(file, PASSWORD), [account]);

    await expect(settings.getByText(/^Last verified backup: /)).toHaveText(
      new RegExp(`^Last verified backup: .+, ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    );
  });

  test('"Number of backups to keep" = 2: after three more changes, the newest two remain', async ({ app }) => {
    await start(app);
    const dir = defaultDir(app);
    const [account] = fixtureAccounts(1) as [FixtureAccount];
    await backupAfter(app, dir, () => seedAccounts(app, [account]));
    expect(backupFiles(dir)).toHaveLength(1);

    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const keep = page.getByRole('dialog', { name: 'Settings' }).getByLabel('Number of backups to keep');
    await keep.fill('2');
    await keep.press('Enter');
    await expect.poll(() => app.services.settings.view().settings.backupKeep).toBe(2);

    const id = app.services.entries.list()[0]?.id ?? '';
    const written: string[] = [];
    for (const note of ['one', 'two', 'three']) {
      written.push(await backupAfter(app, dir, () => app.services.entries.update(id, { notes: note })));
    }
    expect(backupFiles(dir)).toEqual(written.slice(1));
    expect(readdirSync(dir).filter((f) => f.endsWith('.sha256'))).toHaveLength(2);
  });

  test('"Change folder…" then "Back up now" writes a verified backup there', async ({ app }) => {
    await start(app);
    await seedAccounts(app, fixtureAccounts(1));
    const other = path.join(app.dataDir, 'elsewhere');
    app.desktop.folder = other;
    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Change folder…' }).click();
    await expect(shownFolder(settings, other)).toBeVisible();
    await expect(settings.getByRole('button', { name: 'Use the default' })).toBeVisible();
    expect(app.services.settings.view().settings.backupFolder).toBe(other);

    await settings.getByRole('button', { name: 'Back up now' }).click();
    await expect(settings.getByText(/^Last verified backup: /)).toContainText(other);
    const [file] = backupFiles(other);
    expect(backupFiles(other)).toHaveLength(1);
    // The change made before the move was still pending: it finished where it was headed.
    expect(backupFiles(defaultDir(app))).toHaveLength(1);
    expectAccounts(await readBackup(file ?? '', PASSWORD), fixtureAccounts(1));

    await settings.getByRole('button', { name: 'Use the default' }).click();
    await expect(shownFolder(settings, defaultDir(app))).toBeVisible();
    await expect(settings.getByRole('button', { name: 'Use the default' })).toBeHidden();
  });

  test('locking with a backup pending writes it before the lock completes', async ({ app }) => {
    await start(app);
    const accounts = fixtureAccounts(2);
    await backupAfter(app, defaultDir(app), () => seedAccounts(app, accounts.slice(0, 1)));
    await seedAccounts(app, accounts.slice(1));
    // The debounce has not passed: only the first backup exists.
    expect(backupFiles(defaultDir(app))).toHaveLength(1);

    await app.page.getByRole('button', { name: 'Lock' }).click();
    await expect(app.page.getByLabel('Master password')).toBeVisible();
    // Read at once: the locked status reaches the page only after the pending backup was written.
    const files = backupFiles(defaultDir(app));
    expect(files).toHaveLength(2);
    expectAccounts(await readBackup(files[1] ?? '', PASSWORD), accounts);
  });
});
