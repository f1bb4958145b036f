// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * An in-memory `TesseraApi` for component tests: controllable state, every method a `vi.fn` (so a
 * test can inspect calls or override one answer), and emit helpers for main's pushes.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { normaliseRecoveryKey } from '../../electron/domain';
import { SETTINGS_DEFAULTS } from '../../electron/services/settings';
import type {
  BackupStatus,
  ClockStatus,
  CodeSnapshot,
  ConflictCopiesReport,
  UsageMap,
  ImportCandidate,
  ImportCode,
  ImportFormatInfo,
  ImportReview,
  ImportStep,
  EntrySummary,
  IpcError,
  LockReason,
  QuickUnlockStatus,
  Settings,
  SettingsView,
  VaultLocationView,
  VaultMoveOutcome,
  VaultStatus,
} from '../../electron/domain';
import type { EventContract, Result, TesseraApi } from '../../electron/ipc/contract';
import type { IconChoice, IconImage, IconPackInfo, IconRef } from '../../electron/domain';

export const VAULT_PATH = '/home/alice/.config/Tessera/vault.tessera';

/** Where the vault is, as main reports it before anything was moved: the default file in the data folder. */
export const DEFAULT_LOCATION: VaultLocationView = {
  path: VAULT_PATH,
  folder: '/home/alice/.config/Tessera',
  source: 'default',
  defaultFolder: '/home/alice/.config/Tessera',
  movable: true,
  problem: null,
};

/** The location view of a vault file at `path`, chosen on this computer. */
export function locationAt(path: string, overrides: Partial<VaultLocationView> = {}): VaultLocationView {
  return {
    ...DEFAULT_LOCATION,
    path,
    folder: path.slice(0, path.lastIndexOf('/')),
    source: path === VAULT_PATH ? 'default' : 'computer',
    ...overrides,
  };
}

/** Some of the importer registry's formats, as main lists them (electron/import/registry.ts). */
export const IMPORT_FORMATS: readonly ImportFormatInfo[] = [
  { id: 'aegis', name: 'Aegis' },
  { id: '2fas', name: '2FAS' },
  { id: 'andotp', name: 'andOTP' },
  { id: 'stratum', name: 'Stratum / Authenticator Pro' },
  { id: 'otpauth-uri-list', name: 'otpauth:// link list' },
];

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: IpcError): Result<never> => ({ ok: false, error });

let seq = 0;

