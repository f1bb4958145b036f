// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop app's main-process services, composed: the vault and what shows it (entries, codes,
 * the clock check, the clipboard), the features around it (auto-lock, exports, the recovery key,
 * backups, imports), and the steps run on unlock and lock; app-api.ts builds the object the IPC
 * handlers call. Plain Node: the Electron composition root and the Chromium end-to-end tests build
 * the very same object, with different ports. The logic lives in the services composed here;
 * this file only wires them.
 */
import { VAULT_FILE_NAME, type AppEventName, type AppEvents, type Clock, type LockReason } from '../domain';
import { defaultBackupDir, type BackupVaultOptions } from '../export';
import path from 'node:path';
import {
  machineKdfParams,
  machineKdfRaiser,
  readMachineKdfParams,
  sharedDefaultKdf,
  type Kdf,
  type KdfParams,
  type UnlockedVault,
} from '../vault';
import type { TimeCheck } from '../time/time-check';
import { bundledIcons, type BundledIcons } from '../icons/bundled';
import { createPackStore, iconPacksPathIn } from '../icons/pack-store';
import { createIconResolver, lazyBundledIcons, type IconResolver } from '../icons/resolver';
import { appServicesApi, type AppParts } from './app-api';
import { createAutoLocker } from './auto-locker';
import { createBackupService } from './backup-service';
import { createClipboardGuard, type ClipboardPort } from './clipboard-guard';
import { createClockService } from './clock-service';
import { correctedClock, createCodesService } from './codes-service';
import { NO_DESKTOP, type DesktopPorts } from './desktop-ports';
import { createEntriesService } from './entries-service';
import { resolvedPictures } from '../export/export-entries';
import { createExportService } from './export-service';
import { createIconsService } from './icons-service';
import { createImportService } from './import-service';
import { createQuickUnlockService } from './quick-unlock-service';
import { NO_QUICK_UNLOCK, type QuickUnlockPorts } from './quick-unlock-ports';
import { createRecoveryKeyService } from './recovery-key-service';
import { SETTINGS_DEFAULTS, toAutoLockSettings } from './settings';
import { createSettingsService, settingsPathIn, type SettingsService } from './settings-service';
import { createVaultUsage } from './usage-service';
import { createUsageStore, usagePathIn } from './usage-store';
import type { ResolvedVaultLocation } from './vault-location';
import { createVaultLocationService, type VaultLocationService } from './vault-location-service';
import { createVaultService, type VaultServiceDeps } from './vault-service';
import { createVaultSync, type WatchFile, type WatchFolder } from './vault-sync';

export type Emit = <C extends AppEventName>(channel: C, payload: AppEvents[C]) => void;

/** The settings a new installation starts with (electron/services/settings.ts). */
export const DEFAULT_SETTINGS = SETTINGS_DEFAULTS;

export interface AppServicesDeps {
  /** The vault file at start; it changes when the user moves the vault (vault-location-service.ts). */
  readonly vaultPath: string;
  /**
   * How `vaultPath` was found (vault-location.ts: `--vault`, `TESSERA_VAULT`, this computer's
   * pointer or the default) and what is wrong with it. Default: the default, without a problem.
   */
  readonly location?: ResolvedVaultLocation;
  /**
   * This computer's app data folder: settings, the KDF calibration and how often each code was
   * copied (usage.json), which never travel with a vault. Default: the vault's folder (the desktop
   * app keeps its vault there).
   */
  readonly dataFolder?: string;
  readonly clipboard: ClipboardPort;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly kdf?: Kdf;
  readonly kdfParams?: KdfParams;
  /** The user's settings; default: settings.json in the data folder. */
  readonly settings?: SettingsService;
  /**
   * Calls `onChange` when the vault file may have changed (e.g. the CLI saved it); returns a stop
   * function. Default: a cheap stat poll, which survives the atomic renames of every save.
   */
  readonly watchFile?: WatchFile;
  /**
   * Calls `onChange` when something in the vault's folder may have changed (a sync tool left a
   * conflict copy); returns a stop function. Default: fs.watch, else a poll of the folder.
   */
  readonly watchFolder?: WatchFolder;
  /** Milliseconds since the last input anywhere on the system (Electron's powerMonitor). */
  readonly systemIdleMs?: () => number;
  /** The OS keyring and Touch ID for quick unlock; default: none (quick unlock says it is unavailable). */
  readonly quickUnlock?: QuickUnlockPorts;
  /** File dialogs, screen capture and the clipboard's image; default: none (each says so). */
  readonly desktop?: DesktopPorts;
  /**
   * Measures the clock against the time server in Settings (SNTP). Default: none, so the clock is
   * never checked and nothing is sent: only the composition root passes the real one.
   */
  readonly timeCheck?: TimeCheck;
  /** The bundled issuer icons; default: the set generated at build time, loaded on first use. */
  readonly bundledIcons?: BundledIcons;
}

