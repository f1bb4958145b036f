// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The IPC contract between the main process and the renderer: channel names, each channel's
 * request and response, the `Result` every answer comes in, and the `window.tessera` API shape.
 * The payloads are the domain's shapes (electron/domain); this file adds only the wire.
 *
 * It imports the domain alone, so the preload, the renderer (type-only) and the main process can all
 * include it. Nothing in here may ever carry an OTP secret or a key: the renderer sees entry
 * metadata, codes and validity windows only.
 */
import type {
  AppEvents,
  BackupStatus,
  ClockStatus,
  CodePreview,
  CodePreviewInput,
  CodeSnapshot,
  EntryId,
  EntryPatch,
  EntrySummary,
  ExportFileFormat,
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
  RestoreMode,
  SettingsPatch,
  SettingsView,
  VaultStatus,
} from '../domain';

// The domain's shapes the renderer names through this file.
export type {
  BackupStatus,
  ClockMeasurement,
  ClockStatus,
  CodePreview,
  CodePreviewInput,
  CodeSnapshot,
  EntryId,
  EntryPatch,
  EntrySummary,
  ExportFileFormat,
  ExportQrKind,
  ExportQrView,
  ExportSaveResult,
  ImportBatchView,
  ImportCandidate,
  ImportCode,
  ImportDuplicate,
  ImportFormatId,
  ImportFormatInfo,
  ImportOutcome,
  ImportProblem,
  ImportReview,
  ImportReviewKind,
  ImportStep,
  IpcError,
  IpcErrorCode,
  KdfInfo,
  LockReason,
  NewEntryInput,
  OtpAlgorithm,
  OtpType,
  RestoreMode,
  Settings,
  SettingsNote,
  SettingsPatch,
  SettingsView,
  ThemePreference,
  VaultStatus,
} from '../domain';

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
  'entries:list': { req: null; res: readonly EntrySummary[] };
  'entries:add': { req: NewEntryInput; res: EntrySummary };
  'entries:add-uri': { req: { uri: string }; res: EntrySummary };
  'entries:update': { req: { id: EntryId; patch: EntryPatch }; res: EntrySummary };
  /** Hides the entry at once and deletes it when the undo time has passed with the vault open. */
  'entries:remove': { req: { id: EntryId }; res: { undoSeconds: number } };
  'entries:undo-remove': { req: { id: EntryId }; res: EntrySummary };
  /** The new display order: every entry id exactly once. */
  'entries:reorder': { req: { ids: readonly EntryId[] }; res: readonly EntrySummary[] };
  'codes:current': { req: null; res: readonly CodeSnapshot[] };
  'codes:copy': { req: { id: EntryId }; res: { clearAfterSeconds: number } };
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
  'exports:authorize': { req: { password: string }; res: { validForSeconds: number } };
  /** Main shows the save dialog and writes the file; encrypted formats need `exportPassword`. */
  'exports:save': { req: { format: ExportFileFormat; exportPassword?: string }; res: ExportSaveResult };
  /** One QR code of an export, rendered by main. */
  'exports:qr': { req: { kind: ExportQrKind; index: number }; res: ExportQrView };
  /** The export window closed: the authorisation ends at once. */
  'exports:end': { req: null; res: null };
  'backups:status': { req: null; res: BackupStatus };
  /** Main shows a folder dialog; the chosen folder is used from then on. */
  'backups:choose-folder': { req: null; res: BackupStatus };
  /** Back to the default folder beside the vault. */
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
  'entries:list': 1,
  'entries:add': 1,
  'entries:add-uri': 1,
  'entries:update': 1,
  'entries:remove': 1,
  'entries:undo-remove': 1,
  'entries:reorder': 1,
  'codes:current': 1,
  'codes:copy': 1,
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
};

export const INVOKE_CHANNELS = Object.freeze(Object.keys(INVOKE_CHANNEL_SET) as InvokeChannel[]);
export const EVENT_CHANNELS = Object.freeze(Object.keys(EVENT_CHANNEL_SET) as EventChannel[]);

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INVOKE_CHANNEL_SET, value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CHANNEL_SET, value);
}

// ---------------------------------------------------------------------------------------------
// The API the preload exposes as `window.tessera`: verbs grouped by feature, never transport.

export type Unsubscribe = () => void;

