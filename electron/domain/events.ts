// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the main process announces as things change, by event name: the services emit these, and
 * the IPC layer forwards each one to the window under the same name.
 */
import type { ClockStatus } from './clock';
import type { CodeSnapshot } from './codes';
import type { ConflictCopiesReport } from './conflict-copies';
import type { EntrySummary } from './entry';
import type { QuickUnlockStatus } from './quick-unlock';
import type { BackupStatus } from './export';
import type { SettingsView } from './settings';
import type { VaultStatus } from './vault';

/** Event name → payload. */
export interface AppEvents {
  'vault:status-changed': VaultStatus;
  'entries:changed': readonly EntrySummary[];
  'codes:update': readonly CodeSnapshot[];
  'settings:changed': SettingsView;
  /** The global shortcut was pressed: the window is shown and wants the search field focused. */
  'app:focus-search': null;
  /** A backup was written (or failed). */
  'backups:changed': BackupStatus;
  /** A clock check started or ended, or the correction in use changed (sent before the codes that use it). */
  'clock:changed': ClockStatus;
  /** Quick unlock was set up, switched off, or stopped (e.g. after too many wrong PINs). */
  'quick-unlock:changed': QuickUnlockStatus;
  /**
   * Conflict copies were found beside the vault (after unlock, or when its folder changed): merged
   * and moved to the backups folder, or left there and why. Each copy is reported once per unlock.
   */
  'vault:conflict-copies': ConflictCopiesReport;
}

export type AppEventName = keyof AppEvents;