export type AppServices = ReturnType<typeof createAppServices>;

/** The vault and what shows it. */
type VaultSide = Pick<
  AppParts,
  'settings' | 'clockCheck' | 'codeClock' | 'clipboard' | 'vault' | 'sync' | 'entries' | 'usage' | 'codes'
>;

/** The features around the vault. */
type Features = Omit<AppParts, keyof VaultSide>;

/** What the vault side calls on parts built after it. */
interface LateHooks {
  readonly unlocked: () => void;
  readonly locking: (reason: LockReason) => Promise<void>;
  /** The vault was saved with a change: a backup is due. */
  readonly saved: () => void;
  /** The vault's data key changed (VaultOptions.onRekeyed). */
  readonly rekeyed: (vault: UnlockedVault) => Promise<void>;
}

export function createAppServices(given: AppServicesDeps) {
  // Where the vault is can change (a move): every part reads `deps.vaultPath` when it needs it, from
  // the location service; the data folder stays where it was.
  const location = createLocation(
    given,
    () => parts,
    () => features,
  );
  const deps = livePath(given, location);
  // Issuer icons: the bundled set and this computer's icon packs (never the network).
  const bundled = deps.bundledIcons ?? lazyBundledIcons(bundledIcons);
  const packs = createPackStore({ folder: iconPacksPathIn(dataFolder(deps)), tidy: true });
  const resolver = createIconResolver({ bundled, packs });
  // The parts call one another through functions read when called, never while being built: by
  // then `features` and `parts` exist.
  const side = createVaultSide(
    deps,
    {
      unlocked: () => {
        onUnlocked(parts);
        // A place chosen in the first run is remembered once a vault is open there.
        void location.opened().catch(() => undefined);
      },
      locking: (reason) => onLocking(parts, reason),
      saved: () => features.backups.changed(),
      rekeyed: (vault) => features.quickUnlock.rekeyed(vault),
    },
    resolver,
  );
  const features = createFeatures(deps, side, resolver);
  const parts: AppParts = { ...side, ...features };
  let alwaysNext = parts.settings.current().alwaysShowNextCode;
  parts.settings.onChange((view) => {
    deps.emit('settings:changed', view);
    // A shorter idle time may already have passed.
    if (parts.vault.isUnlocked()) parts.autoLocker.refresh();
    // The window gains or drops its next codes at once, not at the next period.
    if (view.settings.alwaysShowNextCode !== alwaysNext) {
      alwaysNext = view.settings.alwaysShowNextCode;
      if (parts.vault.isUnlocked()) parts.codes.restart();
    }
  });
  const icons = createIconsService({
    vault: parts.vault,
    openFresh: () => parts.sync.openFresh(),
    entries: parts.entries,
    resolver,
    bundled,
    packs,
    desktop: deps.desktop ?? NO_DESKTOP,
    saved: () => parts.backups.changed(),
  });
  return { ...appServicesApi(parts), icons, conflictCopies: conflictCopiesApi(parts), location };
}

/** `deps` whose `vaultPath` is the location service's current one; the data folder is fixed first. */
function livePath(deps: AppServicesDeps, location: VaultLocationService): AppServicesDeps {
  const fixed = { ...deps, dataFolder: dataFolder(deps) };
  return Object.defineProperty(fixed, 'vaultPath', { get: () => location.path(), enumerable: true });
}

/** The vault's place and moving it (vault-location-service.ts), over the parts built after it. */
function createLocation(deps: AppServicesDeps, parts: () => AppParts, features: () => Features): VaultLocationService {
  const folder = dataFolder(deps);
  const defaultPath = path.join(folder, VAULT_FILE_NAME);
  return createVaultLocationService({
    dataFolder: folder,
    defaultPath,
    initial: deps.location ?? {
      path: deps.vaultPath,
      source: path.resolve(deps.vaultPath) === defaultPath ? 'default' : 'option',
      problem: null,
    },
    desktop: deps.desktop ?? NO_DESKTOP,
    vault: () => parts().vault,
    // The moved file opens as the vault does here: this computer's KDF and parameters, the same hooks.
    async optionsFor(file) {
      const { options, kdfParamsFor } = vaultOptions(deps, (vault) => features().quickUnlock.rekeyed(vault));
      const params = options.kdfParams ? null : await kdfParamsFor?.('unlock');
      return { ...options, path: file, ...(params ? { kdfParams: params } : {}) };
    },
    async beforeSwitch() {
      parts().sync.unwatch();
      // A pending backup is written from the old session; the next ones come from the new one.
      await parts().backups.stop({ flush: true });
    },
    afterSwitch() {
      parts().backups.start();
      parts().sync.watch();
    },
  });
}

