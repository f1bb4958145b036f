// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop app's main-process services, composed from the vault, the OTP engine, the clipboard
 * guard and the codes pusher. Plain Node: the Electron composition root and the Chromium
 * end-to-end tests build the very same object, with different ports.
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { CodeSnapshot, EntrySummary, EventChannel, EventContract, LockReason } from '../ipc/contract';
import { codeSnapshot, codesForEntries, nextBoundary, parseOtpauthUri, validateEntryInput } from '../otp';
import { DEFAULT_AUTOLOCK_SETTINGS, VaultError, type AutoLockSettings, type Kdf, type KdfParams, type NewVaultEntry, type UnlockedVault } from '../vault';
import type { VaultEntry } from '../vault/entry';
import { createClipboardGuard, type ClipboardPort } from './clipboard-guard';
import type { Clock } from './clock';
import { createAutoLocker } from './auto-locker';
import { createCodesPusher } from './codes-pusher';
import { InvalidEntryError, NotFoundError } from './errors';
import { createVaultService, MIN_PASSWORD_LENGTH, WeakPasswordError, type VaultService } from './vault-service';

export type Emit = <C extends EventChannel>(channel: C, payload: EventContract[C]) => void;

export interface AppSettings {
  /** Seconds before a copied code is cleared from the clipboard; 0 = never. */
  readonly clipboardClearSeconds: number;
  readonly autoLock: AutoLockSettings;
}

export const DEFAULT_SETTINGS: AppSettings = Object.freeze({
  clipboardClearSeconds: 20,
  autoLock: DEFAULT_AUTOLOCK_SETTINGS,
});

export interface AppServicesDeps {
  readonly vaultPath: string;
  readonly clipboard: ClipboardPort;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly kdf?: Kdf;
  readonly kdfParams?: KdfParams;
  readonly settings?: () => AppSettings;
  /**
   * Calls `onChange` when the vault file may have changed (e.g. the CLI saved it); returns a stop
   * function. Default: a cheap stat poll, which survives the atomic renames of every save.
   */
  readonly watchFile?: (path: string, onChange: () => void) => () => void;
  /** Milliseconds since the last input anywhere on the system (Electron's powerMonitor). */
  readonly systemIdleMs?: () => number;
}

function pollFile(path: string, onChange: () => void): () => void {
  const listener = (): void => onChange();
  watchFile(path, { interval: 2000, persistent: false }, listener);
  return () => unwatchFile(path, listener);
}

export type AppServices = ReturnType<typeof createAppServices>;

