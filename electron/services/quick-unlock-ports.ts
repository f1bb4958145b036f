// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What quick unlock needs from the operating system, as ports (the Electron adapters are in
 * electron/platform/quick-unlock-adapters.ts; tests pass fakes): a keyring that seals data to this
 * OS account (Electron's asynchronous `safeStorage`: Keychain, DPAPI, Secret Service / KWallet),
 * and a user-presence check (Touch ID).
 */

/** Seals text so that only this OS account on this computer can unseal it. */
export interface OsSecretStore {
  /**
   * Whether sealing protects anything here. Not usable: no keyring (`safeStorage` unavailable, or
   * Linux's `basic_text` backend, which seals with a key anyone can read), with a sentence saying so.
   */
  check(): Promise<{ readonly usable: true } | { readonly usable: false; readonly reason: string }>;
  seal(text: string): Promise<Uint8Array>;
  /** @throws when the bytes do not unseal here (another account or computer, a lost keyring entry). */
  unseal(sealed: Uint8Array): Promise<{ readonly text: string; readonly shouldReseal: boolean }>;
}

/** A check that the person is at the computer (Touch ID). A gate only: the keyring is the protection. */
export interface UserPresence {
  available(): boolean;
  /** Resolves once confirmed; rejects when cancelled or failed. */
  confirm(reason: string): Promise<void>;
}

/** The OS side of quick unlock; none in tests and the Chromium tier unless they pass fakes. */
export interface QuickUnlockPorts {
  readonly store: OsSecretStore | null;
  readonly presence: UserPresence | null;
}

export const NO_QUICK_UNLOCK: QuickUnlockPorts = Object.freeze({ store: null, presence: null });