function createVaultSide(deps: AppServicesDeps, late: LateHooks, icons: IconResolver): VaultSide {
  const { clock, emit } = deps;
  const settings = deps.settings ?? createSettingsService({ path: settingsPathIn(dataFolder(deps)) });
  const clockCheck = createClockService({
    settings,
    timeCheck: deps.timeCheck ?? null,
    emit: (status) => emit('clock:changed', status),
    correctionChanged: () => codes.restart(),
  });
  const codeClock = correctedClock(clock, () => clockCheck.correctionMs());
  const clipboard = createClipboardGuard({
    clipboard: deps.clipboard,
    clock,
    clearAfterSeconds: () => settings.current().clipboardClearSeconds,
  });
  const vault = createVaultService({
    ...vaultOptions(deps, late.rekeyed),
    onStatus: (status) => emit('vault:status-changed', status),
    lockedDetails: () => entries.lockedDetails(),
    onUnlocked: late.unlocked,
    onLocking: late.locking,
  });
  const sync = createVaultSync({
    vault,
    get vaultPath() {
      return deps.vaultPath;
    },
    watchFile: deps.watchFile,
    watchFolder: deps.watchFolder,
    // Merged conflict copies go where automatic backups go (electron/services/backup-service.ts).
    backupsFolder: () => settings.current().backupFolder || defaultBackupDir(defaultVaultPath(deps)),
    saved: () => late.saved(),
    copiesFound: (report) => emit('vault:conflict-copies', report),
    changed: () => {
      entries.changed();
      // The CLI may have made or removed a recovery key (or added accounts): the status says so.
      void vault.announce().catch(() => undefined);
    },
  });
  const entries = createEntriesService({
    clock,
    vault,
    openFresh: sync.openFresh,
    emit: (list) => emit('entries:changed', list),
    rescheduleCodes: () => codes.restart(),
    deleted: (id) => codes.forget(id),
    saved: late.saved,
    shownIcon: (entry) => icons.shownIcon(entry),
  });
  // Counted per computer, by the vault's id; this computer's clock says when.
  const usage = createVaultUsage({
    store: createUsageStore({ path: usagePathIn(dataFolder(deps)), now: () => clock.now() }),
    vaultId: () => vault.open().vaultId,
    liveIds: () =>
      vault
        .open()
        .entries()
        .map((e) => e.id),
  });
  const codes = createCodesService({
    clock: codeClock,
    vault,
    entries,
    openFresh: sync.openFresh,
    clipboard,
    usage,
    emit: (snapshots) => emit('codes:update', snapshots),
    saved: late.saved,
    alwaysShowNext: () => settings.current().alwaysShowNextCode,
  });
  return { settings, clockCheck, codeClock, clipboard, vault, sync, entries, usage, codes };
}

function createFeatures(deps: AppServicesDeps, side: VaultSide, icons: IconResolver): Features {
  const { clock } = deps;
  const { settings, vault, entries, sync } = side;
  const desktop = deps.desktop ?? NO_DESKTOP;
  const autoLocker = createAutoLocker({
    clock,
    settings: () => toAutoLockSettings(settings.current()),
    lock: (reason) => void vault.lock(reason),
    ...(deps.systemIdleMs ? { systemIdleMs: deps.systemIdleMs } : {}),
  });
  const exports = createExportService({
    clock,
    desktop,
    get vaultPath() {
      return deps.vaultPath;
    },
    verifyPassword: (password) => vault.open().verifyPassword(password),
    entries: () => entries.shown(vault.open()),
    backupOptions: () => backupOptions(deps),
    // Exports carry the vault's custom icons (Tessera backup, Aegis) and, for Aegis, the pictures
    // the lists show (bundled and pack icons).
    vaultIcons: () => vault.open().icons(),
    shownPicture: (entry) => resolvedPictures(icons, vault.open().icons())(entry),
  });
  const backups = createBackupService({
    // Backups stay on this computer, in the data folder, wherever the vault is (a synced folder).
    vaultPath: defaultVaultPath(deps),
    clock,
    settings,
    desktop,
    vault: () => vault.open(),
    emit: (status) => deps.emit('backups:changed', status),
  });
  const recoveryKeys = createRecoveryKeyService({
    clock,
    desktop,
    get vaultPath() {
      return deps.vaultPath;
    },
    vault: () => vault.open(),
    announce: () => vault.announce(),
    saved: () => backups.changed(),
  });
  const quickUnlock = createQuickUnlockService({
    ports: deps.quickUnlock ?? NO_QUICK_UNLOCK,
    dataFolder: dataFolder(deps),
    get vaultPath() {
      return deps.vaultPath;
    },
    vault,
    kdf: deps.kdf ?? sharedDefaultKdf(),
    clock,
    settings: () => settings.current(),
    emit: (status) => deps.emit('quick-unlock:changed', status),
  });
  const imports = createImportService({
    desktop,
    now: () => side.codeClock.now(),
    shownEntries: () => entries.shown(vault.open()),
    openFresh: () => sync.openFresh(),
    changed: () => {
      entries.changed();
      backups.changed();
    },
    kdf: deps.kdf,
  });
  return { autoLocker, exports, recoveryKeys, quickUnlock, backups, imports };
}

