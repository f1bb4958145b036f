// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one object the IPC handlers (and the tests) call, built over the wired parts of the app's
 * services (app-services.ts wires them). Most calls go straight to a part; the ones added here
 * gate a change on the open vault (whoever changes the settings or the clock must know the
 * password) or reach several parts at once (resume, password change, quit).
 */
import {
  MIN_PASSWORD_LENGTH,
  type Clock,
  type ClockStatus,
  type LockReason,
  type SettingsPatch,
  type SettingsView,
  type VaultStatus,
} from '../domain';
import type { AutoLocker } from './auto-locker';
import type { BackupService } from './backup-service';
import type { ClipboardGuard } from './clipboard-guard';
import type { ClockService } from './clock-service';
import type { CodesService } from './codes-service';
import type { EntriesService } from './entries-service';
import { WeakPasswordError } from './errors';
import type { ExportService } from './export-service';
import type { createImportService } from './import-service';
import type { QuickUnlockService } from './quick-unlock-service';
import type { RecoveryKeyService } from './recovery-key-service';
import type { SettingsService } from './settings-service';
import type { VaultUsage } from './usage-service';
import type { VaultService } from './vault-service';
import type { VaultSync } from './vault-sync';

/** Every part of the app's services, once wired. */
export interface AppParts {
  readonly settings: SettingsService;
  readonly clockCheck: ClockService;
  /** The corrected clock codes are computed with (codes-service.ts). */
  readonly codeClock: Clock;
  readonly clipboard: ClipboardGuard;
  readonly vault: VaultService;
  readonly sync: VaultSync;
  readonly entries: EntriesService;
  /** How often each code was copied on this computer (usage.json, never the vault). */
  readonly usage: VaultUsage;
  readonly codes: CodesService;
  readonly autoLocker: AutoLocker;
  readonly exports: ExportService;
  readonly recoveryKeys: RecoveryKeyService;
  readonly quickUnlock: QuickUnlockService;
  readonly backups: BackupService;
  readonly imports: ReturnType<typeof createImportService>;
}

/** The object the IPC handlers (and the tests) call. */
export function appServicesApi(p: AppParts) {
  const { vault, settings, backups, imports } = p;
  return {
    vault,
    entries: p.entries.api,
    codes: p.codes.api,
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
    exports: p.exports,
    recoveryKeys: p.recoveryKeys,
    quickUnlock: p.quickUnlock,
    imports,
    backups: {
      status: () => backups.status(),
      chooseFolder: () => backups.chooseFolder(),
      useDefaultFolder: () => backups.useDefaultFolder(),
      runNow: () => backups.runNow(),
    },
    clock: clockApi(p),
    /**
     * The computer woke from sleep: push the codes again at once (the push timer ran on a clock
     * that stood still, and the window checks its countdown rings against each new push) and check
     * the clock again (a locked vault does both at its unlock).
     */
    resumed(): void {
      if (!vault.isUnlocked()) return;
      p.codes.restart();
      p.clockCheck.checkAfter('resume');
    },
    /** System suspend, screen lock or window activity, judged by the auto-lock settings. */
    autoLockEvent: (type: 'activity' | 'suspend' | 'screen-lock') => p.autoLocker.handle(type),
    /** Reloads if the file changed under us; true when something changed. */
    syncWithDisk: p.sync.syncWithDisk,
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
    /**
     * Forgotten password: opens the vault with its recovery key and sets a new master password
     * (vault-service.ts). Backups written so far open with the old password (or the recovery key)
     * only; the next one has the new one.
     */
    async recover(recoveryKey: string, newPassword: string): Promise<VaultStatus> {
      const status = await vault.recover(recoveryKey, newPassword);
      backups.changed();
      return status;
    },
    /** On quit: clear the clipboard if it holds our code and wipe the vault. */
    async shutdown(): Promise<void> {
      await vault.lock('quit');
      await p.clipboard.clearIfOurs();
      await imports.close();
    },
  };
}

/** The clock check and the corrected time (clock-service.ts). */
function clockApi({ vault, clockCheck }: AppParts) {
  return {
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
  };
}
