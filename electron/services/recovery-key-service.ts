// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault's recovery key from the desktop app (`vault:*-recovery-key`): made or removed after the
 * master password is entered again (like an export: an open vault is not enough, since whoever holds
 * the key can set a new password), shown once, and saved to a file through main's save dialog.
 *
 * The key text is the one secret the window is given as text (docs/security.md). So main holds it
 * only as long as the window may still ask to save it: until the window says it no longer shows it,
 * the vault locks, or PENDING_RECOVERY_KEY_SECONDS pass. It goes into no status, event, log or
 * error; only the answer to `create` carries it.
 */
import path from 'node:path';
import type { Clock, TimerHandle, VaultStatus } from '../domain';
import { RECOVERY_KEY_FILE_NAME, recoveryKeyPage } from '../domain/recovery-key';
import { writePrivateFile, type UnlockedVault } from '../vault';
import type { DesktopPorts } from './desktop-ports';
import { FileWriteError, InvalidEntryError, NoPendingRecoveryKeyError, RecoveryKeyInterruptedError } from './errors';

/** How long main keeps a new key for “Save to a file” when the window does not say it is done. */
export const PENDING_RECOVERY_KEY_SECONDS = 600;

export interface RecoveryKeyServiceDeps {
  readonly clock: Clock;
  readonly desktop: Pick<DesktopPorts, 'pickSavePath'>;
  /** The vault file: the key is never saved over it. */
  readonly vaultPath: string;
  /** The open vault; throws VaultLockedError when locked. */
  readonly vault: () => UnlockedVault;
  /** Pushes the vault's status (it says whether there is a recovery key) and returns it. */
  readonly announce: () => Promise<VaultStatus>;
  /** The vault file was saved with a new header: a backup is due. */
  readonly saved: () => void;
}

export interface RecoveryKeyService {
  /**
   * Checks the master password, makes a new recovery key (an earlier one stops working; the vault
   * is re-keyed) and keeps its text for `save`. The answer is the one place the key is shown.
   * @throws VaultError `wrong-password-or-tampered` (a wrong password; nothing changed), VaultLockedError,
   *   RecoveryKeyInterruptedError.
   */
  create(password: string): Promise<{ recoveryKey: string }>;
  /** Saves the key just made, as a page to print, to a file picked in the save dialog (0600); null when cancelled. */
  save(): Promise<{ savedTo: string | null }>;
  /** Drops the key just made (the window no longer shows it; the vault is locking). */
  forget(): void;
  /** Checks the master password and removes the recovery key; answers the new status. */
  remove(password: string): Promise<VaultStatus>;
}

/** The key just made, held for “Save to a file”. */
interface PendingKey {
  readonly recoveryKey: string;
  /** When it was made (clock milliseconds), printed on the page. */
  readonly createdAt: number;
  readonly timer: TimerHandle;
}

export function createRecoveryKeyService(deps: RecoveryKeyServiceDeps): RecoveryKeyService {
  let pending: PendingKey | null = null;
  /** Bumped by `forget()`: a key whose making outlived a lock must not be kept (or shown). */
  let epoch = 0;
  /** Create and remove run one at a time, so the key held is always the one the vault has. */
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  function forget(): void {
    epoch++;
    if (pending) deps.clock.clearTimeout(pending.timer);
    // JavaScript strings are immutable and cannot be overwritten in place: dropping the one
    // reference is all that can be done, and the garbage collector frees the text some time later.
    pending = null;
  }

  async function create(password: string): Promise<{ recoveryKey: string }> {
    const vault = deps.vault();
    const started = epoch;
    // The vault checks the password first (one KDF run) and changes nothing when it is wrong.
    const recoveryKey = await vault.createRecoveryKey(password);
    deps.saved();
    if (epoch !== started) throw new RecoveryKeyInterruptedError();
    // The earlier key stopped working: its text, if still held, is of no use.
    forget();
    pending = {
      recoveryKey,
      createdAt: deps.clock.now(),
      timer: deps.clock.setTimeout(forget, PENDING_RECOVERY_KEY_SECONDS * 1000),
    };
    await deps.announce();
    return { recoveryKey };
  }

  async function save(): Promise<{ savedTo: string | null }> {
    const held = pending;
    if (!held) throw new NoPendingRecoveryKeyError();
    const file = await chooseFile(deps);
    if (file === null) return { savedTo: null };
    // The dialog may have stayed open through a lock, the time limit or a newer key: never write a stale one.
    if (pending !== held) throw new NoPendingRecoveryKeyError();
    try {
      const page = recoveryKeyPage({
        recoveryKey: held.recoveryKey,
        vaultPath: deps.vaultPath,
        createdAt: held.createdAt,
      });
      await writePrivateFile(file, page);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code ?? 'error';
      throw new FileWriteError(`Cannot save ${path.basename(file)} there (${code}). Choose another folder.`, {
        cause: error,
      });
    }
    return { savedTo: file };
  }

  async function remove(password: string): Promise<VaultStatus> {
    const vault = deps.vault();
    if (vault.hasRecoveryKey) {
      // Checks the password, removes the slot and re-keys the vault.
      await vault.removeRecoveryKey(password);
      deps.saved();
    } else {
      // Nothing to remove, but a wrong password is still never answered with success.
      await vault.verifyPassword(password);
    }
    // A key still held opens nothing any more.
    forget();
    return deps.announce();
  }

  return {
    create: (password) => serial(() => create(password)),
    save,
    forget,
    remove: (password) => serial(() => remove(password)),
  };
}

/** The save dialog for the key's page: the chosen file (never the vault itself), or null when cancelled. */
async function chooseFile(deps: RecoveryKeyServiceDeps): Promise<string | null> {
  const chosen = await deps.desktop.pickSavePath({
    title: 'Save the recovery key',
    defaultName: RECOVERY_KEY_FILE_NAME,
    filters: [{ name: 'Text', extensions: ['txt'] }],
  });
  if (chosen === null) return null;
  const file = path.resolve(chosen);
  if (file === path.resolve(deps.vaultPath)) {
    throw new InvalidEntryError('path', 'That is your vault file. Choose another name for the recovery key.');
  }
  return file;
}
