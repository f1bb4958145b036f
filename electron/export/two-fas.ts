// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * 2FAS backups (`.2fas`, schema version 4), plain and encrypted, so people can take their accounts
 * to 2FAS on Android or iPhone. Written as the 2FAS apps write them (docs/formats.md §3): the
 * Android app's backup DTOs (`BackupContent`, `BackupService`, `BackupGroup`) and the iPhone app's
 * `ExchangeData2`, whose required fields (`otp.source`, `icon.iconCollection`, `appOrigin`) are
 * always present. The encrypted form keeps `services` empty and puts the services array in
 * `servicesEncrypted` = "b64(ciphertext‖tag):b64(salt):b64(iv)", with a 256-byte salt, a 12-byte IV
 * and key = PBKDF2-HMAC-SHA256(password, salt, 10,000, 32 bytes) for AES-256-GCM; `reference`
 * encrypts 2FAS's fixed check string under the same key and salt with its own IV (both apps
 * decrypt it to check the password before reading the services).
 *
 * What 2FAS cannot hold, or holds differently, is named by {@link twoFasWarnings}: it has no notes
 * and no favourites, needs a service name, keeps one service per secret, stores HOTP counters as
 * 32-bit numbers (an entry with a larger counter is left out: the Android app would refuse the
 * whole file), and its iPhone app knows only 6–8 digits, 10/30/60/90-second periods and secrets of
 * 4–512 base32 characters.
 *
 * @see docs/formats.md §3
 */
import { createCipheriv, pbkdf2, randomBytes as nodeRandomBytes } from 'node:crypto';
import { ENTRY_LIMITS } from '../domain';
import { base32Encode } from '../otp';
import { exportLabel, type ExportEntry, type ExportWarning } from './types';
import { uuidV4 } from './uuid';

/** 2FAS's key derivation and cipher parameters (2fas-android `BackupKeyGeneratorPbkdf`, `CipherAes`). */
export const TWO_FAS_CRYPTO = Object.freeze({ iterations: 10_000, saltBytes: 256, ivBytes: 12, keyBytes: 32 });

/**
 * The fixed text 2FAS encrypts into `reference` (2fas-android `BackupContent.Reference`): decrypting
 * it tells the app the password is right. It is a constant of the format, not a secret.
 */
export const TWO_FAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJs' +
  'R7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4Q' +
  'sveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

/** The 2FAS app a backup says it comes from: a release that writes schema 4 (2FAS for Android 5.4.8). */
const APP = Object.freeze({ appVersionCode: 5_000_029, appVersionName: '5.4.8', appOrigin: 'android' });

/** The icon collection 2FAS gives a service it has no brand icon for (2fas-android `ServiceIcons`). */
const DEFAULT_ICON_COLLECTION = 'a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad';

/** The largest HOTP counter 2FAS stores (a Kotlin `Int` in the Android app). */
export const TWO_FAS_MAX_COUNTER = 2 ** 31 - 1;

export interface TwoFasExportOptions {
  /** CSPRNG; default node:crypto. Tests inject a deterministic one. */
  readonly randomBytes?: (n: number) => Uint8Array;
  /** The time written as `updatedAt` (ms since the epoch); default now. */
  readonly now?: number;
}

interface TwoFasOtp {
  readonly label: string;
  readonly account: string;
  readonly issuer?: string;
  readonly digits: number;
  readonly period?: number;
  readonly algorithm: string;
  readonly counter?: number;
  readonly tokenType: 'TOTP' | 'HOTP' | 'STEAM';
  readonly source: 'Manual';
}

interface TwoFasService {
  readonly name: string;
  readonly secret: string;
  readonly updatedAt: number;
  readonly otp: TwoFasOtp;
  readonly order: { readonly position: number };
  readonly icon: {
    readonly selected: 'Label';
    readonly label: { readonly text: string; readonly backgroundColor: 'Default' };
    readonly iconCollection: { readonly id: string };
  };
  readonly groupId?: string;
}

interface TwoFasGroup {
  readonly id: string;
  readonly name: string;
  readonly isExpanded: boolean;
  readonly updatedAt: number;
}

