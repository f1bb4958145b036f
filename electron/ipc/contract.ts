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
  | { readonly status: 'locked'; readonly path: string; readonly lastLockReason: LockReason | null }
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
  'entries:list': { req: null; res: readonly EntrySummary[] };
  'entries:add': { req: NewEntryInput; res: EntrySummary };
  'entries:add-uri': { req: { uri: string }; res: EntrySummary };
  'entries:update': { req: { id: EntryId; patch: EntryPatch }; res: EntrySummary };
  'entries:remove': { req: { id: EntryId }; res: null };
  'codes:current': { req: null; res: readonly CodeSnapshot[] };
  'codes:copy': { req: { id: EntryId }; res: { clearAfterSeconds: number } };
  'codes:next-hotp': { req: { id: EntryId }; res: CodeSnapshot };
}

/** Main → renderer pushes: channel → payload. */
export interface EventContract {
  'vault:status-changed': VaultStatus;
  'entries:changed': readonly EntrySummary[];
  'codes:update': readonly CodeSnapshot[];
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
  'entries:list': 1,
  'entries:add': 1,
  'entries:add-uri': 1,
  'entries:update': 1,
  'entries:remove': 1,
  'codes:current': 1,
  'codes:copy': 1,
  'codes:next-hotp': 1,
};
const EVENT_CHANNEL_SET: Record<EventChannel, 1> = {
  'vault:status-changed': 1,
  'entries:changed': 1,
  'codes:update': 1,
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
    changePassword(current: string, next: string): Promise<Result<null>>;
    onStatusChanged(listener: (status: VaultStatus) => void): Unsubscribe;
  };
  readonly entries: {
    list(): Promise<Result<readonly EntrySummary[]>>;
    add(input: NewEntryInput): Promise<Result<EntrySummary>>;
    addUri(uri: string): Promise<Result<EntrySummary>>;
    update(id: EntryId, patch: EntryPatch): Promise<Result<EntrySummary>>;
    remove(id: EntryId): Promise<Result<null>>;
    onChanged(listener: (entries: readonly EntrySummary[]) => void): Unsubscribe;
  };
  readonly codes: {
    current(): Promise<Result<readonly CodeSnapshot[]>>;
    copy(id: EntryId): Promise<Result<{ clearAfterSeconds: number }>>;
    nextHotp(id: EntryId): Promise<Result<CodeSnapshot>>;
    onUpdate(listener: (codes: readonly CodeSnapshot[]) => void): Unsubscribe;
  };
}

/** The top-level keys of `window.tessera`; a security probe checks the page sees exactly these. */
const API_NAMESPACE_SET: Record<keyof TesseraApi, 1> = { vault: 1, entries: 1, codes: 1 };
export const API_NAMESPACES = Object.freeze(Object.keys(API_NAMESPACE_SET).sort() as (keyof TesseraApi)[]);
