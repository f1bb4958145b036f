// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The accepted ranges for OTP parameters and entry text, declared once and read by the validator,
 * the URI parser and the CLI. Anything outside is refused with the field named.
 */
import type { OtpAlgorithm, OtpType } from '../ipc/contract';

export const OTP_TYPES: readonly OtpType[] = Object.freeze(['totp', 'hotp', 'steam']);
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = Object.freeze(['SHA1', 'SHA256', 'SHA512']);

export const OTP_LIMITS = Object.freeze({
  /** RFC 4226 §5.3 allows 6–8; real services use 5–10 (5 is Steam's length, 10 the 31-bit maximum). */
  digitsMin: 5,
  digitsMax: 10,
  defaultDigits: 6,
  /** Seconds. RFC 6238 §5.2 recommends 30; a few services use 60 or longer. */
  periodMin: 1,
  periodMax: 3600,
  defaultPeriod: 30,
  defaultAlgorithm: 'SHA1' as OtpAlgorithm,
  /** Steam Guard codes are fixed: 5 characters, SHA-1, 30 s. */
  steamDigits: 5,
  steamPeriod: 30,
  steamAlgorithm: 'SHA1' as OtpAlgorithm,
  /** Within the IPC validators' (electron/ipc/validators.ts LIMITS) and the vault's (ENTRY_LIMITS) bounds. */
  nameMaxLength: 256,
  groupMaxLength: 128,
  notesMaxLength: 4096,
  secretTextMaxLength: 1024,
  uriMaxLength: 4096,
  /** Secrets shorter than this (80 bits, Google's default) are accepted with a warning. RFC 4226 §4 asks for ≥ 128 bits. */
  weakSecretBytes: 10,
});

/** Type guard for the supported entry types. */
export function isOtpType(value: string): value is OtpType {
  return (OTP_TYPES as readonly string[]).includes(value);
}

/** Type guard for the supported HMAC algorithms. */
export function isOtpAlgorithm(value: string): value is OtpAlgorithm {
  return (OTP_ALGORITHMS as readonly string[]).includes(value);
}

/** Thrown by an exhaustive `switch` when a union gained a member that is not handled. */
export function missingCaseError(value: never): Error {
  return new TypeError(`Unhandled case: ${String(value)}`);
}
