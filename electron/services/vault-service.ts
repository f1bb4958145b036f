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
  recoverVault,
  unlockVaultWithWrap,
  resolveVaultFile,
  sharedDefaultKdf,
  unlockVault,
  vaultErrorReport,
  vaultFileState,
  VaultError,
  type KdfParams,
  type DataKeyWrap,
  type UnlockedVault,
  type VaultOptions,
} from '../vault';
import { NoPreviousGenerationError, VaultAlreadyOpenError, VaultBusyError, WeakPasswordError } from './errors';
import { constants, existsSync } from 'node:fs';
import { copyFile, rename } from 'node:fs/promises';

export interface VaultService {
  status(): Promise<VaultStatus>;
  create(password: string): Promise<VaultStatus>;
  unlock(password: string): Promise<VaultStatus>;
  /**
   * Forgotten password: opens the locked vault with its recovery key and sets `newPassword` (a
   * re-key; the recovery key keeps working). The key text goes to the vault module and nowhere else.
   * @throws RecoveryKeyFormatError (a mistyped key), VaultError `wrong-password-or-tampered` (no
   *   recovery key, or not this vault's), WeakPasswordError, VaultAlreadyOpenError.
   */
  recover(recoveryKey: string, newPassword: string): Promise<VaultStatus>;
  /**
   * Quick unlock: opens the locked vault with a wrap of its data key and the key that opens it
   * (quick-unlock-service.ts). Throws what unlockVaultWithWrap throws.
   */
  unlockWithWrap(kek: Uint8Array, wrap: DataKeyWrap): Promise<VaultStatus>;
  lock(reason: LockReason): Promise<VaultStatus>;
  /**
   * Only when the vault is unreadable and a previous generation exists: moves the damaged file
   * aside (kept, never deleted) and puts a copy of the previous generation in its place.
   */
  usePrevious(): Promise<VaultStatus>;
  /** The open vault; throws VaultLockedError when locked. */
  open(): UnlockedVault;
  /**
   * Pushes the status again (`onStatus`) after a change made on the open vault rather than by this
   * service, e.g. a recovery key made or removed; returns it.
   */
  announce(): Promise<VaultStatus>;
  isUnlocked(): boolean;
  /**
   * The vault moved to another folder (vault-move.ts): `next`, a session over the file at its new
   * place opened with the same data key, takes the open one's place, which is wiped. Nothing locks
   * in between (onLocking and onUnlocked do not run); the status is pushed again with the new path,
   * which `options.path` must already give.
   * @throws VaultLockedError when no vault is open (`next` is wiped then).
   */
  replaceSession(next: UnlockedVault): Promise<VaultStatus>;
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

/** One vault service's dependencies and state, shared by the helpers below. */
interface VaultState {
  readonly deps: VaultServiceDeps;
  /** The vault file: `options.path`, read each time (it changes when the vault is moved). */
  readonly path: string;
  /** The open vault while unlocked; null when locked. */
  vault: UnlockedVault | null;
  lastLockReason: LockReason | null;
  /** True while a create or unlock derives its key. */
  busy: boolean;
}

export function createVaultService(deps: VaultServiceDeps): VaultService {
  const v: VaultState = {
    deps,
    get path() {
      return deps.options.path;
    },
    vault: null,
    lastLockReason: null,
    busy: false,
  };

  return {
    status: () => status(v),
    async create(password) {
      if (password.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError();
      return exclusive(v, async () => createVault(await withParams(deps, 'create'), password));
    },
    unlock: (password) => exclusive(v, async () => unlockVault(await withParams(deps, 'unlock'), password)),
    async recover(recoveryKey, newPassword) {
      // An open session would be left behind, unwiped, by a second one on the re-keyed file.
      if (v.vault) throw new VaultAlreadyOpenError();
      if (newPassword.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError();
      // The new password is wrapped like an unlock's upgrade: with this computer's stored parameters.
      return exclusive(v, async () => recoverVault(await withParams(deps, 'unlock'), recoveryKey, newPassword));
    },
    async unlockWithWrap(kek, wrap) {
      if (v.vault) throw new VaultAlreadyOpenError();
      return exclusive(v, async () => unlockVaultWithWrap(await withParams(deps, 'unlock'), kek, wrap));
    },
    async lock(reason) {
      if (v.vault) {
        await deps.onLocking(reason);
        v.vault.lock();
        v.vault = null;
        v.lastLockReason = reason;
      }
      return announce(v);
    },
    usePrevious: () => usePrevious(v),
    open() {
      if (!v.vault) throw new VaultLockedError();
      return v.vault;
    },
    isUnlocked: () => v.vault !== null,
    announce: () => announce(v),
    async replaceSession(next) {
      const old = v.vault;
      if (!old) {
        next.lock();
        throw new VaultLockedError();
      }
      v.vault = next;
      old.lock();
      return announce(v);
    },
  };
}

/** What protects the open vault, and what it cost this computer to open it (Settings says it in words). */
async function kdfInfo(v: VaultState, vault: UnlockedVault): Promise<KdfInfo> {
  const kdf = v.deps.options.kdf ?? sharedDefaultKdf();
  return {
    algorithm: 'argon2id13',
    opslimit: vault.kdf.opslimit,
    memlimitBytes: vault.kdf.memlimit,
    deriveMs: vault.deriveMs === null ? null : Math.round(vault.deriveMs),
    engine: (await kdf.engine?.()) ?? null,
  };
}

async function status(v: VaultState): Promise<VaultStatus> {
  const { path } = v;
  if (v.vault) {
    return {
      status: 'unlocked',
      path,
      entryCount: v.vault.entries().length,
      kdf: await kdfInfo(v, v.vault),
      recoveryKey: v.vault.hasRecoveryKey,
    };
  }
  if ((await vaultFileState(path)) === 'absent') return { status: 'absent', path };
  try {
    await inspectVault(path);
  } catch (error) {
    if (error instanceof VaultError && error.kind !== 'io') return unreadable(path, error);
    throw error;
  }
  return { status: 'locked', path, lastLockReason: v.lastLockReason, ...v.deps.lockedDetails?.() };
}

/** The status after a state change, also passed to `onStatus`. */
async function announce(v: VaultState): Promise<VaultStatus> {
  const next = await status(v);
  v.deps.onStatus(next);
  return next;
}

function unreadable(path: string, error: VaultError): VaultStatus {
  return {
    status: 'unreadable',
    path,
    error: vaultErrorReport(error),
    previousGenerationAvailable: existsSync(previousGenerationPath(path)),
  };
}

async function withParams(deps: VaultServiceDeps, purpose: 'create' | 'unlock'): Promise<VaultOptions> {
  if (deps.options.kdfParams || !deps.kdfParamsFor) return deps.options;
  const params = await deps.kdfParamsFor(purpose);
  return params ? { ...deps.options, kdfParams: params } : deps.options;
}

/** Serialises create/unlock/recover: a second click while Argon2id runs must not derive twice. */
async function exclusive(v: VaultState, fn: () => Promise<UnlockedVault>): Promise<VaultStatus> {
  if (v.busy) throw new VaultBusyError();
  v.busy = true;
  let opened: UnlockedVault;
  try {
    opened = await fn();
    v.vault = opened;
    v.lastLockReason = null;
  } finally {
    v.busy = false;
  }
  v.deps.onUnlocked(opened);
  return announce(v);
}

/** Sets the damaged file aside (kept, never deleted) and puts a copy of the previous generation in its place. */
async function usePrevious(v: VaultState): Promise<VaultStatus> {
  const current = await status(v);
  if (current.status !== 'unreadable' || !current.previousGenerationAvailable) throw new NoPreviousGenerationError();
  const prev = previousGenerationPath(v.path);
  // Open the previous generation's header first: never swap in a file that is unreadable too.
  await inspectVault(prev);
  // Through a symbolic link, the real file is set aside and replaced; the link stays a link.
  const file = await resolveVaultFile(v.path);
  const stamp = new Date(v.deps.options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
  await rename(file, `${file}.unreadable-${stamp}`);
  await copyFile(prev, file, constants.COPYFILE_EXCL);
  return announce(v);
}
