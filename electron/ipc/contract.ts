// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The IPC contract between the main process and the renderer: the single source of truth for
 * channel names, payload types, error codes and the `window.tessera` API shape.
 *
 * This file has no imports and no runtime dependencies, so the preload, the renderer (type-only)
 * and the main process can all include it. Nothing in here may ever carry an OTP secret or a key:
 * the renderer sees entry metadata, codes and validity windows only (ARCHITECTURE.md §1).
 */

// ---------------------------------------------------------------------------------------------
// Domain shapes the renderer may see (never a secret).

/** Entry ids are random UUIDs (v4) minted by the main process. */
export type EntryId = string;

export type OtpType = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** Why the vault was last locked; shown on the unlock screen. */
export type LockReason = 'manual' | 'idle' | 'suspend' | 'screen-lock' | 'quit' | 'changed-on-disk';

/** Everything about an entry except its secret. */
export interface EntrySummary {
  readonly id: EntryId;
  readonly type: OtpType;
  readonly issuer: string;
  readonly account: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  /** Seconds per code for TOTP and Steam; null for HOTP. */
  readonly period: number | null;
  /** The next counter value for HOTP; null otherwise. */
  readonly counter: number | null;
  readonly group: string | null;
  readonly favourite: boolean;
  readonly notes: string;
  readonly sortOrder: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One current code, computed in main. Times are Unix milliseconds. */
export interface CodeSnapshot {
  readonly id: EntryId;
  readonly code: string;
  readonly validFrom: number;
  /** When this code stops being valid; null for HOTP (valid until used). */
  readonly validUntil: number | null;
  /** The following code, present only near the end of the current period. */
  readonly next?: string;
}

/** Strength of the key-derivation parameters of the open vault (no secret material). */
export interface KdfInfo {
  readonly algorithm: 'argon2id13';
  readonly opslimit: number;
  readonly memlimitBytes: number;
}

export type VaultStatus =
  /** No vault file yet: show first-run creation. */
  | { readonly status: 'absent'; readonly path: string }
  | {
      readonly status: 'locked';
      readonly path: string;
      readonly lastLockReason: LockReason | null;
      /**
       * How many deletions were still within their undo time when the vault locked. They were
       * cancelled, so those accounts are still in the vault; absent when there were none.
       */
      readonly cancelledDeletions?: number;
    }
  | { readonly status: 'unlocked'; readonly path: string; readonly entryCount: number; readonly kdf: KdfInfo }
  /** The file exists but cannot be opened (corrupt or a newer format); it is never overwritten. */
  | {
      readonly status: 'unreadable';
      readonly path: string;
      readonly error: IpcError;
      readonly previousGenerationAvailable: boolean;
    };

/** What the user types or pastes to add an entry. The secret is base32 text, sent to main once. */
export interface NewEntryInput {
  readonly type: OtpType;
  readonly issuer: string;
  readonly account: string;
  readonly secret: string;
  readonly algorithm?: OtpAlgorithm;
  readonly digits?: number;
  readonly period?: number;
  readonly counter?: number;
  readonly group?: string | null;
  readonly notes?: string;
  readonly favourite?: boolean;
}

/** Metadata a user can edit after creation. The secret and OTP parameters are fixed. */
export interface EntryPatch {
  readonly issuer?: string;
  readonly account?: string;
  readonly group?: string | null;
  readonly notes?: string;
  readonly favourite?: boolean;
}

/** The OTP parameters typed in the add form, for a live preview. Main answers with the code only. */
export interface CodePreviewInput {
  readonly type: OtpType;
  readonly secret: string;
  readonly algorithm?: OtpAlgorithm;
  readonly digits?: number;
  readonly period?: number;
  readonly counter?: number;
}

/** A previewed code and when it stops being valid (null for HOTP). Never the secret. */
export interface CodePreview {
  readonly code: string;
  readonly validUntil: number | null;
}

/** The colour scheme the user chose; 'system' follows the operating system. */
export type ThemePreference = 'system' | 'light' | 'dark';

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
}

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

// ---------------------------------------------------------------------------------------------
// Import review (QR codes, other apps' exports, Tessera backups). Main keeps the staged accounts
// with their secrets; the renderer sees names, parameters and preview codes only.

/** What the review is for: accounts to add, or a Tessera backup to restore (merge or replace). */
export type ImportReviewKind = 'accounts' | 'backup';

/** Why a candidate is flagged: it gives the same codes as an account in the vault, or as an earlier candidate. */
export type ImportDuplicate =
  | { readonly of: 'vault'; readonly id: EntryId; readonly label: string }
  | { readonly of: 'import'; readonly key: string };

