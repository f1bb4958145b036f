// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Code generation: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard, plus the snapshots the main
 * process pushes to the renderer — all codes at once, with the instant they stop being valid and,
 * near the end of a period, the following code, so that the renderer can roll over by itself and
 * one push per period is enough (electron/services/push-schedule.ts times the pushes).
 *
 * The HMAC and dynamic truncation are done by `otpauth`. Its `Secret` keeps a *view* over the
 * buffer it is given, so every call gets a dedicated copy of the secret that is zeroed right after:
 * no copy of a secret outlives the call that needed it. `fill(0)` is what libsodium's `memzero`
 * does in JavaScript; using it keeps this module synchronous. otpauth's Node HMAC makes one more
 * GC-only copy of the key (`Buffer.from`), an accepted residual.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4226
 * @see https://www.rfc-editor.org/rfc/rfc6238
 */
import { HOTP, Secret } from 'otpauth';
import { ENTRY_LIMITS, missingCaseError, type CodeSnapshot, type EntryId, type OtpAlgorithm } from '../domain';
import type { OtpParameters } from '../vault/entry';

/** Steam Guard's 26 characters: digits and consonants without look-alikes. */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** How long before a period ends the following code is included (`CodeSnapshot.next`). */
export const NEXT_CODE_WINDOW_MS = 5_000;

export interface SnapshotOptions {
  /** Include `next` when the current code has at most this many milliseconds left. Default 5000. */
  readonly nextWithinMs?: number;
}

/** What a snapshot needs from an entry: its id and OTP parameters, nothing else. */
export type CodeSource = OtpParameters & { readonly id: EntryId };

/**
 * The code of `params` at `atMs` (Unix milliseconds). TOTP and Steam use the time step that
 * contains `atMs`; HOTP uses `params.counter` as is (the caller advances and saves the counter).
 * @throws RangeError on parameters the validator would have refused (a bug in the caller).
 */
export function generateCode(params: OtpParameters, atMs: number): string {
  return codeForCounter(params, counterOf(params, atMs));
}

/**
 * The snapshot the renderer shows for one entry at `nowMs`: the code, its validity window
 * (`validUntil` null for HOTP, which stays valid until used) and, in the last seconds of a period,
 * the following code so the user can wait for it instead of racing the countdown.
 */
export function codeSnapshot(entry: CodeSource, nowMs: number, options: SnapshotOptions = {}): CodeSnapshot {
  const counter = counterOf(entry, nowMs);
  const code = codeForCounter(entry, counter);
  const periodMs = periodMsOf(entry);
  if (periodMs === null) return { id: entry.id, code, validFrom: nowMs, validUntil: null };
  const validFrom = counter * periodMs;
  const validUntil = validFrom + periodMs;
  const nextWithinMs = options.nextWithinMs ?? NEXT_CODE_WINDOW_MS;
  if (validUntil - nowMs > nextWithinMs) return { id: entry.id, code, validFrom, validUntil };
  return { id: entry.id, code, validFrom, validUntil, next: codeForCounter(entry, counter + 1) };
}

/** Snapshots of every entry at the same instant, in one pass (one push per boundary for 1,000 entries). */
export function codesForEntries(
  entries: readonly CodeSource[],
  nowMs: number,
  options: SnapshotOptions = {},
): CodeSnapshot[] {
  return entries.map((entry) => codeSnapshot(entry, nowMs, options));
}

/** Milliseconds per time step, or null for counter-based HOTP. */
function periodMsOf(params: OtpParameters): number | null {
  switch (params.type) {
    case 'hotp':
      return null;
    case 'totp':
    case 'steam': {
      const period = params.period ?? (params.type === 'steam' ? ENTRY_LIMITS.steamPeriod : null);
      if (period === null || !Number.isSafeInteger(period) || period < 1) {
        throw new RangeError(`Invalid 'period' for a ${params.type} entry`);
      }
      return period * 1000;
    }
    default:
      throw missingCaseError(params.type);
  }
}

/** The moving factor: the time step for TOTP/Steam (RFC 6238 §4.2 with T0 = 0), the counter for HOTP. */
function counterOf(params: OtpParameters, atMs: number): number {
  const periodMs = periodMsOf(params);
  if (periodMs === null) {
    if (params.counter === null || !Number.isSafeInteger(params.counter) || params.counter < 0) {
      throw new RangeError("Invalid 'counter' for an hotp entry");
    }
    return params.counter;
  }
  if (!Number.isFinite(atMs) || atMs < 0) throw new RangeError('The time must be a non-negative Unix time in ms');
  return Math.floor(atMs / periodMs);
}

function codeForCounter(params: OtpParameters, counter: number): string {
  switch (params.type) {
    case 'totp':
    case 'hotp':
      if (
        !Number.isSafeInteger(params.digits) ||
        params.digits < ENTRY_LIMITS.digitsMin ||
        params.digits > ENTRY_LIMITS.digitsMax
      ) {
        throw new RangeError(`Invalid 'digits' for a ${params.type} entry`);
      }
      return hmacOtp(params.secret, params.algorithm, params.digits, counter);
    case 'steam':
      return steamCode(hmacOtp(params.secret, ENTRY_LIMITS.steamAlgorithm, 10, counter));
    default:
      throw missingCaseError(params.type);
  }
}

/**
 * HMAC + dynamic truncation (RFC 4226 §5.3) through otpauth, with a dedicated copy of the secret
 * that is zeroed afterwards. With 10 digits the result is the whole 31-bit truncated value.
 */
function hmacOtp(secret: Uint8Array, algorithm: OtpAlgorithm, digits: number, counter: number): string {
  if (secret.length === 0) throw new RangeError("Invalid 'secret': it is empty");
  const copy = secret.slice();
  try {
    return HOTP.generate({ secret: new Secret({ buffer: copy.buffer }), algorithm, digits, counter });
  } finally {
    copy.fill(0);
  }
}

/** Steam Guard: the 31-bit truncated value written as 5 characters, least significant first. */
function steamCode(truncatedDecimal: string): string {
  let value = Number(truncatedDecimal);
  let code = '';
  for (let i = 0; i < ENTRY_LIMITS.steamDigits; i++) {
    code += STEAM_ALPHABET.charAt(value % STEAM_ALPHABET.length);
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