/** Why an entry is left out of a 2FAS backup, or null when it goes in. */
export function twoFasProblem(e: ExportEntry): string | null {
  if (e.type === 'hotp' && (e.counter ?? 0) > TWO_FAS_MAX_COUNTER) {
    return `not exported: 2FAS stores counters up to ${TWO_FAS_MAX_COUNTER.toLocaleString('en')} and this one is larger`;
  }
  return null;
}

/** The service name 2FAS shows: the issuer, or the account when there is none (2FAS needs a name). */
function serviceName(e: ExportEntry): string {
  return e.issuer !== '' ? e.issuer : e.account;
}

/** What 2FAS shows for an entry that differs from Tessera's, per entry (see the module comment). */
function entryWarnings(e: ExportEntry): string[] {
  const left = twoFasProblem(e);
  if (left !== null) return [left];
  const reasons: string[] = [];
  if (e.type !== 'steam' && (e.digits < 6 || e.digits > 8)) {
    reasons.push(`2FAS for iPhone has only 6-, 7- and 8-digit codes and would show wrong codes for ${e.digits} digits`);
  }
  const period = e.period ?? ENTRY_LIMITS.defaultPeriod;
  if (e.type === 'totp' && ![10, 30, 60, 90].includes(period)) {
    reasons.push(
      `2FAS for iPhone has only 10-, 30-, 60- and 90-second periods and would show wrong codes for ${period} s`,
    );
  }
  const secretLength = Math.ceil((e.secret.length * 8) / 5);
  if (secretLength < 4 || secretLength > 512) {
    reasons.push('2FAS for iPhone skips secrets shorter than 4 or longer than 512 base32 characters');
  }
  return reasons;
}

/**
 * Warnings for what a 2FAS backup cannot carry faithfully (never a secret). 2FAS also keeps one
 * service per secret (an import replaces a service holding the same secret), so an account whose
 * secret an earlier one already has is named.
 */
export function twoFasWarnings(entries: readonly ExportEntry[]): ExportWarning[] {
  const warnings: ExportWarning[] = [];
  const firstWithSecret = new Map<string, number>();
  entries.forEach((e, index) => {
    const label = exportLabel(e);
    for (const reason of entryWarnings(e)) warnings.push({ index, label, reason });
    if (twoFasProblem(e) !== null) return;
    const key = Buffer.from(e.secret).toString('base64');
    const first = firstWithSecret.get(key);
    if (first === undefined) firstWithSecret.set(key, index);
    else {
      const other = exportLabel(entries[first] as ExportEntry) || `account ${first + 1}`;
      warnings.push({ index, label, reason: `it has the same secret as ${other}, and 2FAS keeps only one of them` });
    }
  });
  return warnings;
}

/**
 * Among the entries a 2FAS backup holds: how many lose their notes or favourite mark (2FAS has
 * neither), and how many have no issuer (2FAS names them after the account).
 */
export function twoFasLosses(entries: readonly ExportEntry[]): { readonly metadata: number; readonly unnamed: number } {
  const carried = entries.filter((e) => twoFasProblem(e) === null);
  return {
    metadata: carried.filter((e) => (e.notes ?? '') !== '' || e.favourite === true).length,
    unnamed: carried.filter((e) => e.issuer === '').length,
  };
}

function otpOf(e: ExportEntry): TwoFasOtp {
  const common = {
    label: e.account,
    account: e.account,
    ...(e.issuer !== '' ? { issuer: e.issuer } : {}),
    digits: e.type === 'steam' ? ENTRY_LIMITS.steamDigits : e.digits,
  };
  switch (e.type) {
    case 'hotp':
      return { ...common, algorithm: e.algorithm, counter: e.counter ?? 0, tokenType: 'HOTP', source: 'Manual' };
    case 'steam':
      return {
        ...common,
        period: ENTRY_LIMITS.steamPeriod,
        algorithm: ENTRY_LIMITS.steamAlgorithm,
        tokenType: 'STEAM',
        source: 'Manual',
      };
    default:
      return {
        ...common,
        period: e.period ?? ENTRY_LIMITS.defaultPeriod,
        algorithm: e.algorithm,
        tokenType: 'TOTP',
        source: 'Manual',
      };
  }
}