export interface TesseraApi {
  readonly vault: {
    status(): Promise<Result<VaultStatus>>;
    create(password: string): Promise<Result<VaultStatus>>;
    unlock(password: string): Promise<Result<VaultStatus>>;
    lock(): Promise<Result<VaultStatus>>;
    usePrevious(): Promise<Result<VaultStatus>>;
    changePassword(current: string, next: string): Promise<Result<null>>;
    onStatusChanged(listener: (status: VaultStatus) => void): Unsubscribe;
  };
  readonly entries: {
    list(): Promise<Result<readonly EntrySummary[]>>;
    add(input: NewEntryInput): Promise<Result<EntrySummary>>;
    addUri(uri: string): Promise<Result<EntrySummary>>;
    update(id: EntryId, patch: EntryPatch): Promise<Result<EntrySummary>>;
    /** Deletes after an undo time (seconds in the answer); `undoRemove` within it keeps the entry. */
    remove(id: EntryId): Promise<Result<{ undoSeconds: number }>>;
    undoRemove(id: EntryId): Promise<Result<EntrySummary>>;
    reorder(ids: readonly EntryId[]): Promise<Result<readonly EntrySummary[]>>;
    onChanged(listener: (entries: readonly EntrySummary[]) => void): Unsubscribe;
  };
  readonly codes: {
    current(): Promise<Result<readonly CodeSnapshot[]>>;
    copy(id: EntryId): Promise<Result<{ clearAfterSeconds: number }>>;
    nextHotp(id: EntryId): Promise<Result<CodeSnapshot>>;
    /** The code the typed parameters give now; the secret goes to main and only the code comes back. */
    preview(input: CodePreviewInput): Promise<Result<CodePreview>>;
    onUpdate(listener: (codes: readonly CodeSnapshot[]) => void): Unsubscribe;
  };
  readonly settings: {
    get(): Promise<Result<SettingsView>>;
    update(patch: SettingsPatch): Promise<Result<SettingsView>>;
    onChanged(listener: (view: SettingsView) => void): Unsubscribe;
  };
  readonly app: {
    /** Tells main the user is using the window, so the idle lock waits. */
    reportActivity(): Promise<Result<null>>;
    /** The global shortcut was pressed. */
    onFocusSearch(listener: () => void): Unsubscribe;
  };
  /** One review at a time: QR scans add to an open QR review; a file starts a new one. */
  readonly imports: {
    /** `format`: read an export file as this format instead of detecting it (images and backups are recognised anyway). */
    openFiles(format?: ImportFormatId): Promise<Result<ImportStep>>;
    readFile(name: string, bytes: Uint8Array, format?: ImportFormatId): Promise<Result<ImportStep>>;
    paste(): Promise<Result<ImportStep>>;
    scanScreen(): Promise<Result<ImportStep>>;
    readText(text: string): Promise<Result<ImportStep>>;
    filePassword(password: string): Promise<Result<ImportStep>>;
    codes(): Promise<Result<readonly ImportCode[]>>;
    commit(keys: readonly string[], mode: RestoreMode): Promise<Result<ImportOutcome>>;
    cancel(): Promise<Result<null>>;
    formats(): Promise<Result<readonly ImportFormatInfo[]>>;
  };
  readonly exports: {
    authorize(password: string): Promise<Result<{ validForSeconds: number }>>;
    save(format: ExportFileFormat, exportPassword?: string): Promise<Result<ExportSaveResult>>;
    qr(kind: ExportQrKind, index: number): Promise<Result<ExportQrView>>;
    end(): Promise<Result<null>>;
  };
  readonly backups: {
    status(): Promise<Result<BackupStatus>>;
    chooseFolder(): Promise<Result<BackupStatus>>;
    useDefaultFolder(): Promise<Result<BackupStatus>>;
    runNow(): Promise<Result<BackupStatus>>;
    onChanged(listener: (status: BackupStatus) => void): Unsubscribe;
  };
  readonly clock: {
    status(): Promise<Result<ClockStatus>>;
    check(): Promise<Result<ClockStatus>>;
    useCorrected(): Promise<Result<ClockStatus>>;
    useSystem(): Promise<Result<ClockStatus>>;
    onChanged(listener: (status: ClockStatus) => void): Unsubscribe;
  };
}

/** The top-level keys of `window.tessera`; a security probe checks the page sees exactly these. */
const API_NAMESPACE_SET: Record<keyof TesseraApi, 1> = {
  vault: 1,
  entries: 1,
  codes: 1,
  settings: 1,
  app: 1,
  imports: 1,
  exports: 1,
  backups: 1,
  clock: 1,
};
export const API_NAMESPACES = Object.freeze(Object.keys(API_NAMESPACE_SET).sort() as (keyof TesseraApi)[]);

/** Every verb of every namespace, as data: a verb added to `TesseraApi` without a line here does not compile. */
const API_VERB_SET: { readonly [N in keyof TesseraApi]: Record<keyof TesseraApi[N], 1> } = {
  vault: { status: 1, create: 1, unlock: 1, lock: 1, usePrevious: 1, changePassword: 1, onStatusChanged: 1 },
  entries: { list: 1, add: 1, addUri: 1, update: 1, remove: 1, undoRemove: 1, reorder: 1, onChanged: 1 },
  codes: { current: 1, copy: 1, nextHotp: 1, preview: 1, onUpdate: 1 },
  settings: { get: 1, update: 1, onChanged: 1 },
  app: { reportActivity: 1, onFocusSearch: 1 },
  imports: {
    openFiles: 1,
    readFile: 1,
    paste: 1,
    scanScreen: 1,
    readText: 1,
    filePassword: 1,
    codes: 1,
    commit: 1,
    cancel: 1,
    formats: 1,
  },
  exports: { authorize: 1, save: 1, qr: 1, end: 1 },
  backups: { status: 1, chooseFolder: 1, useDefaultFolder: 1, runNow: 1, onChanged: 1 },
  clock: { status: 1, check: 1, useCorrected: 1, useSystem: 1, onChanged: 1 },
};
/** The verbs of each namespace, sorted: what the preload must expose, and nothing more. */
export const API_VERBS: Readonly<Record<keyof TesseraApi, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    Object.entries(API_VERB_SET).map(([namespace, verbs]) => [namespace, Object.freeze(Object.keys(verbs).sort())]),
  ) as Record<keyof TesseraApi, readonly string[]>,
);
