// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The user's preferences: their shape, a change to some of them, and the notes about them the
 * window shows. Kept by the main process in this computer's settings file; never a secret. The
 * rules and defaults of each setting live with the settings service.
 */
import type { ClockMeasurement } from './clock';
import { isMemberOf, membersOf, type MemberSet } from './enumerations';

/** The colour scheme the user chose; 'system' follows the operating system. */
export type ThemePreference = 'system' | 'light' | 'dark';

const THEME_SET: MemberSet<ThemePreference> = { system: true, light: true, dark: true };

/** Every colour scheme a user may choose: system, light, dark. */
export const THEME_PREFERENCES: readonly ThemePreference[] = membersOf(THEME_SET);

/** Type guard for a colour scheme. */
export function isThemePreference(value: unknown): value is ThemePreference {
  return isMemberOf(THEME_SET, value);
}

/** The user's preferences, kept by main in settings.json beside the vault. Never a secret. */
export interface Settings {
  /** Lock after this many minutes without activity; 0 turns the idle lock off. */
  readonly autoLockMinutes: number;
  readonly lockOnSuspend: boolean;
  readonly lockOnScreenLock: boolean;
  /** Seconds before a copied code is cleared from the clipboard; 0 = never. */
  readonly clipboardClearSeconds: number;
  /** Privacy mode: codes stay masked until a click or key press reveals one for its period. */
  readonly hideCodes: boolean;
  readonly theme: ThemePreference;
  /** Closing the window hides it to the tray instead of quitting. */
  readonly closeToTray: boolean;
  /** Start hidden in the tray (or minimised where there is no tray). */
  readonly startMinimised: boolean;
  /** An Electron accelerator (e.g. 'CommandOrControl+Alt+T') that shows the window with search focused; '' = off. */
  readonly globalShortcut: string;
  /** Write a verified, encrypted backup after each change. */
  readonly autoBackup: boolean;
  /** How many automatic backups to keep (the oldest are pruned after a new one is verified). */
  readonly backupKeep: number;
  /**
   * The automatic backups' folder; '' = `backups` beside the vault. The renderer may only reset it
   * to ''; another folder is chosen in main's folder dialog (`backups:choose-folder`).
   */
  readonly backupFolder: string;
  /** Check this computer's clock against `clockServer` after each unlock and resume (one SNTP query each). */
  readonly clockCheck: boolean;
  /** The time server: `host`, `host:port`, or an IPv6 address (in brackets before a port). */
  readonly clockServer: string;
  /**
   * The measured offset codes are computed with, or null: this computer's clock. Kept in this
   * computer's settings, never in the vault; only main sets it (`clock:use-corrected`).
   */
  readonly clockCorrection: ClockMeasurement | null;
  /** Quick unlock keeps its material in memory only, so after a restart the master password is asked. */
  readonly quickUnlockUntilRestart: boolean;
  /** Quick unlock asks for the master password again after this many days (1 … 90). */
  readonly quickUnlockEveryDays: number;
  /** The order of the codes list; favourites stay on top in every order. */
  readonly codesSort: CodesSort;
  /** One line per account (for long lists and small windows). */
  readonly compactView: boolean;
  /** Show the next code beside the current one all the time, not only in its last 5 seconds. */
  readonly alwaysShowNextCode: boolean;
}

/**
 * How the codes list is ordered: `manual` (the user's drag order), `issuer` / `account` (A–Z,
 * locale-aware, the other name breaking ties), `usage` (most copied first) or `recent` (last copied
 * first). Usage is counted per computer (electron/domain/usage.ts), never in the vault.
 */
export type CodesSort = 'manual' | 'issuer' | 'account' | 'usage' | 'recent';

const CODES_SORT_SET: MemberSet<CodesSort> = { manual: true, issuer: true, account: true, usage: true, recent: true };

/** Every order of the codes list: manual, issuer, account, usage, recent. */
export const CODES_SORTS: readonly CodesSort[] = membersOf(CODES_SORT_SET);

/** Type guard for an order of the codes list. */
export function isCodesSort(value: unknown): value is CodesSort {
  return isMemberOf(CODES_SORT_SET, value);
}

/** Upper bounds of the numeric and text settings (the settings service checks them; the window's fields
 * use them too): a day of idle time, ten minutes on the clipboard, a hundred backups. */
export const SETTINGS_LIMITS = Object.freeze({
  autoLockMinutesMax: 1440,
  clipboardClearSecondsMax: 600,
  backupKeepMax: 100,
  backupFolderMax: 4096,
  /** A clock a century off is a dead battery, not a time zone; beyond that the offset is refused. */
  clockCorrectionMsMax: 100 * 366 * 86_400_000,
});

/** Some settings to change; the others keep their value. */
export type SettingsPatch = { readonly [K in keyof Settings]?: Settings[K] };

/** Something about the settings a user should know, e.g. the file could not be read or a shortcut is taken. */
export interface SettingsNote {
  /** The setting the note is about, or null for the whole file. */
  readonly setting: keyof Settings | null;
  readonly message: string;
}

/** The settings in force and any notes about them. */
export interface SettingsView {
  readonly settings: Settings;
  readonly notes: readonly SettingsNote[];
}
