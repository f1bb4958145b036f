// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop app's main-process services, composed from the vault, the OTP engine, the clipboard
 * guard and the codes pusher. Plain Node: the Electron composition root and the Chromium
 * end-to-end tests build the very same object, with different ports.
 */
import { unwatchFile, watchFile } from 'node:fs';
import {
  MIN_PASSWORD_LENGTH,
  type AppEventName,
  type AppEvents,
  type Clock,
  type ClockStatus,
  type CodePreview,
  type CodePreviewInput,
  type CodeSnapshot,
  type EntrySummary,
  type LockReason,
  type SettingsPatch,
  type SettingsView,
} from '../domain';
import { codeSnapshot, codesForEntries, parseOtpauthUri, validateEntryInput } from '../otp';
import {
  machineKdfParams,
  readMachineKdfParams,
  VaultError,
  type Kdf,
  type KdfParams,
  type NewVaultEntry,
  type UnlockedVault,
} from '../vault';
import type { VaultEntry } from '../vault/entry';
import type { TimeCheck } from '../time/time-check';
import { createClipboardGuard, type ClipboardPort } from './clipboard-guard';
import { createClockService } from './clock-service';
import { NO_DESKTOP, type DesktopPorts } from './desktop-ports';
import { createAutoLocker } from './auto-locker';
import { createBackupService } from './backup-service';
import { createExportService } from './export-service';
import { createImportService } from './import-service';
import { createCodesPusher } from './codes-pusher';
import { InvalidEntryError, NotFoundError, UndoExpiredError, WeakPasswordError } from './errors';
import { createPendingRemovals } from './pending-removals';
import { nextPushAt } from './push-schedule';
import { SETTINGS_DEFAULTS, toAutoLockSettings } from './settings';
import { createSettingsService, settingsPathFor, type SettingsService } from './settings-service';
import { createVaultService, type VaultService } from './vault-service';

export type Emit = <C extends AppEventName>(channel: C, payload: AppEvents[C]) => void;

/** The settings a new installation starts with (electron/services/settings.ts). */
export const DEFAULT_SETTINGS = SETTINGS_DEFAULTS;

