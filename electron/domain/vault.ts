// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault as the rest of Tessera sees it from outside: its state (absent, locked, unlocked or
 * unreadable), why it was last locked, and the strength of its key derivation. No secret material.
 */
import type { IpcError } from './errors';

/** Why the vault was last locked; shown on the unlock screen. */
export type LockReason = 'manual' | 'idle' | 'suspend' | 'screen-lock' | 'quit' | 'changed-on-disk';

/** Which Argon2id implementation derives keys on this computer. */
export interface KdfEngine {
  /** `native`: @node-rs/argon2; `webassembly`: libsodium's build, the fallback. */
  readonly name: 'native' | 'webassembly';
  /** Why the native one is not used, when it is not and should have been; else null. */
  readonly fallbackReason: string | null;
}

/** Strength of the key-derivation parameters of the open vault (no secret material). */
export interface KdfInfo {
  readonly algorithm: 'argon2id13';
  readonly opslimit: number;
  readonly memlimitBytes: number;
  /** How long deriving the key took on this computer when the vault was opened; null when not measured. */
  readonly deriveMs: number | null;
  /** The implementation that derived it; null when unknown (a stand-in KDF in tests). */
  readonly engine: KdfEngine | null;
}

export type VaultStatus =
  /** No vault file yet: show first-run creation. */
  | { readonly status: 'absent'; readonly path: string }
  | {
      readonly status: 'locked';
      readonly path: string;
      readonly lastLockReason: LockReason | null;
      /**
       * How many deletions were still within their undo time when the vault locked. They were
       * cancelled, so those accounts are still in the vault; absent when there were none.
       */
      readonly cancelledDeletions?: number;
    }
  | {
      readonly status: 'unlocked';
      readonly path: string;
      readonly entryCount: number;
      readonly kdf: KdfInfo;
      /** Whether the vault has a recovery key (a way back in when the master password is forgotten). */
      readonly recoveryKey: boolean;
    }
  /** The file exists but cannot be opened (corrupt or a newer format); it is never overwritten. */
  | {
      readonly status: 'unreadable';
      readonly path: string;
      /** Why, as the report of the vault's error (its code is the vault error's kind). */
      readonly error: IpcError;
      readonly previousGenerationAvailable: boolean;
    };
