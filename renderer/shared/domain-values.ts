// SPDX-License-Identifier: GPL-3.0-or-later
// Generated from electron/domain by `npm run gen:domain` (scripts/lib/renderer-domain.ts); do not edit.
// The window checks what main checks, without importing main-process code.
import type { OtpAlgorithm, OtpType } from '../../electron/domain';

export const MIN_PASSWORD_LENGTH = 10;
export const ENTRY_LIMITS = Object.freeze({
  nameMaxLength: 256,
  groupMaxLength: 128,
  notesMaxLength: 10000,
  secretMinBytes: 1,
  secretMaxBytes: 1024,
  secretTextMaxLength: 1640,
  uriMaxLength: 4096,
  digitsMin: 5,
  digitsMax: 10,
  defaultDigits: 6,
  periodMin: 1,
  periodMax: 3600,
  defaultPeriod: 30,
  defaultAlgorithm: 'SHA1',
  steamDigits: 5,
  steamPeriod: 30,
  steamAlgorithm: 'SHA1',
  maxEntries: 10000,
  weakSecretBytes: 10,
} as const);
export const SETTINGS_LIMITS = Object.freeze({
  autoLockMinutesMax: 1440,
  clipboardClearSecondsMax: 600,
  backupKeepMax: 100,
  backupFolderMax: 4096,
  clockCorrectionMsMax: 3162240000000,
} as const);
export const QUICK_UNLOCK_LIMITS = Object.freeze({
  pinMinLength: 6,
  pinMaxLength: 64,
  maxFailures: 5,
  everyDaysDefault: 14,
  everyDaysMax: 90,
} as const);
export const OTP_TYPES: readonly OtpType[] = Object.freeze(['totp', 'hotp', 'steam']);
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = Object.freeze(['SHA1', 'SHA256', 'SHA512']);

export function isOtpType(value: unknown): value is OtpType {
  return (OTP_TYPES as readonly unknown[]).includes(value);
}

export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
  return (OTP_ALGORITHMS as readonly unknown[]).includes(value);
}

/** Whether `pin` has the shape of a quick-unlock PIN (electron/domain/quick-unlock.ts). */
export const isPinShaped: (pin: string) => boolean = function isPinShaped(pin) {
  return (
    pin.length >= QUICK_UNLOCK_LIMITS.pinMinLength &&
    pin.length <= QUICK_UNLOCK_LIMITS.pinMaxLength &&
    /^[\p{L}\p{N}]+$/u.test(pin)
  );
};

/** A recovery key as typed, read the way main reads it (electron/domain/recovery-key.ts). */
export const normaliseRecoveryKey: (typed: string) => string = function normaliseRecoveryKey(typed) {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
};
