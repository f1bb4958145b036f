// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `window.tessera`, the API the preload exposes to the renderer: verbs grouped by feature, never
 * transport, and its namespaces and verbs as data for the checks that the page sees exactly these.
 * Part of the IPC contract (electron/ipc/contract.ts re-exports it): imports the domain alone.
 */
import type {
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
import type { Result } from './channels';

export type Unsubscribe = () => void;

export interface TesseraApi {
  readonly vault: {
    status(): Promise<Result<VaultStatus>>;
    create(password: string): Promise<Result<VaultStatus>>;
    unlock(password: string): Promise<Result<VaultStatus>>;
    lock(): Promise<Result<VaultStatus>>;
    usePrevious(): Promise<Result<VaultStatus>>;
    /** Where the vault file is and how Tessera found it (Settings › Vault file, the first run). */
    location(): Promise<Result<VaultLocationView>>;
    /** Open vault: main's folder dialog, then the move. */
    move(): Promise<Result<VaultMoveOutcome>>;
    /** The folder of the last move holds this vault: merge with it (its password when it differs), then move. */
    moveMerge(password: string | null): Promise<Result<VaultMoveOutcome>>;
    /** No vault open: main's folder dialog for where the vault goes (or the one already there). */
    chooseFolder(): Promise<Result<VaultLocationView>>;
    /** No vault open: main's open dialog for the vault file. */
    chooseFile(): Promise<Result<VaultLocationView>>;
    changePassword(current: string, next: string): Promise<Result<null>>;
    /** Forgotten password: opens the locked vault with the recovery key and sets a new master password. */
    recover(recoveryKey: string, newPassword: string): Promise<Result<VaultStatus>>;
    /** After the master password: a new recovery key (the earlier one stops working), shown this once. */
    createRecoveryKey(password: string): Promise<Result<{ recoveryKey: string }>>;
    /** Saves the key just made to a file picked in main's save dialog; `savedTo` null when cancelled. */
    saveRecoveryKey(): Promise<Result<{ savedTo: string | null }>>;
    /** The key is no longer shown: main forgets it. */
    forgetRecoveryKey(): Promise<Result<null>>;
    removeRecoveryKey(password: string): Promise<Result<VaultStatus>>;
    /** Merges the conflict copy `file` (named in `needPassword`) with the password it was saved with. */
    mergeCopy(file: string, password: string): Promise<Result<ConflictCopiesReport>>;
    onStatusChanged(listener: (status: VaultStatus) => void): Unsubscribe;
    /** Conflict copies beside the vault were merged, or left there and why (each once per unlock). */
    onConflictCopies(listener: (report: ConflictCopiesReport) => void): Unsubscribe;
  };
  /** Opening the vault on this computer without the master password: a PIN or Touch ID. */
  readonly quickUnlock: {
    status(): Promise<Result<QuickUnlockStatus>>;
    /** After the master password; `pin` null for Touch ID. */
    enable(method: QuickUnlockMethod, pin: string | null, password: string): Promise<Result<QuickUnlockStatus>>;
    disable(): Promise<Result<QuickUnlockStatus>>;
    /** Opens the locked vault with the PIN, or with Touch ID (`pin` null). */
    unlock(pin: string | null): Promise<Result<VaultStatus>>;
    onChanged(listener: (status: QuickUnlockStatus) => void): Unsubscribe;
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
  /** Issuer icons: pictures for the refs entries show, the picker, and this computer's icon packs. */
  readonly icons: {
    images(refs: readonly IconRef[]): Promise<Result<readonly IconImage[]>>;
    search(query: string): Promise<Result<readonly IconSearchHit[]>>;
    set(id: EntryId, pick: IconPick): Promise<Result<EntrySummary>>;
    setFromFile(id: EntryId): Promise<Result<{ entry: EntrySummary | null }>>;
    packs(): Promise<Result<readonly IconPackInfo[]>>;
    importPack(): Promise<Result<{ pack: IconPackInfo | null }>>;
    removePack(id: string): Promise<Result<readonly IconPackInfo[]>>;
  };
  readonly codes: {
    current(): Promise<Result<readonly CodeSnapshot[]>>;
    /** Copies the current code, or with `next` the code of the next period (TOTP and Steam only); counts a use. */
    copy(id: EntryId, options?: { readonly next?: boolean }): Promise<Result<{ clearAfterSeconds: number }>>;
    /** How often and how lately each account was copied on this computer (for the usage orders). */
    usage(): Promise<Result<UsageMap>>;
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
    /** Opens an export session after the master password; `ids` limits it to those accounts (a selection). */
    authorize(password: string, ids?: readonly EntryId[]): Promise<Result<{ validForSeconds: number }>>;
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
  quickUnlock: 1,
  entries: 1,
  icons: 1,
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
  vault: {
    status: 1,
    create: 1,
    unlock: 1,
    lock: 1,
    usePrevious: 1,
    location: 1,
    move: 1,
    moveMerge: 1,
    chooseFolder: 1,
    chooseFile: 1,
    changePassword: 1,
    recover: 1,
    createRecoveryKey: 1,
    saveRecoveryKey: 1,
    forgetRecoveryKey: 1,
    removeRecoveryKey: 1,
    mergeCopy: 1,
    onStatusChanged: 1,
    onConflictCopies: 1,
  },
  quickUnlock: { status: 1, enable: 1, disable: 1, unlock: 1, onChanged: 1 },
  entries: { list: 1, add: 1, addUri: 1, update: 1, remove: 1, undoRemove: 1, reorder: 1, onChanged: 1 },
  icons: { images: 1, search: 1, set: 1, setFromFile: 1, packs: 1, importPack: 1, removePack: 1 },
  codes: { current: 1, copy: 1, usage: 1, nextHotp: 1, preview: 1, onUpdate: 1 },
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
