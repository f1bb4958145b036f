// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the import specs share: fixture accounts with known secrets, QR images and "desktop
 * screenshots" made from them, pixels as the desktop hands them over (RGBA, or BGRA as
 * desktopCapturer gives), a file dropped on the window, the import dialog's parts, and the check
 * that no secret crossed to the page.
 */
import type { Locator, Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import sharp, { type OverlayOptions } from 'sharp';
import type { EntrySummary } from '../../electron/domain';
import { qrPng } from '../../electron/export';
import { swapRedBlue, type PixelOrder } from '../../electron/import/qr';
import type { ImportedEntry } from '../../electron/import/types';
import { base32Encode, generateCode } from '../../electron/otp';
import type { DesktopImage } from '../../electron/services/desktop-ports';
import { expect, type TestApp } from './fixtures';
import { corpusFile } from '../helpers/corpus-path';

export { corpusFile, corpusSkipReason } from '../helpers/corpus-path';

// ---------------------------------------------------------------------------------------------
// Fixture accounts.

/** An account whose secret the test knows (the shape exportMigration and writeTesseraBackup read). */
export type Fixture = Pick<
  ImportedEntry,
  'type' | 'issuer' | 'account' | 'algorithm' | 'digits' | 'period' | 'counter' | 'secret'
>;

/** A deterministic 20-byte secret per seed: every fixture gives different codes. */
export function secretFor(seed: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`tessera-e2e-import:${seed}`).digest().subarray(0, 20));
}

/** A TOTP account (SHA1, 6 digits, 30 s) with its own secret. */
export function totp(issuer: string, account: string, overrides: Partial<Fixture> = {}): Fixture {
  return {
    type: 'totp',
    issuer,
    account,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: secretFor(`${issuer}:${account}`),
    ...overrides,
  };
}

/** An `otpauth://` link for a fixture (what an enrolment QR code holds). */
export function otpauthLink(f: Fixture): string {
  const label = `${encodeURIComponent(f.issuer)}:${encodeURIComponent(f.account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(f.secret).replace(/=+$/, ''),
    issuer: f.issuer,
    algorithm: f.algorithm,
    digits: String(f.digits),
  });
  if (f.type === 'hotp') params.set('counter', String(f.counter ?? 0));
  else params.set('period', String(f.period ?? 30));
  return `otpauth://${f.type}/${label}?${params.toString()}`;
}

/** The issuer, account and secret of an `otpauth://totp/` link, read independently of the app's parser. */
export function readOtpauthLink(link: string): { issuer: string; account: string; secret: string } {
  const url = new URL(link);
  const label = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  const colon = label.indexOf(':');
  const issuer = url.searchParams.get('issuer') ?? (colon >= 0 ? label.slice(0, colon) : '');
  const account = colon >= 0 ? label.slice(colon + 1) : label;
  return { issuer, account, secret: url.searchParams.get('secret') ?? '' };
}