/** One account found, as the review lists it. */
export interface ImportCandidate {
  /** Identifies the candidate within its review (used to tick it and to commit). */
  readonly key: string;
  readonly type: OtpType;
  readonly issuer: string;
  readonly account: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number | null;
  readonly counter: number | null;
  readonly group: string | null;
  /** Where it was found: a file name, "Screen 1", "Clipboard", "Pasted link". */
  readonly source: string;
  /** Set when it is a duplicate: such candidates start unticked. */
  readonly duplicate: ImportDuplicate | null;
  /** Its part of a Google Authenticator transfer batch (1-based for display). */
  readonly batch?: { readonly part: number; readonly parts: number };
}

/** Something found that gives no account: an entry that cannot be imported, a link or text. */
export interface ImportProblem {
  /** Where: a file name, "Screen 2", "Clipboard". */
  readonly source: string;
  /** The account it is about ("Issuer (account)"), when there is one. */
  readonly label?: string;
  /** Why, in plain words. */
  readonly message: string;
  /** The technical detail (a field's name, an encoding), shown behind "Details"; absent when there is none. */
  readonly details?: string;
}

/** Progress of one Google Authenticator transfer batch across scans. */
export interface ImportBatchView {
  /** "2 of 3 QR codes scanned". */
  readonly summary: string;
  /** "QR code 3 of 3 is missing", one per missing part. */
  readonly missing: readonly string[];
  readonly complete: boolean;
}

/** Everything the review dialog shows. */
export interface ImportReview {
  readonly kind: ImportReviewKind;
  /** What was read: "Aegis", "QR codes", "Tessera backup". */
  readonly title: string;
  /** One line about the sources: "Found 2 QR codes on 1 screen", "aegis-export.json". */
  readonly summary: string;
  readonly candidates: readonly ImportCandidate[];
  /** Accounts the source holds that cannot be imported, each with the reason. */
  readonly skipped: readonly ImportProblem[];
  /** Account QR codes or links that cannot be used (errors). */
  readonly invalid: readonly ImportProblem[];
  /** QR codes holding a web link or text: nothing to import. */
  readonly notAccounts: readonly ImportProblem[];
  readonly batches: readonly ImportBatchView[];
  /** QR reviews: more scans (screen, clipboard, image files) add to this review. */
  readonly canScanMore: boolean;
  /** Accounts in the vault now (the replace warning of a restore names it). */
  readonly vaultEntryCount: number;
}

/** Where an import stands after a request. */
export type ImportStep =
  | { readonly step: 'review'; readonly review: ImportReview }
  /** The file is encrypted: ask for its password (`wrongPassword` after a failed try). */
  | {
      readonly step: 'password';
      readonly fileName: string;
      readonly formatName: string;
      readonly wrongPassword: boolean;
    }
  /** The user closed the file picker (or the screen-sharing prompt) without choosing. */
  | { readonly step: 'cancelled' };

/** A review candidate's current code, for the live preview. */
export interface ImportCode {
  readonly key: string;
  readonly code: string;
  readonly validUntil: number | null;
}

/** How a restore applies a backup: add what is missing, or make the vault hold exactly the backup. */
export type RestoreMode = 'merge' | 'replace';

/**
 * Every format of other apps' export files the importers read, by id: the CLI's `--format` values
 * and what the import dialog may send as `format`. The importer registry
 * (electron/import/registry.ts) has a row for each; the names come from there, over IPC.
 */
export const IMPORT_FORMAT_IDS = Object.freeze([
  'aegis',
  '2fas',
  'andotp',
  'authy',
  'bitwarden',
  'duo',
  'battle-net',
  'steam',
  'freeotp',
  'freeotp-plus',
  'stratum',
  'totp-authenticator',
  'google-authenticator',
  'microsoft-authenticator',
  'proton-authenticator',
  'authenticator-plus',
  'ente',
  'otpauth-uri-list',
] as const);

export type ImportFormatId = (typeof IMPORT_FORMAT_IDS)[number];

/** A format the import dialog offers ("Format: Aegis") and lists among the supported apps. */
export interface ImportFormatInfo {
  readonly id: ImportFormatId;
  /** The app's name as users know it: "Aegis", "Stratum / Authenticator Pro". */
  readonly name: string;
}

export interface ImportOutcome {
  readonly added: number;
  /** Accounts removed by a `replace` restore. */
  readonly removed: number;
}