const dataFolder = (deps: AppServicesDeps): string => deps.dataFolder ?? path.dirname(deps.vaultPath);

/** The default vault file in the data folder: backups default to `backups` beside it. */
const defaultVaultPath = (deps: AppServicesDeps): string => path.join(dataFolder(deps), VAULT_FILE_NAME);

/**
 * Where the vault is and how its key is derived: the KDF and parameters given, else this
 * computer's (calibrated on first create, raised when an unlock shows it is faster).
 */
function vaultOptions(
  deps: AppServicesDeps,
  onRekeyed: (vault: UnlockedVault) => Promise<void>,
): Pick<VaultServiceDeps, 'options' | 'kdfParamsFor'> {
  const folder = dataFolder(deps);
  return {
    options: {
      get path() {
        return deps.vaultPath;
      },
      now: () => deps.clock.now(),
      onRekeyed,
      ...(deps.kdf ? { kdf: deps.kdf } : {}),
      ...(deps.kdfParams ? { kdfParams: deps.kdfParams } : { raiseKdfParams: machineKdfRaiser(folder) }),
    },
    kdfParamsFor: async (purpose) =>
      purpose === 'create' ? machineKdfParams(folder, deps.kdf ? { kdf: deps.kdf } : {}) : readMachineKdfParams(folder),
  };
}

/** KDF and parameters for a Tessera backup file: as strong as the vault's own. */
function backupOptions(deps: AppServicesDeps): BackupVaultOptions {
  const kdfParams = deps.kdfParams ?? readMachineKdfParams(dataFolder(deps));
  return { ...(deps.kdf ? { kdf: deps.kdf } : {}), ...(kdfParams ? { kdfParams } : {}), now: () => deps.clock.now() };
}

/** Conflict copies beside the vault (vault-sync.ts): one saved under another password, merged with it. */
function conflictCopiesApi(p: AppParts) {
  return {
    mergeWithPassword: (file: string, password: string) => p.sync.mergeCopy(file, password),
    /** Looks in the folder now (the CLI-like one-off; the app also does it on unlock and on changes). */
    absorbNow: () => p.sync.absorbCopies(),
    /** Settles when no look at the folder is pending or running. */
    settled: () => p.sync.idle(),
  };
}

/** The vault was unlocked: show the entries and codes, start the timers, follow the file. */
function onUnlocked(p: AppParts): void {
  p.entries.unlocked();
  void p.quickUnlock.unlocked().catch(() => undefined);
  p.codes.restart();
  p.autoLocker.start();
  p.backups.start();
  p.clockCheck.checkAfter('unlock');
  p.sync.watch();
}

/** The vault is locking: everything that reads it stops, then what it showed is let go. */
async function onLocking(p: AppParts, reason: LockReason): Promise<void> {
  p.exports.end();
  // A recovery key just made and not yet put away goes with the key too.
  p.recoveryKeys.forget();
  p.autoLocker.stop();
  p.sync.unwatch();
  p.codes.stop();
  p.entries.locking();
  // The staged accounts of an import review (and a file waiting for its password) go with the key.
  p.imports.cancel();
  // A pending backup is written while the vault can still be read; not when our key no longer opens the file.
  await p.backups.stop({ flush: reason !== 'changed-on-disk' });
  await p.clipboard.clearIfOurs();
}