/** Base32 (RFC 4648) to bytes, for secrets taken from links and EXPECTED.json. */
export function base32Bytes(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toUpperCase().replace(/=+$/, '')) {
    const value = alphabet.indexOf(ch);
    if (value < 0) throw new Error(`not base32: ${ch}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** The forms a secret could leak in: base32 (padded or not, either case) and hex (either case). */
export function secretForms(secret: Uint8Array): string[] {
  const b32 = base32Encode(secret).replace(/=+$/, '');
  const hex = Buffer.from(secret).toString('hex');
  return [b32, b32.toLowerCase(), hex, hex.toUpperCase()];
}

// ---------------------------------------------------------------------------------------------
// Images and pixels.

/** A QR code PNG of `text` (the app's own encoder, as its exports use). */
export function qrImage(text: string): Promise<Uint8Array> {
  return qrPng(text, { scale: 4 });
}

/** A screenshot's pixels (RGBA), composed once; {@link screenImage} and {@link shotPng} hand them out. */
export interface Shot {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/**
 * A desktop-like screenshot: wallpaper, a window with a few "text" bars, and the QR codes on white
 * cards inside it. No QR codes gives a screen with nothing to find.
 */
export async function desktopShot(qrs: readonly Uint8Array[] = []): Promise<Shot> {
  const size = { width: 1100, height: 760 };
  const box = (width: number, height: number, colour: string) => ({
    create: { width, height, channels: 4 as const, background: colour },
  });
  const layers: OverlayOptions[] = [
    { input: box(1000, 680, '#f4f4f4'), left: 50, top: 40 },
    { input: box(1000, 30, '#2d3748'), left: 50, top: 40 },
  ];
  for (let i = 0; i < 6; i++) layers.push({ input: box(280 - i * 25, 12, '#9aa5b1'), left: 80, top: 110 + i * 30 });
  let left = 400;
  for (const qr of qrs) {
    const { width = 0, height = 0 } = await sharp(qr).metadata();
    layers.push({ input: box(width + 40, height + 40, '#ffffff'), left, top: 100 });
    layers.push({ input: Buffer.from(qr), left: left + 20, top: 120 });
    left += width + 60;
    if (left > size.width || height + 160 > size.height) throw new Error('desktopShot: the QR codes do not fit');
  }
  const { data, info } = await sharp({ create: { ...size, channels: 4, background: '#3a6ea5' } })
    .composite(layers)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

/**
 * The screenshot as the desktop hands it over: RGBA (the clipboard) or BGRA (desktopCapturer). A
 * fresh buffer each call: main wipes the pixels it scans (or hands them to its QR worker).
 */
export function screenImage(shot: Shot, pixelOrder: PixelOrder = 'rgba'): DesktopImage {
  const data = pixelOrder === 'bgra' ? swapRedBlue(shot.rgba) : shot.rgba.slice();
  return { width: shot.width, height: shot.height, data, pixelOrder };
}

/** The screenshot as a PNG file. */
export async function shotPng(shot: Shot): Promise<Uint8Array> {
  const png = await sharp(Buffer.from(shot.rgba), { raw: { width: shot.width, height: shot.height, channels: 4 } })
    .png()
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

// ---------------------------------------------------------------------------------------------
// The page.

/** Drags a file over the window and drops it, as the file manager would; the overlay shows meanwhile. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, base64, mime]) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: mime }));
      return transfer;
    },
    [name, Buffer.from(bytes).toString('base64'), type] as const,
  );
  await page.dispatchEvent('#root', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('import-drop-overlay')).toBeVisible();
  await page.dispatchEvent('#root', 'dragover', { dataTransfer });
  await page.dispatchEvent('#root', 'drop', { dataTransfer });
  await expect(page.getByTestId('import-drop-overlay')).toBeHidden();
  await dataTransfer.dispose();
}

export const importDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Import accounts' });

/** Opens the import dialog from the top bar. */
export async function openImportDialog(app: TestApp): Promise<Locator> {
  await app.page.getByRole('banner').getByRole('button', { name: 'Import' }).click();
  const dialog = importDialog(app.page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The review's summary line ("Found 2 QR codes on 1 screen"), in the review titled `title`. */
export const summary = (dialog: Locator, title: string, text: string): Locator =>
  dialog.getByRole('region', { name: title, exact: true }).getByText(text, { exact: true });

/** The review's list items ("Issuer, account, TOTP, code 123 456"). */
export const candidates = (dialog: Locator): Locator =>
  dialog.getByRole('list', { name: 'Accounts found' }).getByRole('listitem');

/** The commit button, whatever its count. */
export const commitButton = (dialog: Locator): Locator =>
  dialog.getByRole('button', { name: /^(Add|Restore|Replace with) \d+ accounts?/ });

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The accessible name of a candidate with a loaded code of `digits` digits. */
export function candidateName(issuer: string, account: string, type = 'TOTP', digits = 6): RegExp {
  const half = Math.ceil(digits / 2);
  const code = digits === 8 ? '\\d{4} \\d{4}' : `\\d{${half}} \\d{${digits - half}}`;
  return new RegExp(`^${escape([issuer, account].filter(Boolean).join(', '))}, ${type}, code ${code}$`);
}

// ---------------------------------------------------------------------------------------------
// What main holds.

/** Adds fixtures to the vault through the services (as if added earlier). */
export async function seedVault(app: TestApp, fixtures: readonly Fixture[]): Promise<void> {
  for (const f of fixtures) {
    await app.services.entries.add({
      type: f.type,
      issuer: f.issuer,
      account: f.account,
      secret: base32Encode(f.secret),
      algorithm: f.algorithm,
      digits: f.digits,
      ...(f.period !== null ? { period: f.period } : {}),
      ...(f.counter !== null ? { counter: f.counter } : {}),
    });
  }
}

/** The parameters the vault must hold for a fixture (no id, times or order). */
export function summaryOf(f: Fixture): Partial<EntrySummary> {
  return {
    type: f.type,
    issuer: f.issuer,
    account: f.account,
    algorithm: f.algorithm,
    digits: f.digits,
    period: f.type === 'hotp' ? null : f.period,
    counter: f.type === 'hotp' ? f.counter : null,
  };
}

/**
 * The vault holds exactly `fixtures` (in any order) with the same parameters, and each gives the
 * fixture's codes: TOTP at main's current code time, HOTP at its stored counter (asking for the
 * next HOTP code moves the counter on, so this is the last check of a test).
 */
export async function expectVaultHolds(app: TestApp, fixtures: readonly Fixture[]): Promise<void> {
  const entries = app.services.entries.list();
  const key = (e: { issuer: string; account: string }): string => `${e.issuer}\u0000${e.account}`;
  expect(entries.map(key).sort()).toEqual(fixtures.map(key).sort());
  const codes = new Map(app.services.codes.current().map((c) => [c.id, c]));
  for (const f of fixtures) {
    const entry = entries.find((e) => key(e) === key(f));
    expect(entry, key(f)).toMatchObject(summaryOf(f));
    if (!entry) continue;
    if (f.type === 'hotp') {
      const next = await app.services.codes.nextHotp(entry.id);
      expect(next.code, key(f)).toBe(generateCode(f, 0));
    } else {
      const snapshot = codes.get(entry.id);
      expect(snapshot, key(f)).toBeDefined();
      expect(snapshot?.code, key(f)).toBe(generateCode(f, snapshot?.validFrom ?? 0));
    }
  }
}

/**
 * Nothing main sent the page (answers, pushes) holds any of `secrets` in any form, nor `texts`
 * (QR contents, passwords), and neither does the page. The page's requests carry no secret either:
 * it hands over files and asks main to read the screen or the clipboard, it never reads a secret.
 */
export async function expectNoSecretsCrossed(
  app: TestApp,
  secrets: readonly Uint8Array[],
  texts: readonly string[],
): Promise<void> {
  const toPage = app.ipcLog.filter((r) => r.direction !== 'request');
  const fromPage = app.ipcLog.filter((r) => r.direction === 'request');
  expect(toPage.length).toBeGreaterThan(0);
  const seen = JSON.stringify(toPage);
  const sent = JSON.stringify(fromPage);
  const html = app.page.isClosed() ? '' : await app.page.content();
  for (const form of [...secrets.flatMap(secretForms), ...texts]) {
    expect(seen.includes(form), `a message to the page holds ${form.slice(0, 6)}…`).toBe(false);
    expect(html.includes(form), `the page holds ${form.slice(0, 6)}…`).toBe(false);
  }
  for (const form of secrets.flatMap(secretForms)) {
    expect(sent.includes(form), `a request holds ${form.slice(0, 6)}…`).toBe(false);
  }
}

/** Reads a corpus text file (QR contents), lines trimmed. */
export function corpusLines(rel: string): string[] {
  return readFileSync(corpusFile(rel), 'utf8')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}
