// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Importing accounts, in Chromium against the built renderer and the real main-process services
 * (QR decoding, importers, backups, the vault on disk): a dropped screenshot, a pasted one, a screen
 * scan, a Google Authenticator transfer in three parts, links and duplicates, an encrypted Aegis
 * export, an export file naming the app and variant it was read as with what is not added and why,
 * and a Tessera backup restored by merge and by replace. After every test, no secret of its
 * fixtures crossed to the page. Screenshots of the review go to test-results/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportMigration, writeTesseraBackup } from '../../electron/export';
import { importFile } from '../../electron/import';
import { base32Encode } from '../../electron/otp';
import { CaptureRefusedError } from '../../electron/services/desktop-ports';
import { KDF_FLOOR } from '../../electron/vault';
import { expect as baseExpect, test } from './fixtures';
import {
  base32Bytes,
  candidateName,
  candidates,
  commitButton,
  corpusFile,
  corpusLines,
  corpusSkipReason,
  desktopShot,
  dropFile,
  expectNoSecretsCrossed,
  expectVaultHolds,
  importDialog,
  openImportDialog,
  otpauthLink,
  qrImage,
  readOtpauthLink,
  screenImage,
  seedVault,
  shotPng,
  summary,
  totp,
  type Fixture,
} from './import-steps';
import { addButton, createVault, row, SECRET } from './steps';

// Each step waits on real work in main (QR decoding in a worker, scrypt, Argon2id, vault saves with
// fsync), which a loaded 2-core CI machine can slow several times over: generous limits, no sleeps.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 60_000 });

/** The running test's secrets and texts (QR contents, passwords): none may reach the page. */
let secrets: Uint8Array[] = [];
let texts: string[] = [];
const track = (...fixtures: readonly { secret: Uint8Array }[]): void => {
  secrets.push(...fixtures.map((f) => f.secret));
};

test.beforeEach(() => {
  secrets = [];
  texts = [];
});

test.afterEach(async ({ app }, testInfo) => {
  if (testInfo.status !== 'passed') return;
  await test.step('no secret crossed to the page', () => expectNoSecretsCrossed(app, secrets, texts));
});

const CORPUS_SKIP = corpusSkipReason();
const SHOT = 'qr/screenshots/1920x1080_otpauth_plain_m4';