// ---------------------------------------------------------------------------------------------
// Export and backups.

/** File exports. `tessera` and `aegis` are encrypted; `aegis-plain` and `uri-list` are not. */
export type ExportFileFormat = 'tessera' | 'aegis' | 'aegis-plain' | 'uri-list';

export type ExportSaveResult =
  | {
      readonly status: 'saved';
      readonly path: string;
      readonly count: number;
      /** Entries the format cannot carry faithfully. */
      readonly warnings: readonly string[];
    }
  | { readonly status: 'cancelled' };

/** QR exports: Google Authenticator transfer codes (≤ 10 accounts each) or one `otpauth://` code per account. */
export type ExportQrKind = 'migration' | 'entry';

/** One export QR code to show; the only time secret material reaches the renderer (as pixels). */
export interface ExportQrView {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
  /** "Transfer code 1 of 3", "GitHub (alice@example.com)". */
  readonly title: string;
  /** The accounts the code carries ("Issuer (account)"). */
  readonly accounts: readonly string[];
  /** A `data:image/png;base64,...` URL of the QR code. */
  readonly image: string;
  /** Accounts left out or changed, with the reason (e.g. non-30 s periods for transfer codes). */
  readonly warnings: readonly string[];
}

/** Automatic backups: where, how many, and the last one that was re-opened and verified. */
export interface BackupStatus {
  readonly enabled: boolean;
  readonly folder: string;
  /** Whether `folder` is the default (`backups` beside the vault). */
  readonly defaultFolder: boolean;
  readonly keep: number;
  readonly lastVerified: { readonly file: string; readonly time: number } | null;
  /** The last failure, for the settings screen; null after a success. */
  readonly lastError: string | null;
}

// ---------------------------------------------------------------------------------------------
// Clock check: this computer's clock measured against a time server (SNTP), and the corrected time.

/** One measurement of this computer's clock. */
export interface ClockMeasurement {
  /** The server as the user named it ("pool.ntp.org", "[2001:db8::1]:1123"). */
  readonly server: string;
  /** How far the server's clock is ahead of this computer's (ms): positive when this computer's clock is behind. */
  readonly offsetMs: number;
  /** The network's share of the exchange (ms). */
  readonly roundTripMs: number;
  /** When it was measured, Unix ms by this computer's clock. */
  readonly at: number;
}

/** What the window shows about the clock: the last check, and the correction codes use. */
export interface ClockStatus {
  /** The last measurement since the app started (after an unlock, a resume or "Check now"); null before. */
  readonly measured: ClockMeasurement | null;
  /** Why the last check gave no measurement, in plain words; null after a success. */
  readonly problem: string | null;
  /** A check is under way. */
  readonly checking: boolean;
  /** The correction codes are computed with (Settings' `clockCorrection`), or null: this computer's clock. */
  readonly correction: ClockMeasurement | null;
  /**
   * The window warns: the last measurement is off by more than 15 s either way (codes may be
   * refused) and codes use this computer's clock.
   */
  readonly warning: boolean;
}

// ---------------------------------------------------------------------------------------------
// Results and errors.

/** Expected failures that cross the process boundary, as stable kebab-case codes. */
export type IpcErrorCode =
  | 'untrusted-sender'
  | 'invalid-request'
  | 'vault-absent'
  | 'vault-exists'
  | 'vault-locked'
  | 'unsupported-version'
  | 'corrupt'
  | 'wrong-password-or-tampered'
  | 'payload-tampered'
  | 'io'
  | 'weak-password'
  | 'invalid-entry'
  | 'not-found'
  | 'busy'
  /** A file, image or QR code cannot be imported; the message says why. */
  | 'import-failed'
  /** The operation needs the master password again (exports). */
  | 'password-required'
  /** A desktop facility is missing or was refused (screen capture, a file dialog). */
  | 'unavailable'
  | 'internal';

export interface IpcError {
  readonly code: IpcErrorCode;
  /** What happened and what to do, in plain words (no field names, no jargon). Never contains secret material. */
  readonly message: string;
  /** The offending field for validation failures, e.g. 'digits' (the first one when there are several). */
  readonly field?: string;
  /** Validation failures: every offending field with its plain message, so a form shows them all at once. */
  readonly fields?: Readonly<Record<string, string>>;
  /** The technical detail ("Invalid 'digits': must be a whole number from 5 to 10."), shown behind "Details". */
  readonly details?: string;
}

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

/** Main → renderer pushes: channel → payload. */
export interface EventContract {
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
}

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