/** An entry summary with sensible defaults. */
export function entry(overrides: Partial<EntrySummary> = {}): EntrySummary {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type: 'totp',
    issuer: `Issuer ${seq}`,
    account: `user${seq}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    tags: [],
    icon: null,
    shownIcon: null,
    favourite: false,
    notes: '',
    sortOrder: seq,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** A code for an entry, valid for `periodMs` from `validFrom`. */
export function snapshot(
  id: string,
  code: string,
  validUntil: number | null,
  extra: Partial<CodeSnapshot> = {},
): CodeSnapshot {
  return { id, code, validFrom: validUntil === null ? 0 : validUntil - 30_000, validUntil, ...extra };
}

/** The defaults main starts with: the very same object (a plain data module, no Electron). */
export const DEFAULT_TEST_SETTINGS: Settings = SETTINGS_DEFAULTS;

/** Automatic backups as main reports them before the first backup. */
export const DEFAULT_BACKUP_STATUS: BackupStatus = {
  enabled: true,
  folder: '/home/alice/.config/Tessera/backups',
  defaultFolder: true,
  keep: 10,
  lastVerified: null,
  lastError: null,
};

/** The clock as main reports it before any check: nothing measured, this computer's clock in use. */
export const DEFAULT_CLOCK_STATUS: ClockStatus = {
  measured: null,
  problem: null,
  checking: false,
  correction: null,
  warning: false,
};

export interface FakeState {
  status: VaultStatus;
  password: string;
  entries: EntrySummary[];
  codes: CodeSnapshot[];
  clearAfterSeconds: number;
  /** Copies counted per entry (codes.copy adds one), as main's usage store would. */
  usage: UsageMap;
  settings: SettingsView;
  /** Entries within their undo time, by id. */
  removed: Map<string, EntrySummary>;
  undoSeconds: number;
  /** What every import source (open, drop, paste, screen, text, password) answers next. */
  importStep: Result<ImportStep>;
  importCodes: ImportCode[];
  /** The formats main lists (a few of the registry's). */
  importFormats: ImportFormatInfo[];
  backupStatus: BackupStatus;
  clockStatus: ClockStatus;
  /** The vault's recovery key as `createRecoveryKey` shows it (XXXX-XXXX-…), or null when it has none. */
  recoveryKey: string | null;
  /** The key `createRecoveryKey` makes next. */
  nextRecoveryKey: string;
  /** The key main holds for `saveRecoveryKey` (made and not yet forgotten), else null. */
  shownRecoveryKey: string | null;
  /** Where main's save dialog writes the key; null: the user cancels it. */
  recoveryKeySavePath: string | null;
  /** Quick unlock as main reports it; the fake's verbs keep it up to date. */
  quickUnlock: QuickUnlockStatus;
  /** The PIN quick unlock was set up with, or null. */
  quickUnlockPin: string | null;
  /** The icons main knows (bundled, pack, custom): what `icons.images` answers and `icons.search` finds. */
  icons: IconImage[];
  /** What main's open dialog gives `icons.setFromFile`: the id of the custom icon made, null (cancelled), or a refusal. */
  iconFile: Result<string | null>;
  iconPacks: IconPackInfo[];
  /** What `icons.importPack` answers: the pack added, null (cancelled), or a refusal. */
  packImport: Result<IconPackInfo | null>;
  /** Where the vault is (`vault.location`); the fake's location verbs keep it up to date. */
  location: VaultLocationView;
  /** What main's folder dialog answers for a move or the first run's "Choose folder…"; null: cancelled. */
  locationFolder: string | null;
  /** What main's open dialog answers for "Choose vault file…"; null: cancelled. */
  locationFile: string | null;
  /** What `vault.move` answers once a folder is chosen, instead of moving there (say, same-vault); null: it moves. */
  moveAnswer: Result<VaultMoveOutcome> | null;
  /** What `vault.moveMerge` answers instead of merging and moving; null: it moves. */
  moveMergeAnswer: Result<VaultMoveOutcome> | null;
  /** The password every conflict copy waiting for one opens with (`vault.mergeCopy`). */
  conflictCopyPassword: string;
}

/**
 * What the fake's lists show for an icon choice, as main's resolver would: the letter tile for
 * `letter`, the chosen icon, or (automatic) an icon whose title is the issuer, a pack's first.
 */
export function fakeShownIcon(icons: readonly IconImage[], issuer: string, choice: IconChoice | null): IconRef | null {
  if (choice?.kind === 'letter') return null;
  if (choice) return { source: choice.kind, id: choice.id };
  const named = icons.filter((i) => i.ref.source !== 'custom' && i.title.toLowerCase() === issuer.trim().toLowerCase());
  return (named.find((i) => i.ref.source === 'pack') ?? named[0])?.ref ?? null;
}

type Listeners = { [C in keyof EventContract]: Set<(payload: EventContract[C]) => void> };

export interface FakeApi {
  readonly api: TesseraApi;
  readonly state: FakeState;
  /** Pushes like main does, wrapped in act so React settles. */
  emitStatus(status: VaultStatus): void;
  emitEntries(entries: readonly EntrySummary[]): void;
  emitCodes(codes: readonly CodeSnapshot[]): void;
  emitSettings(view: SettingsView): void;
  /** The global shortcut was pressed (main shows the window and sends this). */
  emitFocusSearch(): void;
  emitBackups(status: BackupStatus): void;
  emitClock(status: ClockStatus): void;
  emitQuickUnlock(status: QuickUnlockStatus): void;
  emitConflictCopies(report: ConflictCopiesReport): void;
  listenerCount(channel: keyof EventContract): number;
}

const unlocked = (entryCount: number, recoveryKey = false): VaultStatus => ({
  status: 'unlocked',
  path: VAULT_PATH,
  entryCount,
  kdf: {
    algorithm: 'argon2id13',
    opslimit: 3,
    memlimitBytes: 256 * 1024 * 1024,
    deriveMs: 480,
    engine: { name: 'native', fallbackReason: null },
  },
  recoveryKey,
});

export const lockedStatus = (lastLockReason: LockReason | null = null): VaultStatus => ({
  status: 'locked',
  path: VAULT_PATH,
  lastLockReason,
});

export function unlockedStatus(entryCount = 0, recoveryKey = false): VaultStatus {
  return unlocked(entryCount, recoveryKey);
}

const WRONG_PASSWORD: IpcError = {
  code: 'wrong-password-or-tampered',
  message: 'The password is wrong or the vault was modified.',
};

/** A recovery key as main shows it: 9 groups of 4 in Crockford's base32 (the last one a check). */
export const RECOVERY_KEY = '7Q2M-K4XD-9RTB-3HNV-0ZPC-W6YE-5GJA-8S1F-QK3T';
/** The key main makes after RECOVERY_KEY. */
export const NEXT_RECOVERY_KEY = 'B2C3-D4E5-F6G7-H8J9-K0M1-N2P3-Q4R5-S6T7-V8W9';

/** A typed recovery key as main reads it (the domain's rule). */
export { normaliseRecoveryKey };

const NO_RECOVERY_KEY: IpcError = {
  code: 'wrong-password-or-tampered',
  message:
    'This vault has no recovery key, so it can only be opened with its master password (or restored from a backup).',
};
const WRONG_RECOVERY_KEY: IpcError = {
  code: 'wrong-password-or-tampered',
  message:
    'This recovery key does not open this vault. Check that it is the one made for this vault (the newest, if you made several), or restore a backup.',
};

/** Quick unlock on a computer with a keyring, not set up: what main reports before anyone uses it. */
export const QUICK_UNLOCK_OFF: QuickUnlockStatus = {
  available: true,
  unavailableReason: null,
  touchIdAvailable: false,
  enabled: false,
  method: null,
  expiresAt: null,
  untilRestart: false,
  attemptsLeft: null,
  lapsedReason: null,
};

/** Quick unlock set up with a PIN (5 tries left), kept until the given time. */
export function quickUnlockOn(overrides: Partial<QuickUnlockStatus> = {}): QuickUnlockStatus {
  return {
    ...QUICK_UNLOCK_OFF,
    enabled: true,
    method: 'pin',
    expiresAt: Date.UTC(2030, 2, 14, 12),
    attemptsLeft: 5,
    ...overrides,
  };
}

/** What main says when quick unlock stopped after too many wrong PINs. */
export const QUICK_UNLOCK_LAPSED_PINS =
  'Quick unlock was switched off after 5 wrong PINs. Enter your master password; you can set up quick unlock again in Settings.';

/** A wrong PIN as main words it: the tries left are in the sentence. */
const wrongPin = (left: number): IpcError => ({
  code: 'wrong-password-or-tampered',
  field: 'pin',
  message: `The PIN is wrong. ${left} ${left === 1 ? 'try is' : 'tries are'} left before quick unlock is switched off.`,
});

/** Builds the fake and installs it as `window.tessera`. */
export function installFakeApi(initial: Partial<FakeState> = {}): FakeApi {
  const state: FakeState = {
    status: lockedStatus(),
    password: 'correct horse battery',
    entries: [],
    codes: [],
    clearAfterSeconds: 20,
    usage: {},
    settings: { settings: DEFAULT_TEST_SETTINGS, notes: [] },
    removed: new Map(),
    undoSeconds: 10,
    importStep: ok({ step: 'cancelled' }),
    importCodes: [],
    importFormats: [...IMPORT_FORMATS],
    backupStatus: DEFAULT_BACKUP_STATUS,
    clockStatus: DEFAULT_CLOCK_STATUS,
    recoveryKey: null,
    nextRecoveryKey: RECOVERY_KEY,
    shownRecoveryKey: null,
    recoveryKeySavePath: '/home/alice/Documents/Tessera recovery key.txt',
    quickUnlock: QUICK_UNLOCK_OFF,
    quickUnlockPin: null,
    icons: [],
    iconFile: ok(null),
    iconPacks: [],
    packImport: ok(null),
    location: DEFAULT_LOCATION,
    locationFolder: '/home/alice/Sync',
    locationFile: null,
    moveAnswer: null,
    moveMergeAnswer: null,
    conflictCopyPassword: 'old horse battery',
    ...initial,
  };
  /** The vault is now at `path` (a move, or a choice while no vault is open). */
  const relocate = (path: string): VaultLocationView => {
    state.location = locationAt(path);
    state.status = { ...state.status, path };
    return state.location;
  };
  const moved = (): Result<VaultMoveOutcome> =>
    ok({
      status: 'moved',
      location: relocate(`${state.locationFolder}/vault.tessera`),
      merged: null,
      leftBehind: [],
    });
  const unlockedNow = (): VaultStatus => unlocked(state.entries.length, state.recoveryKey !== null);
  const listeners: Listeners = {
    'vault:status-changed': new Set(),
    'entries:changed': new Set(),
    'codes:update': new Set(),
    'settings:changed': new Set(),
    'app:focus-search': new Set(),
    'backups:changed': new Set(),
    'clock:changed': new Set(),
    'quick-unlock:changed': new Set(),
    'vault:conflict-copies': new Set(),
  };
  const on =
    <C extends keyof EventContract>(channel: C) =>
    (listener: (payload: EventContract[C]) => void) => {
      const set = listeners[channel] as Set<(payload: EventContract[C]) => void>;
      set.add(listener);
      return () => void set.delete(listener);
    };
  const emit = <C extends keyof EventContract>(channel: C, payload: EventContract[C]): void => {
    act(() => {
      for (const listener of listeners[channel] as Set<(payload: EventContract[C]) => void>) listener(payload);
    });
  };
  const find = (id: string): EntrySummary | undefined => state.entries.find((e) => e.id === id);
  const notFound = fail({ code: 'not-found', message: 'That account was not found. It may have been removed.' });

  const api: TesseraApi = {
    vault: {
      status: vi.fn(async () => ok(state.status)),
      create: vi.fn(async (password: string) => {
        state.password = password;
        state.recoveryKey = null;
        state.status = unlocked(0);
        return ok(state.status);
      }),
      unlock: vi.fn(async (password: string) => {
        if (password !== state.password) return fail(WRONG_PASSWORD);
        state.status = unlockedNow();
        return ok(state.status);
      }),
      lock: vi.fn(async () => {
        state.status = lockedStatus('manual');
        return ok(state.status);
      }),
      changePassword: vi.fn(async () => ok(null)),
      usePrevious: vi.fn(async () => {
        state.status = lockedStatus(null);
        return ok(state.status);
      }),
      recover: vi.fn(async (recoveryKey: string, newPassword: string) => {
        if (state.recoveryKey === null) return fail(NO_RECOVERY_KEY);
        if (normaliseRecoveryKey(recoveryKey) !== normaliseRecoveryKey(state.recoveryKey)) {
          return fail(WRONG_RECOVERY_KEY);
        }
        state.password = newPassword;
        state.status = unlockedNow();
        return ok(state.status);
      }),
      createRecoveryKey: vi.fn(async (password: string) => {
        if (password !== state.password) return fail(WRONG_PASSWORD);
        const made = state.nextRecoveryKey;
        state.recoveryKey = made;
        state.shownRecoveryKey = made;
        state.nextRecoveryKey = made === NEXT_RECOVERY_KEY ? RECOVERY_KEY : NEXT_RECOVERY_KEY;
        if (state.status.status === 'unlocked') state.status = unlockedNow();
        return ok({ recoveryKey: made });
      }),
      saveRecoveryKey: vi.fn(async () =>
        state.shownRecoveryKey === null
          ? fail({ code: 'not-found', message: 'The recovery key is no longer shown. Make a new one in Settings.' })
          : ok({ savedTo: state.recoveryKeySavePath }),
      ),
      forgetRecoveryKey: vi.fn(async () => {
        state.shownRecoveryKey = null;
        return ok(null);
      }),
      removeRecoveryKey: vi.fn(async (password: string) => {
        if (password !== state.password) return fail(WRONG_PASSWORD);
        state.recoveryKey = null;
        state.status = unlockedNow();
        return ok(state.status);
      }),
      mergeCopy: vi.fn(async (file: string, password: string) => {
        if (password !== state.conflictCopyPassword) return fail(WRONG_PASSWORD);
        return ok({
          merged: [{ file, tool: null, device: null, passwordFromCopy: false }],
          needPassword: [],
          otherVaults: [],
          failed: [],
        });
      }),
      location: vi.fn(async () => ok(state.location)),
      move: vi.fn(async () => {
        if (state.locationFolder === null) return ok({ status: 'cancelled' as const });
        return state.moveAnswer ?? moved();
      }),
      moveMerge: vi.fn(async (_password: string | null) => state.moveMergeAnswer ?? moved()),
      chooseFolder: vi.fn(async () =>
        ok(state.locationFolder === null ? state.location : relocate(`${state.locationFolder}/vault.tessera`)),
      ),
      chooseFile: vi.fn(async () => ok(state.locationFile === null ? state.location : relocate(state.locationFile))),
      onStatusChanged: vi.fn(on('vault:status-changed')),
      onConflictCopies: vi.fn(on('vault:conflict-copies')),
    },
    quickUnlock: {
      status: vi.fn(async () => ok(state.quickUnlock)),
      enable: vi.fn(async (method, pin, password) => {
        if (password !== state.password) return fail(WRONG_PASSWORD);
        if (!state.quickUnlock.available) {
          return fail({ code: 'unavailable', message: state.quickUnlock.unavailableReason ?? 'Not here.' });
        }
        const { quickUnlockEveryDays, quickUnlockUntilRestart } = state.settings.settings;
        state.quickUnlockPin = pin;
        state.quickUnlock = {
          ...state.quickUnlock,
          enabled: true,
          method,
          expiresAt: Date.now() + quickUnlockEveryDays * 86_400_000,
          untilRestart: quickUnlockUntilRestart,
          attemptsLeft: method === 'pin' ? 5 : null,
          lapsedReason: null,
        };
        return ok(state.quickUnlock);
      }),
      disable: vi.fn(async () => {
        state.quickUnlockPin = null;
        state.quickUnlock = { ...QUICK_UNLOCK_OFF, touchIdAvailable: state.quickUnlock.touchIdAvailable };
        return ok(state.quickUnlock);
      }),
      unlock: vi.fn(async (pin) => {
        const now = state.quickUnlock;
        if (!now.enabled) return fail({ code: 'not-found', message: 'Quick unlock is not set up.' });
        if (now.method === 'pin' && pin !== state.quickUnlockPin) {
          const attemptsLeft = (now.attemptsLeft ?? 1) - 1;
          if (attemptsLeft > 0) {
            state.quickUnlock = { ...now, attemptsLeft };
            return fail(wrongPin(attemptsLeft));
          }
          state.quickUnlock = {
            ...QUICK_UNLOCK_OFF,
            touchIdAvailable: now.touchIdAvailable,
            lapsedReason: QUICK_UNLOCK_LAPSED_PINS,
          };
          return fail({ code: 'not-found', message: QUICK_UNLOCK_LAPSED_PINS });
        }
        state.quickUnlock = { ...now, attemptsLeft: now.method === 'pin' ? 5 : null };
        state.status = unlockedNow();
        return ok(state.status);
      }),
      onChanged: vi.fn(on('quick-unlock:changed')),
    },
    entries: {
      list: vi.fn(async () => ok([...state.entries])),
      add: vi.fn(async (input) => {
        const added = entry({ type: input.type, issuer: input.issuer, account: input.account, tags: input.tags ?? [] });
        state.entries.push(added);
        return ok(added);
      }),
      addUri: vi.fn(async () => {
        const added = entry({ issuer: 'FromLink', account: 'link@example.com' });
        state.entries.push(added);
        return ok(added);
      }),
      update: vi.fn(async (id, patch) => {
        const current = find(id);
        if (!current) return notFound;
        const updated: EntrySummary = { ...current, ...patch };
        state.entries = state.entries.map((e) => (e.id === id ? updated : e));
        return ok(updated);
      }),
      remove: vi.fn(async (id) => {
        const removed = find(id);
        if (!removed) return notFound;
        state.entries = state.entries.filter((e) => e.id !== id);
        state.removed.set(id, removed);
        return ok({ undoSeconds: state.undoSeconds });
      }),
      undoRemove: vi.fn(async (id) => {
        const removed = state.removed.get(id);
        if (!removed) return fail({ code: 'not-found', message: 'That deletion can no longer be undone.' });
        state.removed.delete(id);
        state.entries = [...state.entries, removed];
        return ok(removed);
      }),
      reorder: vi.fn(async (ids) => {
        state.entries = state.entries.map((e) => ({ ...e, sortOrder: ids.indexOf(e.id) }));
        return ok([...state.entries]);
      }),
      onChanged: vi.fn(on('entries:changed')),
    },
    icons: {
      images: vi.fn(async (refs: readonly IconRef[]) =>
        ok(state.icons.filter((i) => refs.some((r) => r.source === i.ref.source && r.id === i.ref.id))),
      ),
      search: vi.fn(async (query) => {
        const wanted = query.trim().toLowerCase();
        const found = state.icons.filter((i) => i.ref.source !== 'custom' && i.title.toLowerCase().includes(wanted));
        return ok(found.slice(0, 60).map((i) => ({ ref: i.ref, title: i.title })));
      }),
      set: vi.fn(async (id, pick) => {
        const current = find(id);
        if (!current) return notFound;
        // A pack icon is copied into the vault (here: kept by its pack ref's id as a custom one).
        const icon: IconChoice | null = pick?.kind === 'pack' ? { kind: 'custom', id: pick.id } : pick;
        const shownIcon =
          pick?.kind === 'pack'
            ? { source: 'pack' as const, id: pick.id }
            : fakeShownIcon(state.icons, current.issuer, icon);
        const updated: EntrySummary = { ...current, icon, shownIcon };
        state.entries = state.entries.map((e) => (e.id === id ? updated : e));
        return ok(updated);
      }),
      setFromFile: vi.fn(async (id) => {
        const current = find(id);
        if (!current) return notFound;
        if (!state.iconFile.ok) return state.iconFile;
        const made = state.iconFile.value;
        if (made === null) return ok({ entry: null });
        const updated: EntrySummary = {
          ...current,
          icon: { kind: 'custom', id: made },
          shownIcon: { source: 'custom', id: made },
        };
        state.entries = state.entries.map((e) => (e.id === id ? updated : e));
        return ok({ entry: updated });
      }),
      packs: vi.fn(async () => ok([...state.iconPacks])),
      importPack: vi.fn(async () => {
        const answer = state.packImport;
        if (!answer.ok) return answer;
        if (answer.value) state.iconPacks = [...state.iconPacks, answer.value];
        return ok({ pack: answer.value });
      }),
      removePack: vi.fn(async (id) => {
        state.iconPacks = state.iconPacks.filter((p) => p.id !== id);
        return ok([...state.iconPacks]);
      }),
    },
    codes: {
      current: vi.fn(async () => ok([...state.codes])),
      copy: vi.fn(async (id: string, _options?: { readonly next?: boolean }) => {
        if (!find(id)) return notFound;
        const before = state.usage[id];
        state.usage = { ...state.usage, [id]: { count: (before?.count ?? 0) + 1, lastUsed: Date.now() } };
        return ok({ clearAfterSeconds: state.clearAfterSeconds });
      }),
      usage: vi.fn(async () => ok({ ...state.usage })),
      nextHotp: vi.fn(async (id) => (find(id) ? ok(snapshot(id, '755224', null)) : notFound)),
      preview: vi.fn(async (input) =>
        /^[A-Z2-7]+=*$/i.test(input.secret)
          ? ok({
              code: input.type === 'hotp' ? '755224' : '287082',
              validUntil: input.type === 'hotp' ? null : Date.now() + 20_000,
            })
          : fail({
              code: 'invalid-entry',
              field: 'secret',
              message: 'The secret key can only contain the letters A to Z and the digits 2 to 7.',
              details: "Invalid 'secret': it is not base32.",
            }),
      ),
      onUpdate: vi.fn(on('codes:update')),
    },
    settings: {
      get: vi.fn(async () => ok(state.settings)),
      update: vi.fn(async (patch) => {
        state.settings = { ...state.settings, settings: { ...state.settings.settings, ...patch } };
        return ok(state.settings);
      }),
      onChanged: vi.fn(on('settings:changed')),
    },
    app: {
      reportActivity: vi.fn(async () => ok(null)),
      onFocusSearch: vi.fn((listener: () => void) => on('app:focus-search')(() => listener())),
    },
    imports: {
      openFiles: vi.fn(async () => state.importStep),
      readFile: vi.fn(async () => state.importStep),
      paste: vi.fn(async () => state.importStep),
      scanScreen: vi.fn(async () => state.importStep),
      readText: vi.fn(async () => state.importStep),
      filePassword: vi.fn(async () => state.importStep),
      codes: vi.fn(async () => ok([...state.importCodes])),
      commit: vi.fn(async (keys) => ok({ added: keys.length, removed: 0 })),
      cancel: vi.fn(async () => ok(null)),
      formats: vi.fn(async () => ok([...state.importFormats])),
    },
    exports: {
      authorize: vi.fn(async (password: string) =>
        password === state.password ? ok({ validForSeconds: 300 }) : fail(WRONG_PASSWORD),
      ),
      save: vi.fn(async () =>
        ok({ status: 'saved' as const, path: '/home/alice/export.tessera', count: state.entries.length, warnings: [] }),
      ),
      qr: vi.fn(async (kind, index) =>
        ok({
          index,
          count: 1,
          title: kind === 'migration' ? 'Transfer code 1 of 1' : 'Issuer (account)',
          accounts: ['Issuer (account)'],
          image: 'data:image/png;base64,iVBORw0KGgo=',
          warnings: [],
        }),
      ),
      end: vi.fn(async () => ok(null)),
    },
    backups: {
      status: vi.fn(async () => ok(state.backupStatus)),
      chooseFolder: vi.fn(async () => ok(state.backupStatus)),
      useDefaultFolder: vi.fn(async () => ok(state.backupStatus)),
      runNow: vi.fn(async () => ok(state.backupStatus)),
      onChanged: vi.fn(on('backups:changed')),
    },
    clock: {
      status: vi.fn(async () => ok(state.clockStatus)),
      check: vi.fn(async () => ok(state.clockStatus)),
      useCorrected: vi.fn(async () => {
        state.clockStatus = { ...state.clockStatus, correction: state.clockStatus.measured, warning: false };
        return ok(state.clockStatus);
      }),
      useSystem: vi.fn(async () => {
        const measured = state.clockStatus.measured;
        state.clockStatus = {
          ...state.clockStatus,
          correction: null,
          warning: Math.abs(measured?.offsetMs ?? 0) > 15_000,
        };
        return ok(state.clockStatus);
      }),
      onChanged: vi.fn(on('clock:changed')),
    },
  };

  Object.defineProperty(window, 'tessera', { value: api, configurable: true, enumerable: true });
  return {
    api,
    state,
    emitStatus: (status) => {
      state.status = status;
      emit('vault:status-changed', status);
    },
    emitEntries: (entries) => emit('entries:changed', entries),
    emitCodes: (codes) => emit('codes:update', codes),
    emitSettings: (view) => {
      state.settings = view;
      emit('settings:changed', view);
    },
    emitFocusSearch: () => emit('app:focus-search', null),
    emitBackups: (status) => {
      state.backupStatus = status;
      emit('backups:changed', status);
    },
    emitClock: (status) => {
      state.clockStatus = status;
      emit('clock:changed', status);
    },
    emitQuickUnlock: (status) => {
      state.quickUnlock = status;
      emit('quick-unlock:changed', status);
    },
    emitConflictCopies: (report) => emit('vault:conflict-copies', report),
    listenerCount: (channel) => listeners[channel].size,
  };
}

let importSeq = 0;

/** An import review candidate with sensible defaults (a plain TOTP account from a QR code). */
export function importCandidate(overrides: Partial<ImportCandidate> = {}): ImportCandidate {
  importSeq += 1;
  return {
    key: `c${importSeq}`,
    type: 'totp',
    issuer: `Issuer ${importSeq}`,
    account: `user${importSeq}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    tags: [],
    source: 'Screen 1',
    duplicate: null,
    ...overrides,
  };
}

/** An import review of accounts found on the screen; nothing skipped unless given. */
export function importReview(overrides: Partial<ImportReview> = {}): ImportReview {
  return {
    kind: 'accounts',
    title: 'QR codes',
    summary: 'Found 1 QR code on 1 screen',
    sources: [],
    candidates: [],
    skipped: [],
    invalid: [],
    notAccounts: [],
    notices: [],
    batches: [],
    canScanMore: true,
    vaultEntryCount: 0,
    ...overrides,
  };
}

/** What an import source answers with a review. */
export function reviewStep(overrides: Partial<ImportReview> = {}): Result<ImportStep> {
  return ok({ step: 'review', review: importReview(overrides) });
}