test.describe('import', () => {
  test('a dropped screenshot: review with its code, add, the list and the vault have it', async ({ app }) => {
    test.skip(CORPUS_SKIP !== null, CORPUS_SKIP ?? '');
    const [link] = corpusLines(`${SHOT}.txt`);
    if (!link) throw new Error(`${SHOT}.txt is empty`);
    const { issuer, account, secret } = readOtpauthLink(link);
    const expected = totp(issuer, account, { secret: base32Bytes(secret) });
    track(expected);
    texts.push(link);

    await createVault(app);
    const page = app.page;
    await dropFile(page, path.basename(`${SHOT}.png`), readFileSync(corpusFile(`${SHOT}.png`)), 'image/png');

    const dialog = importDialog(page);
    await expect(dialog.getByRole('heading', { name: 'QR codes', exact: true })).toBeVisible();
    await expect(summary(dialog, 'QR codes', 'Found 1 QR code in 1 image')).toBeVisible();
    await expect(candidates(dialog)).toHaveCount(1);
    await expect(candidates(dialog).first()).toHaveAccessibleName(candidateName(issuer, account));
    await expect(dialog.getByRole('checkbox', { name: `${issuer}, ${account}` })).toBeChecked();
    expect(app.services.entries.list()).toEqual([]);

    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Added 1 account', { exact: true })).toBeVisible();
    await expect(row(app, issuer, account)).toBeVisible();
    await expectVaultHolds(app, [expected]);
  });

  test('Ctrl+V on the codes screen reads a copied screenshot into the review', async ({ app }) => {
    const github = totp('GitHub', 'alice@example.com');
    track(github);
    texts.push(otpauthLink(github));
    const [shot] = await Promise.all([qrImage(otpauthLink(github)).then((qr) => desktopShot([qr])), createVault(app)]);
    const page = app.page;
    app.desktop.clipboardImage = screenImage(shot);

    // Outside any text field (the search field keeps its own paste).
    await page.getByRole('heading', { name: 'No accounts yet' }).click();
    await page.keyboard.press('Control+V');
    const dialog = importDialog(page);
    await expect(dialog).toBeVisible();
    await expect(summary(dialog, 'QR codes', 'Found 1 QR code in 1 image')).toBeVisible();
    await expect(candidates(dialog).first()).toHaveAccessibleName(candidateName('GitHub', 'alice@example.com'));
    await expect(page.getByTestId('import-announcer')).toContainText('1 account found');

    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(app, 'GitHub', 'alice@example.com')).toBeVisible();
    await expectVaultHolds(app, [github]);
  });

  test('scan screen: one code on two screens (BGRA), found and added', async ({ app }) => {
    const aws = totp('AWS', 'ops@example.com');
    track(aws);
    const [blank, shot] = await Promise.all([
      desktopShot(),
      qrImage(otpauthLink(aws)).then((qr) => desktopShot([qr])),
      createVault(app),
    ]);
    const page = app.page;
    app.desktop.screens = [
      { name: 'Screen 1', image: screenImage(blank, 'bgra') },
      { name: 'Screen 2', image: screenImage(shot, 'bgra') },
    ];
    await page.getByRole('button', { name: 'Import from QR code or another app' }).click();
    const dialog = importDialog(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();

    await expect(summary(dialog, 'QR codes', 'Found 1 QR code on 2 screens')).toBeVisible();
    await expect(candidates(dialog)).toHaveCount(1);
    await expect(candidates(dialog).first()).toHaveAccessibleName(candidateName('AWS', 'ops@example.com'));
    expect(app.desktop.calls).toEqual(['captureScreens']);
    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(page.getByText('Added 1 account', { exact: true })).toBeVisible();
    await expect(row(app, 'AWS', 'ops@example.com')).toBeVisible();
    await expectVaultHolds(app, [aws]);
  });

  test('scan screen: no code anywhere gives the zoom hint and nothing to add', async ({ app }) => {
    const [blank] = await Promise.all([desktopShot(), createVault(app)]);
    app.desktop.screens = [
      { name: 'Screen 1', image: screenImage(blank, 'bgra') },
      { name: 'Screen 2', image: screenImage(blank, 'bgra') },
    ];
    const dialog = await openImportDialog(app);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(
      summary(
        dialog,
        'QR codes',
        'No QR code was found on 2 screens. Make the QR code larger (zoom in) and scan again.',
      ),
    ).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Try again' })).toBeVisible();
    await expect(commitButton(dialog)).toHaveCount(0);
    await expect(dialog.getByRole('list', { name: 'Accounts found' })).toHaveCount(0);
    expect(app.services.entries.list()).toEqual([]);
  });

  test('scan screen: capture refused shows why in the dialog, nothing is added', async ({ app }) => {
    await createVault(app);
    const message = 'Screen sharing was declined. Allow Tessera to share the screen, then scan again.';
    app.desktop.screens = new CaptureRefusedError(message);
    const dialog = await openImportDialog(app);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(message);
    // Still on the source choice, ready to try another way.
    await expect(dialog.getByRole('button', { name: 'Paste screenshot' })).toBeVisible();
    await expect(commitButton(dialog)).toHaveCount(0);
    expect(app.services.entries.list()).toEqual([]);
  });

  test('a Google Authenticator transfer in 3 parts, scanned out of order, adds all 25 losslessly', async ({ app }) => {
    const unusual: Record<number, Partial<Fixture>> = {
      3: { type: 'hotp', period: null, counter: 42 },
      7: { algorithm: 'SHA256', digits: 8 },
      14: { algorithm: 'SHA512' },
      22: { type: 'hotp', period: null, counter: 0, digits: 8 },
    };
    const fixtures = Array.from({ length: 25 }, (_, i) => totp(`Svc${i + 1}`, `u${i + 1}@ex.com`, unusual[i]));
    track(...fixtures);
    const transfer = exportMigration(fixtures);
    expect(transfer.warnings).toEqual([]);
    expect(transfer.uris).toHaveLength(3);
    texts.push(...transfer.uris);
    const images = async () => {
      const [part1, part2, part3] = await Promise.all(transfer.uris.map((uri) => qrImage(uri)));
      if (!part1 || !part2 || !part3) throw new Error('three transfer codes expected');
      return { part2, shot1: await desktopShot([part1]), shot3: await desktopShot([part3]) };
    };
    const [{ part2, shot1, shot3 }] = await Promise.all([images(), createVault(app)]);
    const page = app.page;
    const dialog = await openImportDialog(app);
    const progress = dialog.getByRole('list', { name: 'Google Authenticator transfer' });

    // Part 1 on the screen.
    app.desktop.screens = [{ name: 'Screen 1', image: screenImage(shot1, 'bgra') }];
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(progress).toContainText('1 of 3 QR codes scanned');
    await expect(progress).toContainText('QR code 2 of 3 is missing');
    await expect(progress).toContainText('QR code 3 of 3 is missing');
    await expect(candidates(dialog)).toHaveCount(10);

    // The same part again: counted once, nothing listed twice.
    app.desktop.screens = [{ name: 'Screen 1', image: screenImage(shot1, 'bgra') }];
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect.poll(() => app.desktop.calls.filter((c) => c === 'captureScreens').length).toBe(2);
    await expect(dialog.locator('.import-dialog')).toHaveAttribute('aria-busy', 'false');
    await expect(progress).toContainText('1 of 3 QR codes scanned');
    await expect(candidates(dialog)).toHaveCount(10);

    // Part 3 from the clipboard (Ctrl+V inside the dialog).
    app.desktop.clipboardImage = screenImage(shot3);
    await dialog.getByRole('heading', { name: 'QR codes', exact: true }).click();
    await page.keyboard.press('Control+V');
    await expect(progress).toContainText('2 of 3 QR codes scanned');
    await expect(progress).toContainText('QR code 2 of 3 is missing');
    await expect(progress).not.toContainText('QR code 3 of 3 is missing');
    await expect(candidates(dialog)).toHaveCount(15);
    await expect(page.getByTestId('import-announcer')).toContainText('QR code 2 of 3 is missing');

    // Part 2 dropped as an image file: complete.
    await dropFile(page, 'transfer-2.png', part2, 'image/png');
    await expect(progress).toContainText('All 3 QR codes scanned');
    await expect(progress).not.toContainText('missing');
    await expect(candidates(dialog)).toHaveCount(25);
    await expect(page.getByTestId('import-announcer')).toContainText('All 3 QR codes scanned');
    await expect(dialog.getByRole('listitem', { name: candidateName('Svc8', 'u8@ex.com', 'TOTP', 8) })).toBeVisible();
    await expect(dialog.getByRole('listitem', { name: candidateName('Svc4', 'u4@ex.com', 'HOTP') })).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Svc4, u4@ex.com' })).toBeChecked();

    await dialog.getByRole('button', { name: 'Select none' }).click();
    await expect(dialog.getByRole('button', { name: 'Add 0 accounts' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Select all' }).click();
    await dialog.getByRole('button', { name: 'Add 25 accounts' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Added 25 accounts', { exact: true })).toBeVisible();
    await expect(row(app, 'Svc25', 'u25@ex.com')).toBeVisible();
    await expectVaultHolds(app, fixtures);
  });

  test('a web link QR code is "not an account": explained, nothing to add', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await dropFile(page, 'help.png', await qrImage('https://example.com/help'), 'image/png');
    const dialog = importDialog(page);
    const notAccounts = dialog.getByRole('region', { name: 'Not accounts' });
    await expect(notAccounts).toContainText('This QR code holds a web link, not an authenticator account.');
    await expect(commitButton(dialog)).toHaveCount(0);
    await expect(dialog.getByRole('list', { name: 'Accounts found' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(app.services.entries.list()).toEqual([]);
  });

  test('an account already in the vault is flagged and unticked; ticking it adds it anyway', async ({ app }) => {
    const existing = { ...totp('Example', 'alice'), secret: base32Bytes(SECRET) };
    // The same secret under other names: the same codes, so the same account.
    const rfc = { ...existing, issuer: 'Example Corp', account: 'alice@work' };
    const fresh = totp('Dropbox', 'alice@work');
    track(rfc, fresh);
    const [png] = await Promise.all([
      Promise.all([qrImage(otpauthLink(rfc)), qrImage(otpauthLink(fresh))])
        .then(desktopShot)
        .then(shotPng),
      createVault(app),
    ]);
    await seedVault(app, [existing]);
    const page = app.page;
    await expect(row(app, 'Example', 'alice')).toBeVisible();
    await dropFile(page, 'two.png', png, 'image/png');

    const dialog = importDialog(page);
    await expect(candidates(dialog)).toHaveCount(2);
    const duplicate = dialog.getByRole('checkbox', { name: 'Example Corp, alice@work' });
    await expect(duplicate).not.toBeChecked();
    await expect(duplicate).toHaveAccessibleDescription('Already in your vault as Example (alice)');
    await expect(dialog.getByRole('checkbox', { name: 'Dropbox, alice@work' })).toBeChecked();
    await expect(page.getByTestId('import-announcer')).toContainText('1 already present or listed twice');
    await expect(dialog.getByRole('button', { name: 'Add 1 account' })).toBeEnabled();
    // Screenshots once the codes are in.
    await expect(dialog.getByRole('listitem', { name: candidateName('Dropbox', 'alice@work') })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/import-review-${colorScheme}.png` });
    }

    await duplicate.check();
    await dialog.getByRole('button', { name: 'Add 2 accounts' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Added 2 accounts', { exact: true })).toBeVisible();
    await expect(row(app, 'Example Corp', 'alice@work')).toBeVisible();
    expect(
      app.services.entries
        .list()
        .map((e) => `${e.issuer}/${e.account}`)
        .sort(),
    ).toEqual(['Dropbox/alice@work', 'Example Corp/alice@work', 'Example/alice']);
  });

  test('an encrypted Aegis export: wrong password refused, right one reviewed and added', async ({ app }) => {
    test.skip(CORPUS_SKIP !== null, CORPUS_SKIP ?? '');
    const name = 'aegis/aegis_encrypted.json';
    const expected = (
      JSON.parse(readFileSync(corpusFile('import/EXPECTED.json'), 'utf8')) as {
        files: Record<string, { password: string; entryCount: number; entries: AegisExpected[] }>;
      }
    ).files[name];
    if (!expected) throw new Error(`import/EXPECTED.json has no ${name}`);
    const fixtures = expected.entries.map(fromExpected);
    // The password ("test") is too common a word to look for in the page; the secrets are checked.
    track(...fixtures);

    await createVault(app);
    const page = app.page;
    await addButton(app).click();
    await page.getByRole('dialog', { name: 'Add account' }).getByRole('button', { name: 'Scan a QR code…' }).click();
    const dialog = importDialog(page);
    app.desktop.files = [corpusFile(`import/${name}`)];
    await dialog.getByRole('button', { name: 'Open image or export file…' }).click();

    await expect(dialog.getByText('This Aegis export is encrypted.')).toBeVisible();
    const password = dialog.getByLabel('Export password');
    await expect(password).toBeFocused();
    await password.fill('not the password');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByText('Wrong password. Try again.')).toBeVisible();
    await expect(password).toHaveValue('');
    expect(app.services.entries.list()).toEqual([]);

    await password.fill(expected.password);
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('heading', { name: 'Aegis' })).toBeVisible();
    await expect(
      summary(dialog, 'Aegis', `Found ${expected.entryCount} accounts in aegis_encrypted.json`),
    ).toBeVisible();
    // The variant, in the importer's own words (read here in the test process too).
    const read = await importFile(readFileSync(corpusFile(`import/${name}`)), { password: expected.password });
    for (const e of read.entries) e.secret.fill(0);
    await expect(summary(dialog, 'Aegis', read.variant ? `Aegis — ${read.variant}` : 'Aegis')).toBeVisible();
    await expect(candidates(dialog)).toHaveCount(expected.entryCount);
    await expect(candidates(dialog).first()).toHaveAccessibleName(candidateName('Deno', 'Mason'));
    await dialog.getByRole('button', { name: `Add ${expected.entryCount} accounts` }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Added ${expected.entryCount} accounts`, { exact: true })).toBeVisible();
    expect(app.services.entries.list()).toHaveLength(expected.entryCount);
    await expectVaultHolds(app, fixtures);
  });

  test('an export file: the app and variant it was read as, and what is not added and why', async ({ app }) => {
    const existing = totp('GitLab', 'alice');
    const renamed = { ...existing, issuer: 'GitLab', account: 'alice (work)' };
    const fresh = totp('GitHub', 'alice');
    const motp = totp('Bank', 'bob');
    track(existing, fresh, motp);
    const entry = (f: Fixture, type = 'totp', algo = 'SHA1'): Record<string, unknown> => ({
      type,
      issuer: f.issuer,
      name: f.account,
      info: { secret: base32Encode(f.secret).replace(/=+$/, ''), algo, digits: 6, period: 30 },
    });
    const bytes = new TextEncoder().encode(
      JSON.stringify({
        version: 1,
        header: { slots: null, params: null },
        db: { version: 3, entries: [entry(fresh), entry(renamed), entry(motp, 'motp', 'MD5')] },
      }),
    );
    const file = path.join(app.dataDir, 'aegis-export.json');
    writeFileSync(file, bytes);
    const read = await importFile(bytes.slice(), { fileName: 'aegis-export.json' });
    for (const e of read.entries) e.secret.fill(0);

    await createVault(app);
    await seedVault(app, [existing]);
    await expect(row(app, 'GitLab', 'alice')).toBeVisible();
    const dialog = await openImportDialog(app);
    app.desktop.files = [file];
    await dialog.getByRole('button', { name: 'Open image or export file…' }).click();

    await expect(dialog.getByRole('heading', { name: 'Aegis' })).toBeVisible();
    await expect(summary(dialog, 'Aegis', read.variant ? `Aegis — ${read.variant}` : 'Aegis')).toBeVisible();
    await expect(summary(dialog, 'Aegis', 'Found 2 accounts in aegis-export.json')).toBeVisible();
    await expect(summary(dialog, 'Aegis', '1 already in Tessera, 1 cannot be imported')).toBeVisible();
    await expect(candidates(dialog)).toHaveCount(2);
    const duplicate = dialog.getByRole('checkbox', { name: 'GitLab, alice (work)' });
    await expect(duplicate).not.toBeChecked();
    await expect(duplicate).toHaveAccessibleDescription('Already in your vault as GitLab (alice)');
    const skipped = dialog.getByRole('region', { name: 'Can’t be imported' });
    await expect(skipped).toContainText('Bank (bob): “motp” codes are not supported by Tessera');
    await expect(app.page.getByTestId('import-announcer')).toContainText('1 cannot be imported');
    await expect(dialog.getByRole('listitem', { name: candidateName('GitHub', 'alice') })).toBeVisible();
    await app.page.screenshot({ path: 'test-results/screenshots/import-review-file.png' });

    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(app, 'GitHub', 'alice')).toBeVisible();
    await expectVaultHolds(app, [existing, fresh]);
  });

  test.describe('restoring a Tessera backup', () => {
    const BACKUP_PASSWORD = 'backup horse battery staple';
    const a = totp('Alpha', 'a@example.com');
    const b = totp('Bravo', 'b@example.com');
    const c = totp('Charlie', 'c@example.com');

    /** Vault B, C; a backup holding A, B; the backup opened with its password, on the review. */
    async function openBackup(app: Parameters<typeof createVault>[0]) {
      track(a, b, c);
      texts.push(BACKUP_PASSWORD);
      const file = path.join(app.dataDir, 'tessera-backup.tessera');
      await writeTesseraBackup([a, b], file, BACKUP_PASSWORD, { kdfParams: KDF_FLOOR });
      await createVault(app);
      await seedVault(app, [b, c]);
      await expect(row(app, 'Charlie', 'c@example.com')).toBeVisible();

      const dialog = await openImportDialog(app);
      app.desktop.files = [file];
      await dialog.getByRole('button', { name: 'Open image or export file…' }).click();
      await expect(dialog.getByText('This Tessera backup is encrypted.', { exact: false })).toBeVisible();
      await dialog.getByLabel('Backup password').fill(BACKUP_PASSWORD);
      await dialog.getByRole('button', { name: 'Continue' }).click();
      await expect(dialog.getByRole('heading', { name: 'Tessera backup' })).toBeVisible();
      await expect(summary(dialog, 'Tessera backup', 'Found 2 accounts in tessera-backup.tessera')).toBeVisible();
      await expect(candidates(dialog)).toHaveCount(2);
      return dialog;
    }

    test('merge adds only the account the vault lacks', async ({ app }) => {
      const dialog = await openBackup(app);
      await expect(
        dialog.getByRole('radio', { name: 'Merge: add the accounts the vault does not have' }),
      ).toBeChecked();
      await expect(dialog.getByRole('checkbox', { name: 'Alpha, a@example.com' })).toBeChecked();
      const bravo = dialog.getByRole('checkbox', { name: 'Bravo, b@example.com' });
      await expect(bravo).not.toBeChecked();
      await expect(bravo).toHaveAccessibleDescription('Already in your vault as Bravo (b@example.com)');
      await dialog.getByRole('button', { name: 'Restore 1 account' }).click();
      await expect(dialog).toBeHidden();
      await expect(app.page.getByText('Restored 1 account', { exact: true })).toBeVisible();
      await expect(row(app, 'Alpha', 'a@example.com')).toBeVisible();
      await expectVaultHolds(app, [a, b, c]);
    });

    test('replace asks first, then the vault holds exactly the backup', async ({ app }) => {
      const dialog = await openBackup(app);
      await dialog.getByRole('radio', { name: 'Replace: the vault will hold exactly the backup’s accounts' }).check();
      await expect(
        dialog.getByText('All 2 accounts in your vault now will be removed and replaced by the backup’s.'),
      ).toBeVisible();
      await expect(dialog.getByRole('checkbox', { name: 'Bravo, b@example.com' })).toBeChecked();
      await dialog.getByRole('button', { name: 'Replace with 2 accounts…' }).click();

      const confirm = dialog.getByRole('group', { name: 'Replace the accounts in your vault?' });
      await expect(confirm).toBeVisible();
      await expect(confirm.getByRole('button', { name: 'Go back' })).toBeFocused();
      await confirm.getByRole('button', { name: 'Go back' }).click();
      await expect(confirm).toBeHidden();
      expect(app.services.entries.list()).toHaveLength(2);

      await dialog.getByRole('button', { name: 'Replace with 2 accounts…' }).click();
      await confirm.getByRole('button', { name: 'Replace vault' }).click();
      await expect(dialog).toBeHidden();
      await expect(app.page.getByText('Restored 2 accounts and removed 2', { exact: true })).toBeVisible();
      await expect(row(app, 'Charlie', 'c@example.com')).toBeHidden();
      await expect(row(app, 'Alpha', 'a@example.com')).toBeVisible();
      await expectVaultHolds(app, [a, b]);
    });
  });
});

/** One entry of import/EXPECTED.json. */
interface AegisExpected {
  readonly type: 'totp' | 'hotp' | 'steam';
  readonly issuer: string;
  readonly name: string;
  readonly secret: string;
  readonly algorithm: Fixture['algorithm'];
  readonly digits: number;
  readonly period?: number;
  readonly counter?: number;
}

function fromExpected(e: AegisExpected): Fixture {
  return {
    type: e.type,
    issuer: e.issuer,
    account: e.name,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.type === 'hotp' ? null : (e.period ?? 30),
    counter: e.type === 'hotp' ? (e.counter ?? 0) : null,
    secret: base32Bytes(e.secret),
  };
}
