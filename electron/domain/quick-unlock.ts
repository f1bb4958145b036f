// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock as the window sees it: whether this computer can offer it, whether it is set up for
 * this vault, and why it stopped. No secret material. The material itself lives in main, on this
 * computer only (electron/services/quick-unlock-service.ts; docs/security.md, "Quick unlock").
 */

/** How quick unlock opens the vault: a PIN (any platform with a keyring) or Touch ID (macOS). */
export type QuickUnlockMethod = 'pin' | 'touch-id';

export interface QuickUnlockStatus {
  /** This computer can protect quick-unlock material (an OS keyring Tessera can use). */
  readonly available: boolean;
  /** Why not, as a sentence for the person; null when available. */
  readonly unavailableReason: string | null;
  /** Touch ID can be offered here (macOS with a sensor). */
  readonly touchIdAvailable: boolean;
  /** Set up for this vault on this computer, and usable now. */
  readonly enabled: boolean;
  readonly method: QuickUnlockMethod | null;
  /** Unix ms after which the master password is asked again; null when not set up. */
  readonly expiresAt: number | null;
  /** True when the material is kept in memory only, so a restart asks for the master password. */
  readonly untilRestart: boolean;
  /** Wrong PINs left before the material is destroyed; null when not set up or not a PIN. */
  readonly attemptsLeft: number | null;
  /** Quick unlock was on and stopped (too many wrong PINs, expired, the password changed, the keyring lost it); null otherwise. */
  readonly lapsedReason: string | null;
}

export const QUICK_UNLOCK_LIMITS = Object.freeze({
  /** A PIN has at least 6 characters: digits, letters or both. */
  pinMinLength: 6,
  pinMaxLength: 64,
  /** Wrong PINs in a row that destroy the material. */
  maxFailures: 5,
  /** "Ask for the master password every N days". */
  everyDaysDefault: 14,
  everyDaysMax: 90,
});

/** Whether `pin` has the shape of a PIN: 6–64 digits or letters (any script), no spaces or symbols. */
export function isPinShaped(pin: string): boolean {
  return (
    pin.length >= QUICK_UNLOCK_LIMITS.pinMinLength &&
    pin.length <= QUICK_UNLOCK_LIMITS.pinMaxLength &&
    /^[\p{L}\p{N}]+$/u.test(pin)
  );
}
