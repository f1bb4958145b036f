// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The wire between the renderer and main: the `Result` every answer comes in, each invoke
 * channel's request and response, the push channels, and the channel lists checked at run time.
 * Part of the IPC contract (electron/ipc/contract.ts re-exports it): imports the domain alone.
 */
import type {
  AppEvents,
  BackupStatus,
  ClockStatus,
  CodePreview,
  CodePreviewInput,
  CodeSnapshot,
  ConflictCopiesReport,
  EntryId,
  EntryPatch,
  EntrySummary,
  ExportFileFormat,
  IconImage,
  IconPackInfo,
  IconPick,
  IconRef,
  IconSearchHit,
  ExportQrKind,
  ExportQrView,
  ExportSaveResult,
  ImportCode,
  ImportFormatId,
  ImportFormatInfo,
  ImportOutcome,
  ImportStep,
  IpcError,
  NewEntryInput,
  QuickUnlockMethod,
  QuickUnlockStatus,
  RestoreMode,
  SettingsPatch,
  SettingsView,
  UsageMap,
  VaultLocationView,
  VaultMoveOutcome,
  VaultStatus,
} from '../../domain';

// ---------------------------------------------------------------------------------------------
// Results.

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

// ---------------------------------------------------------------------------------------------
// Channels.

/** Renderer → main requests: channel → request and response payloads. */
export interface InvokeContract {
  'vault:status': { req: null; res: VaultStatus };
  'vault:create': { req: { password: string }; res: VaultStatus };
  'vault:unlock': { req: { password: string }; res: VaultStatus };
  'vault:lock': { req: null; res: VaultStatus };
  'vault:change-password': { req: { current: string; next: string }; res: null };
  /** Unreadable vault only: keeps the damaged file aside and puts the previous generation in its place. */
  'vault:use-previous': { req: null; res: VaultStatus };
  /** Where the vault file is, how Tessera found it, and what is wrong with that if anything. */
  'vault:location': { req: null; res: VaultLocationView };
  /** Open vault: main's folder dialog, then the vault and its previous generation move there (verified). */
  'vault:move': { req: null; res: VaultMoveOutcome };
  /**
   * The folder of the last `vault:move` holds this vault: merge with it and move (`password`: that
   * copy's, when it was saved under another one).
   */
  'vault:move-merge': { req: { password: string | null }; res: VaultMoveOutcome };
  /** No vault open: main's folder dialog; a new vault goes there, or the vault already there is used. */
  'vault:choose-folder': { req: null; res: VaultLocationView };
  /** No vault open: main's open dialog for the vault file (when it is not where this computer's setting says). */
  'vault:choose-file': { req: null; res: VaultLocationView };
  /** Locked vault, forgotten password: opens it with the recovery key and sets `newPassword` (a re-key). */
  'vault:recover': { req: { recoveryKey: string; newPassword: string }; res: VaultStatus };
  /**
   * After the master password: makes a new recovery key (any earlier one stops working) and returns
   * it, the one time it is shown. Main keeps it for `vault:save-recovery-key` until the vault locks
   * or `vault:forget-recovery-key`.
   */
  'vault:create-recovery-key': { req: { password: string }; res: { recoveryKey: string } };
  /** Writes the key just made to a file the user picks in main's save dialog (0600); null if cancelled. */
  'vault:save-recovery-key': { req: null; res: { savedTo: string | null } };
  /** The window no longer shows the key: main drops its copy. */
  'vault:forget-recovery-key': { req: null; res: null };
  /** After the master password: removes the recovery key (it opens nothing any more). */
  'vault:remove-recovery-key': { req: { password: string }; res: VaultStatus };
  /**
   * A conflict copy beside the vault that was saved under another password (`vault:conflict-copies`
   * named it in `needPassword`): merges it with that password and moves it to the backups folder.
   */
  'vault:merge-copy': { req: { file: string; password: string }; res: ConflictCopiesReport };
  'quick-unlock:status': { req: null; res: QuickUnlockStatus };
  /** After the master password: sets up quick unlock for this vault on this computer (`pin` null for Touch ID). */
  'quick-unlock:enable': {
    req: { method: QuickUnlockMethod; pin: string | null; password: string };
    res: QuickUnlockStatus;
  };
  'quick-unlock:disable': { req: null; res: QuickUnlockStatus };
  /** Locked vault: opens it with the PIN (or Touch ID, `pin` null). */
  'quick-unlock:unlock': { req: { pin: string | null }; res: VaultStatus };
  'entries:list': { req: null; res: readonly EntrySummary[] };
  'entries:add': { req: NewEntryInput; res: EntrySummary };
  'entries:add-uri': { req: { uri: string }; res: EntrySummary };
  'entries:update': { req: { id: EntryId; patch: EntryPatch }; res: EntrySummary };
  /** Hides the entry at once and deletes it when the undo time has passed with the vault open. */
  'entries:remove': { req: { id: EntryId }; res: { undoSeconds: number } };
  'entries:undo-remove': { req: { id: EntryId }; res: EntrySummary };
  /** The new display order: every entry id exactly once. */
  'entries:reorder': { req: { ids: readonly EntryId[] }; res: readonly EntrySummary[] };
  /** The pictures of these refs (those main knows; an unknown ref is left out). */
  'icons:images': { req: { refs: readonly IconRef[] }; res: readonly IconImage[] };
  /** The icon picker's search over the bundled set and this computer's packs (at most 60 hits). */
  'icons:search': { req: { query: string }; res: readonly IconSearchHit[] };
  /** Sets an account's icon: automatic (null), letter tile, bundled, custom already stored, or a pack icon (copied in). */
  'icons:set': { req: { id: EntryId; pick: IconPick }; res: EntrySummary };
  /** Main's open dialog for a PNG, JPEG or SVG; checked, stored in the vault. `entry` null when cancelled. */
  'icons:set-from-file': { req: { id: EntryId }; res: { entry: EntrySummary | null } };
  /** The Aegis icon packs kept on this computer. */
  'icons:packs': { req: null; res: readonly IconPackInfo[] };
  /** Main's open dialog for an Aegis icon pack ZIP; checked and kept. `pack` null when cancelled. */
  'icons:import-pack': { req: null; res: { pack: IconPackInfo | null } };
  'icons:remove-pack': { req: { id: string }; res: readonly IconPackInfo[] };
  'codes:current': { req: null; res: readonly CodeSnapshot[] };
  'codes:copy': { req: { id: EntryId; next?: boolean }; res: { clearAfterSeconds: number } };
  'codes:usage': { req: null; res: UsageMap };
  'codes:next-hotp': { req: { id: EntryId }; res: CodeSnapshot };
  'codes:preview': { req: CodePreviewInput; res: CodePreview };
  'settings:get': { req: null; res: SettingsView };
  'settings:update': { req: SettingsPatch; res: SettingsView };
  /** The user used the window (throttled by the renderer); counts for the idle lock. */
  'app:activity': { req: null; res: null };
  /** Main shows the open dialog (image files and exports of other apps) and reads what is chosen. */
  'imports:open-files': { req: { format: ImportFormatId } | null; res: ImportStep };
  /** A file dropped on the window: its name (a hint) and bytes. */
  'imports:read-file': { req: { name: string; bytes: Uint8Array; format?: ImportFormatId }; res: ImportStep };
  /** Reads the clipboard: a copied screenshot, or a copied link. */
  'imports:paste': { req: null; res: ImportStep };
  /** Captures every display and reads the QR codes on them. */
  'imports:scan-screen': { req: null; res: ImportStep };
  /** A pasted `otpauth://` or `otpauth-migration://` link. */
  'imports:read-text': { req: { text: string }; res: ImportStep };
  /** The password of the encrypted file awaiting one. */
  'imports:file-password': { req: { password: string }; res: ImportStep };
  /** Current codes of the review's candidates. */
  'imports:codes': { req: null; res: readonly ImportCode[] };
  /** Adds the ticked candidates (all or nothing); `replace` only for a backup review. */
  'imports:commit': { req: { keys: readonly string[]; mode: RestoreMode }; res: ImportOutcome };
  /**
   * Ends the import: stops a file being read or a password being tried (the worker doing it is
   * ended; nothing is imported), or closes the review; main wipes the staged secrets.
   */
  'imports:cancel': { req: null; res: null };
  /** The formats of other apps' exports Tessera reads, in the order they are listed to users. */
  'imports:formats': { req: null; res: readonly ImportFormatInfo[] };
  /** Checks the master password again; exports are allowed for a few minutes after. */
  'exports:authorize': { req: { password: string; ids?: readonly EntryId[] }; res: { validForSeconds: number } };
  /** Main shows the save dialog and writes the file; encrypted formats need `exportPassword`. */
  'exports:save': { req: { format: ExportFileFormat; exportPassword?: string }; res: ExportSaveResult };
  /** One QR code of an export, rendered by main. */
  'exports:qr': { req: { kind: ExportQrKind; index: number }; res: ExportQrView };
  /** The export window closed: the authorisation ends at once. */
  'exports:end': { req: null; res: null };
  'backups:status': { req: null; res: BackupStatus };
  /** Main shows a folder dialog; the chosen folder is used from then on. */
  'backups:choose-folder': { req: null; res: BackupStatus };
  /** Back to the default folder, `backups` in the app's data folder on this computer. */
  'backups:use-default-folder': { req: null; res: BackupStatus };
  /** Writes and verifies a backup now. */
  'backups:run-now': { req: null; res: BackupStatus };
  'clock:status': { req: null; res: ClockStatus };
  /** Measures the clock now (Settings' "Check now"); refused while the check is off. */
  'clock:check': { req: null; res: ClockStatus };
  /** Computes codes with the last measured offset from now on (kept in this computer's settings). */
  'clock:use-corrected': { req: null; res: ClockStatus };
  /** Back to this computer's clock for codes. */
  'clock:use-system': { req: null; res: ClockStatus };
}

