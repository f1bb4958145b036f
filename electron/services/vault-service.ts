// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop app's vault state machine: absent → unlocked ⇄ locked, or unreadable. Holds the one
 * `UnlockedVault` while unlocked and drops it (wiped) on lock. Knows nothing about Electron.
 */
import { MIN_PASSWORD_LENGTH, VaultLockedError, type KdfInfo, type LockReason, type VaultStatus } from '../domain';
import {
  createVault,
  inspectVault,
  previousGenerationPath,
  resolveVaultFile,
  unlockVault,
  vaultErrorReport,
  vaultFileState,
  VaultError,
  type KdfParams,
  type UnlockedVault,
  type VaultOptions,
} from '../vault';
import { NoPreviousGenerationError, VaultBusyError, WeakPasswordError } from './errors';
import { constants, existsSync } from 'node:fs';
import { copyFile, rename } from 'node:fs/promises';

export interface VaultService {
  status(): Promise<VaultStatus>;
  create(password: string): Promise<VaultStatus>;
  unlock(password: string): Promise<VaultStatus>;
  lock(reason: LockReason): Promise<VaultStatus>;
  /**
   * Only when the vault is unreadable and a previous generation exists: moves the damaged file
   * aside (kept, never deleted) and puts a copy of the previous generation in its place.
   */
  usePrevious(): Promise<VaultStatus>;
  /** The open vault; throws VaultLockedError when locked. */
  open(): UnlockedVault;
  isUnlocked(): boolean;
}

export interface VaultServiceDeps {
  readonly options: VaultOptions;
  /**
   * Argon2id parameters for new wraps when `options.kdfParams` is not set: on create, the machine's
   * calibrated ones (calibrating on first run); on unlock, the stored ones if any.
   */
  readonly kdfParamsFor?: (purpose: 'create' | 'unlock') => Promise<KdfParams | null>;
  /** Called after every state change with the new status (pushed to the renderer). */
  readonly onStatus: (status: VaultStatus) => void;
  readonly onUnlocked: (vault: UnlockedVault) => void;
  /** Runs before the vault is wiped, e.g. to clear the clipboard and stop the codes timer. */
  readonly onLocking: (reason: LockReason) => Promise<void>;
  /** Extra facts for the locked status, e.g. deletions the lock cancelled. */
  readonly lockedDetails?: () => { readonly cancelledDeletions?: number };
}

export function createVaultService(deps: VaultServiceDeps): VaultService {
  const path = deps.options.path;
  let vault: UnlockedVault | null = null;
  let lastLockReason: LockReason | null = null;
  let busy = false;

  const kdfInfo = (v: UnlockedVault): KdfInfo => ({
    algorithm: 'argon2id13',
    opslimit: v.kdf.opslimit,
    memlimitBytes: v.kdf.memlimit,
  });

  async function status(): Promise<VaultStatus> {
    if (vault) return { status: 'unlocked', path, entryCount: vault.entries().length, kdf: kdfInfo(vault) };
    if ((await vaultFileState(path)) === 'absent') return { status: 'absent', path };
    try {
      await inspectVault(path);
    } catch (error) {
      if (error instanceof VaultError && error.kind !== 'io') return unreadable(error);
      throw error;
    }
    return { status: 'locked', path, lastLockReason, ...deps.lockedDetails?.() };
  }

  function unreadable(error: VaultError): VaultStatus {
    return {
      status: 'unreadable',
      path,
      error: vaultErrorReport(error),
      previousGenerationAvailable: existsSync(previousGenerationPath(path)),
    };
  }

  async function withParams(purpose: 'create' | 'unlock'): Promise<VaultOptions> {
    if (deps.options.kdfParams || !deps.kdfParamsFor) return deps.options;
    const params = await deps.kdfParamsFor(purpose);
    return params ? { ...deps.options, kdfParams: params } : deps.options;
  }

  /** Serialises create/unlock: a second click while Argon2id runs must not derive twice. */
  async function exclusive(fn: () => Promise<UnlockedVault>): Promise<VaultStatus> {
    if (busy) throw new VaultBusyError();
    busy = true;
    try {
      vault = await fn();
      lastLockReason = null;
    } finally {
      busy = false;
    }
    deps.onUnlocked(vault);
    const next = await status();
    deps.onStatus(next);
    return next;
  }

  return {
    status,
    async create(password) {
      if (password.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError();
      return exclusive(async () => createVault(await withParams('create'), password));
    },
    unlock: (password) => exclusive(async () => unlockVault(await withParams('unlock'), password)),
    async lock(reason) {
      if (vault) {
        await deps.onLocking(reason);
        vault.lock();
        vault = null;
        lastLockReason = reason;
      }
      const next = await status();
      deps.onStatus(next);
      return next;
    },
    async usePrevious() {
      const current = await status();
      if (current.status !== 'unreadable' || !current.previousGenerationAvailable)
        throw new NoPreviousGenerationError();
      const prev = previousGenerationPath(path);
      // Open the previous generation's header first: never swap in a file that is unreadable too.
      await inspectVault(prev);
      // Through a symbolic link, the real file is set aside and replaced; the link stays a link.
      const file = await resolveVaultFile(path);
      const aside = `${file}.unreadable-${new Date(deps.options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-')}`;
      await rename(file, aside);
      await copyFile(prev, file, constants.COPYFILE_EXCL);
      const next = await status();
      deps.onStatus(next);
      return next;
    },
    open() {
      if (!vault) throw new VaultLockedError();
      return vault;
    },
    isUnlocked: () => vault !== null,
  };
}
