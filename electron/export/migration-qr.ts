// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator transfer codes (docs/formats.md §2): `otpauth-migration://offline?data=…` links
 * of at most 10 accounts each, sharing one random batch id, with batch index and size set, as the
 * app writes them. The payload has no period and only 6 or 8 digits (§2.2), so TOTP entries with
 * another period, Steam entries and other digit counts cannot travel this way: they are left out
 * and listed as warnings (export them as per-entry `otpauth://` QR codes instead).
 *
 * @see docs/formats.md §2
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { toMigrationUri, type MigrationOtpParameters } from '../otp';
import { ENTRY_LIMITS, type OtpAlgorithm } from '../domain';
import { exportLabel, type ExportEntry, type ExportWarning } from './types';

/** Accounts per transfer code: what Google Authenticator writes, small enough to scan reliably. */
export const MIGRATION_BATCH_LIMIT = 10;

const ALGORITHM_ENUM: Readonly<Record<OtpAlgorithm, number>> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS_ENUM: Readonly<Record<number, number>> = { 6: 1, 8: 2 };

/** The transfer links plus the entries left out. */
export interface MigrationExport {
  /** One `otpauth-migration://` link per QR code, in batch order. Each holds secrets. */
  readonly uris: string[];
  /** Index, count and id of every link's batch. */
  readonly batch: { readonly id: number; readonly size: number };
  /** Accounts carried by the links. */
  readonly accounts: number;
  /** Per link, the positions in the input of the entries it carries. */
  readonly carried: number[][];
  readonly warnings: ExportWarning[];
}

/** Why an entry cannot be carried by a transfer code, or null when it can (docs/formats.md §2.2). */
export function migrationProblem(e: ExportEntry): string | null {
  if (e.type === 'steam') return 'Steam Guard codes cannot be carried by a Google Authenticator transfer code';
  if (DIGITS_ENUM[e.digits] === undefined) {
    return `${e.digits}-digit codes cannot be carried by a transfer code (only 6 or 8 digits)`;
  }
  if (e.type === 'totp' && e.period !== ENTRY_LIMITS.defaultPeriod) {
    return `a ${String(e.period)}-second period cannot be carried by a transfer code (always 30 seconds)`;
  }
  return null;
}

function otpParameters(e: ExportEntry): MigrationOtpParameters {
  return {
    secret: e.secret,
    // Name = the account alone, issuer in its own field (as Aegis writes it): the reader strips an
    // "issuer:" prefix only when present, so an account containing ':' survives.
    name: e.account,
    issuer: e.issuer,
    algorithm: ALGORITHM_ENUM[e.algorithm],
    digits: DIGITS_ENUM[e.digits] ?? 1,
    type: e.type === 'hotp' ? 1 : 2,
    counter: BigInt(e.type === 'hotp' ? (e.counter ?? 0) : 0),
  };
}

/** A random non-zero signed 32-bit batch id (the app's are random and often negative). */
function batchId(randomBytes: (n: number) => Uint8Array): number {
  const id = Buffer.from(randomBytes(4)).readInt32LE(0);
  return id === 0 ? 1 : id;
}

/**
 * Splits the entries that can travel into transfer links of ≤ 10 accounts; lists the others.
 * An empty input (or only unsupported entries) gives no links.
 */
export function exportMigration(
  entries: readonly ExportEntry[],
  randomBytes: (n: number) => Uint8Array = nodeRandomBytes,
): MigrationExport {
  const warnings: ExportWarning[] = [];
  const fit: number[] = [];
  entries.forEach((e, index) => {
    const problem = migrationProblem(e);
    if (problem !== null) warnings.push({ index, label: exportLabel(e), reason: problem });
    else {
      fit.push(index);
      if (e.issuer === '' && e.account.includes(':')) {
        warnings.push({
          index,
          label: exportLabel(e),
          reason: "the account has no issuer and contains ':'; the text before ':' will read as the issuer",
        });
      }
    }
  });
  const size = Math.ceil(fit.length / MIGRATION_BATCH_LIMIT);
  const id = batchId(randomBytes);
  const uris: string[] = [];
  const carried: number[][] = [];
  for (let index = 0; index < size; index++) {
    const chunk = fit.slice(index * MIGRATION_BATCH_LIMIT, (index + 1) * MIGRATION_BATCH_LIMIT);
    carried.push(chunk);
    uris.push(
      toMigrationUri({
        otpParameters: chunk.map((i) => otpParameters(entries[i] as ExportEntry)),
        version: 1,
        batchSize: size,
        batchIndex: index,
        batchId: id,
      }),
    );
  }
  return { uris, batch: { id, size }, accounts: fit.length, carried, warnings };
}

/** File name of transfer code `index` (0-based) of `size`: `tessera-migration-1-of-3.png`. */
export function migrationPngName(index: number, size: number): string {
  return `tessera-migration-${index + 1}-of-${size}.png`;
}
