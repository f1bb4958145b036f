// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Steps and fixtures for the export and backup specs: accounts with distinct known secrets (added
 * in main, so no request carries them), the way into "Export accounts", the QR code on screen read
 * back as text, the backup files in a folder, and the "no secret crossed the bridge" check.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { decodeImage, decodeQr } from '../../electron/import/qr';
import { base32Encode, validateEntryInput } from '../../electron/otp';
import { expect, type TestApp } from './fixtures';
import { PASSWORD } from './steps';

/** One account the tests add, with the secret they expect to find again in every export. */
export interface FixtureAccount {
  readonly issuer: string;
  readonly account: string;
  readonly period: number;
  readonly secret: Uint8Array;
  readonly base32: string;
}

/** `count` accounts with distinct 20-byte secrets; `longPeriodAt` (if given) gets a 60 s period. */
export function fixtureAccounts(count: number, longPeriodAt: number | null = null): FixtureAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const secret = new Uint8Array(createHash('sha1').update(`tessera export fixture ${i}`).digest());
    return {
      issuer: `Issuer ${String(i + 1).padStart(2, '0')}`,
      account: `user${i + 1}@example.com`,
      period: i === longPeriodAt ? 60 : 30,
      secret,
      base32: base32Encode(secret),
    };
  });
}

/** "Issuer (account)": how exports name an account (electron/export exportLabel). */
export const labelOf = (a: Pick<FixtureAccount, 'issuer' | 'account'>): string => `${a.issuer} (${a.account})`;

/**
 * Adds the accounts in main: all but the last in one vault write, the last through the service as
 * the add form's request would, which tells the renderer and schedules the automatic backup. One
 * write instead of a dozen keeps the tests fast on a loaded machine; the path below the handler is
 * the app's own.
 */
export async function seedAccounts(app: TestApp, accounts: readonly FixtureAccount[]): Promise<void> {
  const input = accounts.map((a) => ({
    type: 'totp' as const,
    issuer: a.issuer,
    account: a.account,
    secret: a.base32,
    period: a.period,
  }));
  const last = input.pop();
  if (input.length > 0) {
    await app.services.vault.open().add(
      input.map((entry) => {
        const checked = validateEntryInput(entry);
        if (!checked.ok) throw new Error(checked.message);
        const { params, ...meta } = checked.value;
        return { ...params, ...meta };
      }),
    );
  }
  if (last) await app.services.entries.add(last);
}

/** A secret's bytes by base32, for comparing what a file or a code holds with what was added. */
export const secretsByBase32 = (accounts: readonly FixtureAccount[]): Map<string, FixtureAccount> =>
  new Map(accounts.map((a) => [a.base32, a]));

/** Opens Settings and then "Export accounts…"; answers the export dialog. */
export async function openExport(app: TestApp): Promise<Locator> {
  const page = app.page;
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Export accounts…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export accounts' });
  await expect(dialog.getByRole('group', { name: 'What do you want to export?' })).toBeVisible();
  return dialog;
}

/** Picks a format on the first step and continues. */
export async function chooseFormat(dialog: Locator, label: string): Promise<void> {
  await dialog.getByRole('radio', { name: label, exact: true }).check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
}

/** The password step: types the master password (or another) and continues. */
export async function authorize(dialog: Locator, password = PASSWORD): Promise<void> {
  const prompt = dialog.getByText('Enter your master password to export.');
  await expect(prompt).toBeVisible();
  await dialog.getByLabel('Master password').fill(password);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  // Main checks the password with Argon2id first, which on a busy machine can outlast the next
  // assertion's 5 s: wait (up to 30 s) until it has answered, by moving on or saying it is wrong.
  const wrong = dialog.getByText('The password is wrong.');
  await expect.poll(async () => (await prompt.isHidden()) || (await wrong.isVisible()), { timeout: 30_000 }).toBe(true);
}

/** The text of the QR code the viewer shows, read from its PNG (the data URL in the page). */
export async function shownQrText(dialog: Locator): Promise<{ text: string; png: Buffer }> {
  const src = (await dialog.getByRole('img', { name: /^QR code: / }).getAttribute('src')) ?? '';
  const prefix = 'data:image/png;base64,';
  expect(src.startsWith(prefix)).toBe(true);
  const png = Buffer.from(src.slice(prefix.length), 'base64');
  const codes = await decodeQr(await decodeImage(png));
  expect(codes).toHaveLength(1);
  return { text: codes[0]?.text ?? '', png };
}

const BACKUP_NAME = /^tessera-backup-(\d{8}-\d{6})(?:-(\d+))?\.tessera$/;

/**
 * Backup files (not their digests) in `dir`, oldest first: by the time in the name, then by the
 * suffix a second backup within the same second gets. None when the folder is missing.
 */
export function backupFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const key = (name: string): [string, number] => {
    const m = BACKUP_NAME.exec(name);
    return [m?.[1] ?? '', Number(m?.[2] ?? 0)];
  };
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort((a, b) => {
      const [ta, sa] = key(a);
      const [tb, sb] = key(b);
      return ta.localeCompare(tb) || sa - sb;
    })
    .map((name) => path.join(dir, name));
}

/**
 * Nothing that crossed the bridge, in either direction, holds a fixture secret: not its base32 (any
 * case), not its hex, not its bytes as text. The QR images are PNG data URLs; their bytes are
 * checked too, so a secret cannot ride in them as text (e.g. a PNG text chunk).
 */
export function expectNoSecretInIpc(app: TestApp, accounts: readonly FixtureAccount[]): void {
  expect(app.ipcLog.length).toBeGreaterThan(0);
  const seen = JSON.stringify(app.ipcLog).toLowerCase();
  const images = app.ipcLog
    .filter((r) => r.channel === 'exports:qr' && r.direction === 'response')
    .map((r) => JSON.stringify(r.payload))
    .flatMap((json) => [...json.matchAll(/data:image\/png;base64,([A-Za-z0-9+/=]+)/g)].map((m) => m[1] ?? ''))
    .map((b64) => Buffer.from(b64, 'base64').toString('latin1'));
  const leaks = accounts.flatMap((a) => {
    const base32 = a.base32.toLowerCase();
    const hex = Buffer.from(a.secret).toString('hex');
    const raw = Buffer.from(a.secret).toString('latin1');
    return [
      ...(seen.includes(base32) ? [`${labelOf(a)}: base32 in an IPC payload`] : []),
      ...(seen.includes(hex) ? [`${labelOf(a)}: hex in an IPC payload`] : []),
      ...images.flatMap((image, i) =>
        image.toLowerCase().includes(base32) || image.toLowerCase().includes(hex) || image.includes(raw)
          ? [`${labelOf(a)}: as text in QR image ${i + 1}`]
          : [],
      ),
    ];
  });
  expect(leaks).toEqual([]);
}