/** Main → renderer pushes: channel → payload. Each is the domain event of the same name. */
export type EventContract = AppEvents;

export type InvokeChannel = keyof InvokeContract;
export type EventChannel = keyof EventContract;
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['req'];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['res'];

// Runtime lists derived from exhaustive records: adding a channel above without listing it here
// fails to compile, and no channel string is typed anywhere else.
const INVOKE_CHANNEL_SET: Record<InvokeChannel, 1> = {
  'vault:status': 1,
  'vault:create': 1,
  'vault:unlock': 1,
  'vault:lock': 1,
  'vault:change-password': 1,
  'vault:use-previous': 1,
  'vault:location': 1,
  'vault:move': 1,
  'vault:move-merge': 1,
  'vault:choose-folder': 1,
  'vault:choose-file': 1,
  'vault:recover': 1,
  'vault:create-recovery-key': 1,
  'vault:save-recovery-key': 1,
  'vault:forget-recovery-key': 1,
  'vault:remove-recovery-key': 1,
  'vault:merge-copy': 1,
  'quick-unlock:status': 1,
  'quick-unlock:enable': 1,
  'quick-unlock:disable': 1,
  'quick-unlock:unlock': 1,
  'entries:list': 1,
  'entries:add': 1,
  'entries:add-uri': 1,
  'entries:update': 1,
  'entries:remove': 1,
  'entries:undo-remove': 1,
  'entries:reorder': 1,
  'icons:images': 1,
  'icons:search': 1,
  'icons:set': 1,
  'icons:set-from-file': 1,
  'icons:packs': 1,
  'icons:import-pack': 1,
  'icons:remove-pack': 1,
  'codes:current': 1,
  'codes:copy': 1,
  'codes:usage': 1,
  'codes:next-hotp': 1,
  'codes:preview': 1,
  'settings:get': 1,
  'settings:update': 1,
  'app:activity': 1,
  'imports:open-files': 1,
  'imports:read-file': 1,
  'imports:paste': 1,
  'imports:scan-screen': 1,
  'imports:read-text': 1,
  'imports:file-password': 1,
  'imports:codes': 1,
  'imports:commit': 1,
  'imports:cancel': 1,
  'imports:formats': 1,
  'exports:authorize': 1,
  'exports:save': 1,
  'exports:qr': 1,
  'exports:end': 1,
  'backups:status': 1,
  'backups:choose-folder': 1,
  'backups:use-default-folder': 1,
  'backups:run-now': 1,
  'clock:status': 1,
  'clock:check': 1,
  'clock:use-corrected': 1,
  'clock:use-system': 1,
};
const EVENT_CHANNEL_SET: Record<EventChannel, 1> = {
  'vault:status-changed': 1,
  'entries:changed': 1,
  'codes:update': 1,
  'settings:changed': 1,
  'app:focus-search': 1,
  'backups:changed': 1,
  'clock:changed': 1,
  'quick-unlock:changed': 1,
  'vault:conflict-copies': 1,
};

export const INVOKE_CHANNELS = Object.freeze(Object.keys(INVOKE_CHANNEL_SET) as InvokeChannel[]);
export const EVENT_CHANNELS = Object.freeze(Object.keys(EVENT_CHANNEL_SET) as EventChannel[]);

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INVOKE_CHANNEL_SET, value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CHANNEL_SET, value);
}