export interface AppServicesDeps {
  readonly vaultPath: string;
  readonly clipboard: ClipboardPort;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly kdf?: Kdf;
  readonly kdfParams?: KdfParams;
  /** The user's settings; default: settings.json beside the vault. */
  readonly settings?: SettingsService;
  /**
   * Calls `onChange` when the vault file may have changed (e.g. the CLI saved it); returns a stop
   * function. Default: a cheap stat poll, which survives the atomic renames of every save.
   */
  readonly watchFile?: (path: string, onChange: () => void) => () => void;
  /** Milliseconds since the last input anywhere on the system (Electron's powerMonitor). */
  readonly systemIdleMs?: () => number;
  /** File dialogs, screen capture and the clipboard's image; default: none (each says so). */
  readonly desktop?: DesktopPorts;
  /**
   * Measures the clock against the time server in Settings (SNTP). Default: none, so the clock is
   * never checked and nothing is sent: only the composition root passes the real one.
   */
  readonly timeCheck?: TimeCheck;
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
  const desktop = deps.desktop ?? NO_DESKTOP;
  const settings = deps.settings ?? createSettingsService({ path: settingsPathFor(deps.vaultPath) });
  const clockCheck = createClockService({
    settings,
    timeCheck: deps.timeCheck ?? null,
    emit: (status) => emit('clock:changed', status),
    correctionChanged: () => pusher.restart(),
  });
  /**
   * The one clock codes are computed with: this computer's, plus the correction the user chose
   * (clock-service.ts). TOTP codes, copies, previews and the push schedule all read it; the
   * auto-lock, the clipboard and the vault keep this computer's clock.
   */
  const codeClock: Clock = {
    now: () => clock.now() + clockCheck.correctionMs(),
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle),
  };
  const clipboard = createClipboardGuard({
    clipboard: deps.clipboard,
    clock,
    clearAfterSeconds: () => settings.current().clipboardClearSeconds,
  });
  /** HOTP codes are shown only after the user asks for one; they stay until the next request. */
  const hotpCodes = new Map<string, CodeSnapshot>();
  /** Deletions within their undo time: hidden everywhere, deleted from the vault when it passes. */
  const pending = createPendingRemovals({ clock, commit: (id) => commitRemoval(id) });
  /** How many deletions the last lock cancelled; shown on the unlock screen. */
  let cancelledDeletions = 0;

  /** The entries the renderer may see: all but those being deleted. */
  const shown = (v: UnlockedVault): VaultEntry[] => v.entries().filter((e) => !pending.has(e.id));
  const timeBased = (v: UnlockedVault): VaultEntry[] => shown(v).filter((e) => e.type !== 'hotp');
  const currentCodes = (v: UnlockedVault): CodeSnapshot[] => [
    ...codesForEntries(timeBased(v), codeClock.now()),
    ...shown(v)
      .map((e) => hotpCodes.get(e.id))
      .filter((c): c is CodeSnapshot => c !== undefined),
  ];

  const pusher = createCodesPusher({
    clock: codeClock,
    push: () => {
      if (vault.isUnlocked()) emit('codes:update', currentCodes(vault.open()));
    },
    nextChangeAt: (now) =>
      vault.isUnlocked()
        ? nextPushAt(
            timeBased(vault.open()).map((e) => (e.period ?? 30) * 1000),
            now,
          )
        : null,
  });

  const autoLocker = createAutoLocker({
    clock,
    settings: () => toAutoLockSettings(settings.current()),
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
    kdfParamsFor: async (purpose) =>
      purpose === 'create'
        ? machineKdfParams(deps.vaultPath, deps.kdf ? { kdf: deps.kdf } : {})
        : readMachineKdfParams(deps.vaultPath),
    onStatus: (status) => emit('vault:status-changed', status),
    lockedDetails: () => (cancelledDeletions > 0 ? { cancelledDeletions } : {}),
    onUnlocked: () => {
      cancelledDeletions = 0;
      pushEntries();
      pusher.restart();
      autoLocker.start();
      backups.start();
      clockCheck.checkAfter('unlock');
      // From the watcher, an I/O failure (file briefly missing, disk gone) is retried on the next
      // change or write; it must not surface as an unhandled rejection.
      stopWatching = (deps.watchFile ?? pollFile)(deps.vaultPath, () => void syncWithDisk().catch(() => false));
    },
    onLocking: async (reason) => {
      exportService.end();
      autoLocker.stop();
      stopWatching?.();
      stopWatching = null;
      pusher.stop();
      hotpCodes.clear();
      // The undo time was cut short: keep those accounts (nothing is lost by a slip) and say so.
      cancelledDeletions = pending.cancelAll();
      // The staged accounts of an import review (and a file waiting for its password) go with the key.
      importService.cancel();
      // A pending backup is written while the vault can still be read; not when our key no longer opens the file.
      await backups.stop({ flush: reason !== 'changed-on-disk' });
      await clipboard.clearIfOurs();
    },
  });

  const exportService = createExportService({
    clock,
    desktop,
    vaultPath: deps.vaultPath,
    verifyPassword: (password) => vault.open().verifyPassword(password),
    entries: () => shown(vault.open()),
    backupOptions: () => {
      const kdfParams = deps.kdfParams ?? readMachineKdfParams(deps.vaultPath);
      return { ...(deps.kdf ? { kdf: deps.kdf } : {}), ...(kdfParams ? { kdfParams } : {}), now: () => clock.now() };
    },
  });
  const backups = createBackupService({
    vaultPath: deps.vaultPath,
    clock,
    settings,
    desktop,
    vault: () => vault.open(),
    emit: (status) => emit('backups:changed', status),
  });

  const importService = createImportService({
    desktop,
    now: () => codeClock.now(),
    shownEntries: () => shown(vault.open()),
    openFresh: () => openFresh(),
    changed: () => {
      changed();
      backups.changed();
    },
    kdf: deps.kdf,
  });

  settings.onChange((view) => {
    emit('settings:changed', view);
    // A shorter idle time may already have passed.
    if (vault.isUnlocked()) autoLocker.refresh();
  });

  /** The undo time of `id` has passed: delete it for good (it may have gone already, e.g. by the CLI). */
  async function commitRemoval(id: string): Promise<void> {
    if (!vault.isUnlocked()) return;
    try {
      const v = await openFresh();
      if (!v.get(id)) return;
      await v.remove(id);
      hotpCodes.delete(id);
      backups.changed();
    } catch {
      // Not deleted (the disk refused, or the vault locked meanwhile): show the account again.
      if (vault.isUnlocked()) changed();
    }
  }

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
    emit('entries:changed', shown(vault.open()).map(toSummary));
  }

  /** After any change to the entry set: tell the renderer and reschedule the codes. */
  function changed(): void {
    pushEntries();
    pusher.restart();
  }

  /** A shown entry: one being deleted is as good as gone until its deletion is undone. */
  function find(v: UnlockedVault, id: string): VaultEntry {
    const entry = v.get(id);
    if (!entry || pending.has(id)) throw new NotFoundError('That account');
    return entry;
  }

  async function addOne(entry: NewVaultEntry): Promise<EntrySummary> {
    const [added] = await (await openFresh()).add([entry]);
    if (!added) throw new Error('vault.add returned no entry');
    changed();
    backups.changed();
    return toSummary(added);
  }

  return {
    vault,
    entries: {
      list: (): EntrySummary[] => shown(vault.open()).map(toSummary),
      async add(input: Parameters<typeof validateEntryInput>[0]): Promise<EntrySummary> {
        const checked = validateEntryInput(input);
        if (!checked.ok) throw InvalidEntryError.fromValidation(checked);
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
        backups.changed();
        return toSummary(updated);
      },
      /** Hides the entry and starts its undo time; returns the seconds it lasts. */
      async remove(id: string): Promise<number> {
        find(await openFresh(), id);
        const seconds = pending.start(id);
        changed();
        return seconds;
      },
      /** Keeps an entry whose undo time has not passed. */
      async undoRemove(id: string): Promise<EntrySummary> {
        const v = vault.open();
        if (!pending.undo(id)) throw new UndoExpiredError();
        changed();
        return toSummary(find(v, id));
      },
      /** Sets the display order; `ids` lists every shown entry once (those being deleted keep theirs, last). */
      async reorder(ids: readonly string[]): Promise<EntrySummary[]> {
        const v = await openFresh();
        const visible = new Set(shown(v).map((e) => e.id));
        if (ids.length !== visible.size || new Set(ids).size !== ids.length || !ids.every((id) => visible.has(id))) {
          throw new InvalidEntryError('ids', 'The new order must list every account exactly once. Try again.');
        }
        await v.reorder([...ids, ...pending.ids().filter((id) => v.get(id))]);
        pushEntries();
        backups.changed();
        return shown(v).map(toSummary);
      },
    },
    codes: {
      current: (): CodeSnapshot[] => currentCodes(vault.open()),
      async copy(id: string): Promise<number> {
        const v = vault.open();
        const entry = find(v, id);
        const code = entry.type === 'hotp' ? hotpCodes.get(id)?.code : codeSnapshot(entry, codeClock.now()).code;
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
        const snapshot = codeSnapshot({ ...saved, counter: used }, codeClock.now());
        hotpCodes.set(id, snapshot);
        pushEntries();
        backups.changed();
        emit('codes:update', currentCodes(v));
        return snapshot;
      },
      /**
       * The code that typed parameters give now, for the add form's live preview. The secret is
       * decoded, used once and wiped; only the code and its end of validity go back.
       */
      preview(input: CodePreviewInput): CodePreview {
        vault.open();
        const checked = validateEntryInput({ ...input, issuer: 'Preview', account: '' });
        if (!checked.ok) throw InvalidEntryError.fromValidation(checked);
        const params = checked.value.params;
        try {
          const snapshot = codeSnapshot({ ...params, id: 'preview' }, codeClock.now(), { nextWithinMs: 0 });
          return { code: snapshot.code, validUntil: snapshot.validUntil };
        } finally {
          params.secret.fill(0);
        }
      },
    },
    settings: {
      view: (): SettingsView => settings.view(),
      /** Only with the vault open: whoever changes the locking rules must know the password. */
      async update(patch: SettingsPatch): Promise<SettingsView> {
        vault.open();
        return settings.update(patch);
      },
      /** The settings service itself, for the desktop glue (tray, shortcut, theme). */
      service: settings,
    },
    lock: (reason: LockReason) => vault.lock(reason),
    exports: exportService,
    imports: importService,
    backups: {
      status: () => backups.status(),
      chooseFolder: () => backups.chooseFolder(),
      useDefaultFolder: () => backups.useDefaultFolder(),
      runNow: () => backups.runNow(),
    },
    /** The clock check and the corrected time (clock-service.ts). */
    clock: {
      status: () => clockCheck.status(),
      /** These three only with the vault open, like every settings change. */
      async checkNow(): Promise<ClockStatus> {
        vault.open();
        return clockCheck.checkNow();
      },
      async useCorrected(): Promise<ClockStatus> {
        vault.open();
        return clockCheck.useCorrected();
      },
      async useSystemClock(): Promise<ClockStatus> {
        vault.open();
        return clockCheck.useSystemClock();
      },
    },
    /**
     * The computer woke from sleep: push the codes again at once (the push timer ran on a clock
     * that stood still, and the window checks its countdown rings against each new push) and check
     * the clock again (a locked vault does both at its unlock).
     */
    resumed(): void {
      if (!vault.isUnlocked()) return;
      pusher.restart();
      clockCheck.checkAfter('resume');
    },
    /** System suspend, screen lock or window activity, judged by the auto-lock settings. */
    autoLockEvent: (type: 'activity' | 'suspend' | 'screen-lock') => autoLocker.handle(type),
    /** Reloads if the file changed under us; true when something changed. */
    syncWithDisk,
    /**
     * Changes the master password and re-keys (a new data key; copies from before open nothing
     * saved after it); the minimum length applies as on create.
     */
    async changePassword(current: string, next: string): Promise<void> {
      if (next.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError();
      await vault.open().changePassword(current, next, { keepDataKey: false });
      // Backups written so far open with the old password only; the next one has the new one.
      backups.changed();
    },
    /** On quit: clear the clipboard if it holds our code and wipe the vault. */
    async shutdown(): Promise<void> {
      await vault.lock('quit');
      await clipboard.clearIfOurs();
      await importService.close();
    },
  };
}