/** Strips the secret: the only shape of an entry that may leave the main process. */
export function toSummary(entry: VaultEntry): EntrySummary {
  return {
    id: entry.id,
    type: entry.type,
    issuer: entry.issuer,
    account: entry.account,
    algorithm: entry.algorithm,
    digits: entry.digits,
    period: entry.period,
    counter: entry.counter,
    group: entry.group,
    favourite: entry.favourite,
    notes: entry.notes,
    sortOrder: entry.sortOrder,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}

export function createAppServices(deps: AppServicesDeps) {
  const { clock, emit } = deps;
  const settings = deps.settings ?? (() => DEFAULT_SETTINGS);
  const clipboard = createClipboardGuard({
    clipboard: deps.clipboard,
    clock,
    clearAfterSeconds: () => settings().clipboardClearSeconds,
  });
  /** HOTP codes are shown only after the user asks for one; they stay until the next request. */
  const hotpCodes = new Map<string, CodeSnapshot>();

  const timeBased = (v: UnlockedVault): VaultEntry[] => v.entries().filter((e) => e.type !== 'hotp');
  const currentCodes = (v: UnlockedVault): CodeSnapshot[] => [
    ...codesForEntries(timeBased(v), clock.now()),
    ...v
      .entries()
      .map((e) => hotpCodes.get(e.id))
      .filter((c): c is CodeSnapshot => c !== undefined),
  ];

  const pusher = createCodesPusher({
    clock,
    push: () => {
      if (vault.isUnlocked()) emit('codes:update', currentCodes(vault.open()));
    },
    nextChangeAt: (now) => (vault.isUnlocked() ? nextBoundary(timeBased(vault.open()), now) : null),
  });

  const autoLocker = createAutoLocker({
    clock,
    settings: () => settings().autoLock,
    lock: (reason) => void vault.lock(reason),
    ...(deps.systemIdleMs ? { systemIdleMs: deps.systemIdleMs } : {}),
  });

  const vault: VaultService = createVaultService({
    options: {
      path: deps.vaultPath,
      now: () => clock.now(),
      ...(deps.kdf ? { kdf: deps.kdf } : {}),
      ...(deps.kdfParams ? { kdfParams: deps.kdfParams } : {}),
    },
    onStatus: (status) => emit('vault:status-changed', status),
    onUnlocked: () => {
      pushEntries();
      pusher.restart();
      autoLocker.start();
      // From the watcher, an I/O failure (file briefly missing, disk gone) is retried on the next
      // change or write; it must not surface as an unhandled rejection.
      stopWatching = (deps.watchFile ?? pollFile)(deps.vaultPath, () => void syncWithDisk().catch(() => false));
    },
    onLocking: async () => {
      autoLocker.stop();
      stopWatching?.();
      stopWatching = null;
      pusher.stop();
      hotpCodes.clear();
      await clipboard.clearIfOurs();
    },
  });

  let stopWatching: (() => void) | null = null;

  /**
   * Another process (the CLI) saved the vault: reload it with the key we hold. If the password was
   * changed there, our key no longer opens it, so lock and ask for the new password.
   */
  async function syncWithDisk(): Promise<boolean> {
    if (!vault.isUnlocked()) return false;
    try {
      if (!(await vault.open().reloadIfChangedOnDisk())) return false;
    } catch (error) {
      if (error instanceof VaultError && error.kind !== 'io') {
        await vault.lock('changed-on-disk');
        return true;
      }
      throw error;
    }
    changed();
    return true;
  }

  /** The open vault, first brought up to date with the file (writes must not lose a CLI change). */
  async function openFresh(): Promise<UnlockedVault> {
    await syncWithDisk();
    return vault.open();
  }

  function pushEntries(): void {
    emit('entries:changed', vault.open().entries().map(toSummary));
  }

  /** After any change to the entry set: tell the renderer and reschedule the codes. */
  function changed(): void {
    pushEntries();
    pusher.restart();
  }

  function find(v: UnlockedVault, id: string): VaultEntry {
    const entry = v.get(id);
    if (!entry) throw new NotFoundError('That account');
    return entry;
  }

  async function addOne(entry: NewVaultEntry): Promise<EntrySummary> {
    const [added] = await (await openFresh()).add([entry]);
    if (!added) throw new Error('vault.add returned no entry');
    changed();
    return toSummary(added);
  }

  return {
    vault,
    entries: {
      list: (): EntrySummary[] => vault.open().entries().map(toSummary),
      async add(input: Parameters<typeof validateEntryInput>[0]): Promise<EntrySummary> {
        const checked = validateEntryInput(input);
        if (!checked.ok) throw new InvalidEntryError(checked.field, checked.message);
        const { params, ...meta } = checked.value;
        return addOne({ ...params, ...meta });
      },
      async addUri(uri: string): Promise<EntrySummary> {
        const parsed = parseOtpauthUri(uri);
        return addOne({ ...parsed.params, issuer: parsed.issuer, account: parsed.account });
      },
      async update(id: string, patch: Parameters<UnlockedVault['update']>[1]): Promise<EntrySummary> {
        const v = await openFresh();
        find(v, id);
        const updated = await v.update(id, patch);
        pushEntries();
        return toSummary(updated);
      },
      async remove(id: string): Promise<void> {
        const v = await openFresh();
        find(v, id);
        await v.remove(id);
        hotpCodes.delete(id);
        changed();
      },
    },
    codes: {
      current: (): CodeSnapshot[] => currentCodes(vault.open()),
      async copy(id: string): Promise<number> {
        const v = vault.open();
        const entry = find(v, id);
        const code = entry.type === 'hotp' ? hotpCodes.get(id)?.code : codeSnapshot(entry, clock.now()).code;
        if (code === undefined) throw new InvalidEntryError('counter', 'Generate a code for this account first.');
        return clipboard.copy(code);
      },
      /** HOTP: the incremented counter is saved before the code is returned. */
      async nextHotp(id: string): Promise<CodeSnapshot> {
        const v = await openFresh();
        const entry = find(v, id);
        if (entry.type !== 'hotp' || entry.counter === null) {
          throw new InvalidEntryError('type', 'Only counter-based (HOTP) accounts have a next code.');
        }
        const used = entry.counter;
        // The save replaces the secret buffer, so re-read the entry after it (never keep views).
        const saved = await v.setCounter(id, used + 1);
        const snapshot = codeSnapshot({ ...saved, counter: used }, clock.now());
        hotpCodes.set(id, snapshot);
        pushEntries();
        emit('codes:update', currentCodes(v));
        return snapshot;
      },
    },
    lock: (reason: LockReason) => vault.lock(reason),
    /** System suspend, screen lock or window activity, judged by the auto-lock settings. */
    autoLockEvent: (type: 'activity' | 'suspend' | 'screen-lock') => autoLocker.handle(type),
    /** Reloads if the file changed under us; true when something changed. */
    syncWithDisk,
    /** Re-wraps the data key under the new password; the minimum length applies as on create. */
    async changePassword(current: string, next: string): Promise<void> {
      if (next.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError();
      await vault.open().changePassword(current, next);
    },
    /** On quit: clear the clipboard if it holds our code and wipe the vault. */
    async shutdown(): Promise<void> {
      await vault.lock('quit');
      await clipboard.clearIfOurs();
    },
  };
}