/** The name upper-cased, its first two characters: the label 2FAS draws for a service without a brand icon. */
function labelText(name: string): string {
  return Array.from(name.toUpperCase()).slice(0, 2).join('');
}

/**
 * The backup's content: the services (the entries 2FAS can hold, in order) and one group per distinct
 * group name. Holds every secret (base32).
 */
export function twoFasContent(
  entries: readonly ExportEntry[],
  options: TwoFasExportOptions = {},
): { services: TwoFasService[]; groups: TwoFasGroup[] } {
  const random = options.randomBytes ?? nodeRandomBytes;
  const now = options.now ?? Date.now();
  const carried = entries.filter((e) => twoFasProblem(e) === null);
  const groupIds = new Map<string, string>();
  for (const e of carried) {
    const group = e.tags?.[0];
    if (group !== undefined && !groupIds.has(group)) groupIds.set(group, uuidV4(random));
  }
  const services = carried.map((e, position): TwoFasService => {
    const name = serviceName(e);
    const groupId = groupIds.get(e.tags?.[0] ?? '');
    return {
      name,
      secret: base32Encode(e.secret),
      updatedAt: now,
      otp: otpOf(e),
      order: { position },
      icon: {
        selected: 'Label',
        label: { text: labelText(name), backgroundColor: 'Default' },
        iconCollection: { id: DEFAULT_ICON_COLLECTION },
      },
      ...(groupId !== undefined ? { groupId } : {}),
    };
  });
  const groups = [...groupIds].map(([name, id]) => ({ id, name, isExpanded: true, updatedAt: now }));
  return { services, groups };
}

function header(now: number): { updatedAt: number; schemaVersion: 4 } & typeof APP {
  return { updatedAt: now, schemaVersion: 4, ...APP };
}

/** An unencrypted 2FAS backup (`services` in the clear). Contains every secret. */
export function exportTwoFasPlain(entries: readonly ExportEntry[], options: TwoFasExportOptions = {}): Uint8Array {
  const now = options.now ?? Date.now();
  const { services, groups } = twoFasContent(entries, { ...options, now });
  return new TextEncoder().encode(JSON.stringify({ services, groups, ...header(now) }));
}

function deriveKey(password: string, salt: Uint8Array): Promise<Buffer> {
  const { iterations, keyBytes } = TWO_FAS_CRYPTO;
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, keyBytes, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** "b64(ciphertext‖tag):b64(salt):b64(iv)" of `plain` under `key` (2fas-android `DataEncrypted`). */
function seal(key: Uint8Array, salt: Uint8Array, iv: Uint8Array, plain: Uint8Array): string {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return [sealed, Buffer.from(salt), Buffer.from(iv)].map((b) => b.toString('base64')).join(':');
}

/**
 * An encrypted 2FAS backup that 2FAS opens with `password`. Groups and the header stay readable
 * (as 2FAS writes them); the services, names and secrets are encrypted.
 * @throws TypeError for an empty password.
 */
export async function exportTwoFasEncrypted(
  entries: readonly ExportEntry[],
  password: string,
  options: TwoFasExportOptions = {},
): Promise<Uint8Array> {
  if (password === '') throw new TypeError('The export password must not be empty.');
  const random = options.randomBytes ?? nodeRandomBytes;
  const now = options.now ?? Date.now();
  const { services, groups } = twoFasContent(entries, { randomBytes: random, now });
  const salt = Uint8Array.from(random(TWO_FAS_CRYPTO.saltBytes));
  const key = await deriveKey(password, salt);
  const plain = new TextEncoder().encode(JSON.stringify(services));
  let servicesEncrypted: string;
  let reference: string;
  try {
    servicesEncrypted = seal(key, salt, random(TWO_FAS_CRYPTO.ivBytes), plain);
    reference = seal(key, salt, random(TWO_FAS_CRYPTO.ivBytes), new TextEncoder().encode(TWO_FAS_REFERENCE));
  } finally {
    key.fill(0);
    plain.fill(0);
  }
  const file = { services: [], groups, ...header(now), servicesEncrypted, reference };
  return new TextEncoder().encode(JSON.stringify(file));
}
