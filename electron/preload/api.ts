// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Builds `window.tessera` from a transport: purpose-named verbs grouped by feature, never a
 * generic `invoke(channel)`. No Electron import, so the same code runs in the sandboxed preload
 * (over ipcRenderer) and in the Chromium end-to-end tests (over a Playwright binding).
 */
import type {
  EventChannel,
  EventContract,
  InvokeChannel,
  RequestOf,
  ResponseOf,
  Result,
  TesseraApi,
} from '../ipc/contract';

export interface Transport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** Subscribes to a push channel; the listener receives the payload only (no Electron event). */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Sends one request; a transport that fails answers `internal`, so a verb never rejects. */
function caller(transport: Transport) {
  return async <C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> => {
    try {
      return (await transport.invoke(channel, request)) as Result<ResponseOf<C>>;
    } catch {
      return { ok: false, error: { code: 'internal', message: 'Tessera could not reach its main process.' } };
    }
  };
}

/** A verb that subscribes to one push channel. */
function subscriber(transport: Transport) {
  return <C extends EventChannel>(channel: C) =>
    (listener: (payload: EventContract[C]) => void): (() => void) =>
      transport.subscribe(channel, (payload) => listener(payload as EventContract[C]));
}

type Call = ReturnType<typeof caller>;
type On = ReturnType<typeof subscriber>;

function vaultVerbs(call: Call, on: On): TesseraApi['vault'] {
  return {
    status: () => call('vault:status', null),
    create: (password) => call('vault:create', { password }),
    unlock: (password) => call('vault:unlock', { password }),
    lock: () => call('vault:lock', null),
    changePassword: (current, next) => call('vault:change-password', { current, next }),
    usePrevious: () => call('vault:use-previous', null),
    location: () => call('vault:location', null),
    move: () => call('vault:move', null),
    moveMerge: (password) => call('vault:move-merge', { password }),
    chooseFolder: () => call('vault:choose-folder', null),
    chooseFile: () => call('vault:choose-file', null),
    recover: (recoveryKey, newPassword) => call('vault:recover', { recoveryKey, newPassword }),
    createRecoveryKey: (password) => call('vault:create-recovery-key', { password }),
    saveRecoveryKey: () => call('vault:save-recovery-key', null),
    forgetRecoveryKey: () => call('vault:forget-recovery-key', null),
    removeRecoveryKey: (password) => call('vault:remove-recovery-key', { password }),
    mergeCopy: (file, password) => call('vault:merge-copy', { file, password }),
    onStatusChanged: on('vault:status-changed'),
    onConflictCopies: on('vault:conflict-copies'),
  };
}

function quickUnlockVerbs(call: Call, on: On): TesseraApi['quickUnlock'] {
  return {
    status: () => call('quick-unlock:status', null),
    enable: (method, pin, password) => call('quick-unlock:enable', { method, pin, password }),
    disable: () => call('quick-unlock:disable', null),
    unlock: (pin) => call('quick-unlock:unlock', { pin }),
    onChanged: on('quick-unlock:changed'),
  };
}

function entriesVerbs(call: Call, on: On): TesseraApi['entries'] {
  return {
    list: () => call('entries:list', null),
    add: (input) => call('entries:add', input),
    addUri: (uri) => call('entries:add-uri', { uri }),
    update: (id, patch) => call('entries:update', { id, patch }),
    remove: (id) => call('entries:remove', { id }),
    undoRemove: (id) => call('entries:undo-remove', { id }),
    reorder: (ids) => call('entries:reorder', { ids: [...ids] }),
    onChanged: on('entries:changed'),
  };
}

function iconsVerbs(call: Call): TesseraApi['icons'] {
  return {
    images: (refs) => call('icons:images', { refs: [...refs] }),
    search: (query) => call('icons:search', { query }),
    set: (id, pick) => call('icons:set', { id, pick }),
    setFromFile: (id) => call('icons:set-from-file', { id }),
    packs: () => call('icons:packs', null),
    importPack: () => call('icons:import-pack', null),
    removePack: (id) => call('icons:remove-pack', { id }),
  };
}

function codesVerbs(call: Call, on: On): TesseraApi['codes'] {
  return {
    current: () => call('codes:current', null),
    copy: (id, options) => call('codes:copy', options?.next === undefined ? { id } : { id, next: options.next }),
    usage: () => call('codes:usage', null),
    nextHotp: (id) => call('codes:next-hotp', { id }),
    preview: (input) => call('codes:preview', input),
    onUpdate: on('codes:update'),
  };
}

function importsVerbs(call: Call): TesseraApi['imports'] {
  return {
    openFiles: (format) => call('imports:open-files', format === undefined ? null : { format }),
    readFile: (name, bytes, format) =>
      call('imports:read-file', format === undefined ? { name, bytes } : { name, bytes, format }),
    paste: () => call('imports:paste', null),
    scanScreen: () => call('imports:scan-screen', null),
    readText: (text) => call('imports:read-text', { text }),
    filePassword: (password) => call('imports:file-password', { password }),
    codes: () => call('imports:codes', null),
    commit: (keys, mode) => call('imports:commit', { keys: [...keys], mode }),
    cancel: () => call('imports:cancel', null),
    formats: () => call('imports:formats', null),
  };
}

function exportsVerbs(call: Call): TesseraApi['exports'] {
  return {
    authorize: (password, ids) =>
      call('exports:authorize', ids === undefined ? { password } : { password, ids: [...ids] }),
    save: (format, exportPassword) =>
      call('exports:save', exportPassword === undefined ? { format } : { format, exportPassword }),
    qr: (kind, index) => call('exports:qr', { kind, index }),
    end: () => call('exports:end', null),
  };
}

function backupsVerbs(call: Call, on: On): TesseraApi['backups'] {
  return {
    status: () => call('backups:status', null),
    chooseFolder: () => call('backups:choose-folder', null),
    useDefaultFolder: () => call('backups:use-default-folder', null),
    runNow: () => call('backups:run-now', null),
    onChanged: on('backups:changed'),
  };
}

function clockVerbs(call: Call, on: On): TesseraApi['clock'] {
  return {
    status: () => call('clock:status', null),
    check: () => call('clock:check', null),
    useCorrected: () => call('clock:use-corrected', null),
    useSystem: () => call('clock:use-system', null),
    onChanged: on('clock:changed'),
  };
}

/** Creates the API object the preload exposes. */
export function createTesseraApi(transport: Transport): TesseraApi {
  const call = caller(transport);
  const on = subscriber(transport);
  return {
    vault: vaultVerbs(call, on),
    quickUnlock: quickUnlockVerbs(call, on),
    entries: entriesVerbs(call, on),
    icons: iconsVerbs(call),
    codes: codesVerbs(call, on),
    settings: {
      get: () => call('settings:get', null),
      update: (patch) => call('settings:update', patch),
      onChanged: on('settings:changed'),
    },
    app: {
      reportActivity: () => call('app:activity', null),
      onFocusSearch: (listener) => transport.subscribe('app:focus-search', () => listener()),
    },
    imports: importsVerbs(call),
    exports: exportsVerbs(call),
    backups: backupsVerbs(call, on),
    clock: clockVerbs(call, on),
  };
}
