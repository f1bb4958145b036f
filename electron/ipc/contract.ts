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
  | 'internal';

export interface IpcError {
  readonly code: IpcErrorCode;
  /** A sentence a user can act on. Never contains secret material. */
  readonly message: string;
  /** The offending field for validation failures, e.g. 'digits'. */
  readonly field?: string;
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
}

/** Main → renderer pushes: channel → payload. */
export interface EventContract {
  'vault:status-changed': VaultStatus;
  'entries:changed': readonly EntrySummary[];
  'codes:update': readonly CodeSnapshot[];
  'settings:changed': SettingsView;
  /** The global shortcut was pressed: the window is shown and wants the search field focused. */
  'app:focus-search': null;
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
};
const EVENT_CHANNEL_SET: Record<EventChannel, 1> = {
  'vault:status-changed': 1,
  'entries:changed': 1,
  'codes:update': 1,
  'settings:changed': 1,
  'app:focus-search': 1,
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
}

/** The top-level keys of `window.tessera`; a security probe checks the page sees exactly these. */
const API_NAMESPACE_SET: Record<keyof TesseraApi, 1> = { vault: 1, entries: 1, codes: 1, settings: 1, app: 1 };
export const API_NAMESPACES = Object.freeze(Object.keys(API_NAMESPACE_SET).sort() as (keyof TesseraApi)[]);
