// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Creating, unlocking and inspecting a vault file: the entry points of docs/dev/vault-api.md.
 * The unlocked state and its saves live in session.ts.
 */
import path from 'node:path';
import { defaultRandomBytes, KEY_BYTES, passwordBytes, uuidV4, warmUpCrypto, wipe } from './crypto';
import { VaultError } from './errors';
import { AEAD_ID, isPasswordSlot, MAGIC, parseContainer, type PasswordSlot, type VaultHeader } from './format';
import type { StoredIcon, VaultEntry } from './entry';
import {
  assertWritableKdfParams,
  KDF_DEFAULT,
  kdfParamsAtLeast,
  type Kdf,
  type KdfMeasurement,
  type KdfParams,
} from './kdf';
import { sharedDefaultKdf } from './kdf-default';
import { acquireLock } from './lock-file';
import { EMPTY_CONTENTS } from './entries';
import { encodePayload } from './payload';
import { readVaultBytesPatiently } from './patient-read';
import { staleWrap, unwrapDataKey, type DataKeyWrap } from './quick-unlock-wrap';
import { openRecoverySlot, parseRecoveryKey } from './recovery';
import { openPayload, sealVault, verifyWritten } from './sealing';
import { VaultSession } from './session';
import { createPasswordSlot, unwrapWithPassword } from './slots';
import {
  fileDigest,
  fileState,
  hasStaleTempFiles,
  isFolder,
  readVaultBytes,
  removeStaleTempFiles,
  restrictFileMode,
  writeVaultAtomically,
} from './storage';
import type { SessionDeps, UnlockedVault } from './session-types';
import { ensureFolder } from './vault-links';

/** How to open or create a vault. Only `path` is required. */
export interface VaultOptions {
  /** The vault file. */
  readonly path: string;
  /** Default: the process-wide Argon2id, native or WebAssembly (kdf-default.ts). Tests inject a fast fake. */
  readonly kdf?: Kdf;
  /**
   * Parameters for every new wrap (create, password change, upgrade on unlock); default
   * KDF_DEFAULT. Must lie in [KDF_FLOOR, KDF_CEILING]: there is no way to write weaker ones.
   */
  readonly kdfParams?: KdfParams;
  /**
   * Called after an unlock with the slot's parameters and how long its derivation took. Returns
   * stronger parameters when this computer proved faster than its calibration (the unlock then
   * re-wraps the key slot with them; kdf-config.ts stores them first), else null.
   */
  readonly raiseKdfParams?: (measured: KdfMeasurement) => Promise<KdfParams | null>;
  /** Wall-clock milliseconds; default Date.now. */
  readonly now?: () => number;
  /** Monotonic milliseconds, for timing derivations; default performance.now. */
  readonly monotonicNow?: () => number;
  /**
   * Called after every save that gave the vault a new data key (a password change, a recovery, a
   * new or removed recovery key), with the session, before that save's promise resolves. Whatever
   * holds a wrap of the old key outside the vault (quick unlock) renews or drops it here. A
   * failure here does not fail the save.
   */
  readonly onRekeyed?: (vault: UnlockedVault) => Promise<void>;
  /** CSPRNG; default Web Crypto. Fixtures inject a deterministic one. */
  readonly randomBytes?: (n: number) => Uint8Array;
  /** How long a save waits for another process's lock; default 10 s. */
  readonly lockTimeoutMs?: number;
  /** Age after which another process's lock is broken; default 30 s. */
  readonly lockStaleMs?: number;
  /**
   * How long reading the vault for a save or a reload waits for a missing file to come back (a
   * sync tool replacing it deletes it for a moment); default 3 s.
   */
  readonly missingFileWaitMs?: number;
  /** Waits between tries of a missing file; default a timer. Tests inject one with a fake clock. */
  readonly sleep?: (ms: number) => Promise<void>;
}

function resolveDeps(opts: VaultOptions): SessionDeps {
  const kdfParams = opts.kdfParams ?? KDF_DEFAULT;
  assertWritableKdfParams(kdfParams);
  return {
    kdf: opts.kdf ?? sharedDefaultKdf(),
    kdfParams,
    now: opts.now ?? Date.now,
    monotonicNow: opts.monotonicNow ?? (() => performance.now()),
    randomBytes: opts.randomBytes ?? defaultRandomBytes,
    lockTimeoutMs: opts.lockTimeoutMs ?? 10_000,
    lockStaleMs: opts.lockStaleMs ?? 30_000,
    onRekeyed: opts.onRekeyed ?? (async () => undefined),
    missingFileWaitMs: opts.missingFileWaitMs ?? 3_000,
    sleep: opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

function assertPassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) throw new TypeError('The password must not be empty.');
}

/**
 * The vault's bytes for unlocking: a file missing for a moment (a sync tool replacing it) is waited
 * for, as a save or a reload waits (patient-read.ts).
 */
function readOpenedVault(path: string, deps: SessionDeps): Promise<Uint8Array> {
  return readVaultBytesPatiently(path, { waitMs: deps.missingFileWaitMs, now: deps.monotonicNow, sleep: deps.sleep });
}

/** Deletes leftover temp files if there are any and no other process is saving right now (best effort). */
async function cleanUpStaleTemps(path: string, deps: SessionDeps): Promise<void> {
  try {
    if (!(await hasStaleTempFiles(path))) return;
    const lock = await acquireLock(path, { randomBytes: deps.randomBytes, timeoutMs: 0, staleMs: deps.lockStaleMs });
    try {
      await removeStaleTempFiles(path);
    } finally {
      await lock.release();
    }
  } catch {
    // Another process is saving (its temp files are live) or the folder is read-only: skip.
  }
}

/** 'absent' when no file exists at `path` (first run), else 'present' (which may still fail to open). */
export function vaultFileState(path: string): Promise<'absent' | 'present'> {
  return fileState(path);
}

/**
 * Creates a new, empty vault at `opts.path` protected by `password`, and returns it unlocked.
 * Refuses (`io`, reason `exists`) if any file is already there: an existing vault is never replaced.
 */
export async function createVault(opts: VaultOptions, password: string): Promise<UnlockedVault> {
  assertPassword(password);
  const deps = resolveDeps(opts);
  const exists = (): VaultError =>
    new VaultError('io', `A vault already exists at ${opts.path}. Unlock it instead, or move it away first.`, {
      reason: 'exists',
    });
  if (await isFolder(opts.path)) {
    throw new VaultError(
      'io',
      `${opts.path} is a folder, not a vault file. Choose a file name inside it, for example ${path.join(opts.path, 'vault.tessera')}.`,
      { reason: 'is-folder' },
    );
  }
  if ((await fileState(opts.path)) === 'present') throw exists();
  await ensureFolder(opts.path);
  await cleanUpStaleTemps(opts.path, deps);

  const pw = passwordBytes(password);
  const dataKey = deps.randomBytes(KEY_BYTES);
  warmUpCrypto();
  let slot: PasswordSlot;
  const started = deps.monotonicNow();
  try {
    slot = await createPasswordSlot(deps, uuidV4(deps.randomBytes), pw, dataKey, deps.kdfParams);
  } catch (error) {
    wipe(dataKey);
    throw error;
  } finally {
    wipe(pw);
  }
  const deriveMs = deps.monotonicNow() - started;
  const at = deps.now();
  const header: VaultHeader = {
    vaultId: uuidV4(deps.randomBytes),
    generation: 1,
    createdAt: at,
    savedAt: at,
    aead: AEAD_ID,
    slots: [slot],
  };
  const payload = encodePayload(EMPTY_CONTENTS);
  try {
    const bytes = await sealVault(header, payload.buffer, dataKey, deps.randomBytes);
    const lock = await acquireLock(opts.path, {
      randomBytes: deps.randomBytes,
      timeoutMs: deps.lockTimeoutMs,
      staleMs: deps.lockStaleMs,
    });
    try {
      if ((await fileState(opts.path)) === 'present') throw exists();
      await writeVaultAtomically(opts.path, bytes, deps.randomBytes, () => lock.assertHeld());
    } finally {
      await lock.release();
    }
    await verifyWritten(opts.path, bytes, dataKey);
    return new VaultSession(opts.path, deps, {
      dataKey,
      payload,
      diskHeader: header,
      diskDigest: fileDigest(bytes),
      diskSlot: slot,
      slotToWrite: slot,
      deriveMs,
    });
  } catch (error) {
    wipe(dataKey, payload.buffer);
    throw error;
  }
}

/**
 * Opens the vault with `password`. KDF bounds are checked before deriving; a wrong password or an
 * edited slot is `wrong-password-or-tampered`, an edited header or payload `payload-tampered`.
 * Never writes, except to re-wrap the data key when the file's KDF parameters are weaker than
 * `opts.kdfParams`, or than what `opts.raiseKdfParams` answers (then it saves once; if that save
 * fails, the next one carries the new wrap).
 */
export async function unlockVault(opts: VaultOptions, password: string): Promise<UnlockedVault> {
  assertPassword(password);
  const deps = resolveDeps(opts);
  const bytes = await readOpenedVault(opts.path, deps);
  const parsed = parseContainer(bytes);
  await cleanUpStaleTemps(opts.path, deps);
  const pw = passwordBytes(password);
  try {
    const started = deps.monotonicNow();
    const unwrapping = unwrapWithPassword(deps.kdf, parsed.header.slots, pw);
    warmUpCryptoOnceDeriving(deps.kdf);
    const { dataKey, slot } = await unwrapping;
    const deriveMs = deps.monotonicNow() - started;
    const payload = await openPayloadOrWipeKey(parsed, dataKey);
    let slotToWrite = slot;
    try {
      await restrictFileMode(opts.path);
      const target = await wrapTarget(opts, deps, { params: slot.kdf, ms: deriveMs });
      if (!kdfParamsAtLeast(slot.kdf, target)) {
        slotToWrite = await createPasswordSlot(deps, slot.id, pw, dataKey, target);
      }
    } catch (error) {
      wipe(dataKey, payload.buffer);
      throw error;
    }
    const session = new VaultSession(opts.path, deps, {
      dataKey,
      payload,
      diskHeader: parsed.header,
      diskDigest: fileDigest(bytes),
      diskSlot: slot,
      slotToWrite,
      deriveMs,
    });
    if (slotToWrite !== slot) await session.flush().catch(() => undefined); // retried by the next save
    return session;
  } finally {
    wipe(pw);
  }
}

/** The payload opened with `dataKey`; when it does not open, the key is wiped before the error goes on. */
async function openPayloadOrWipeKey(
  parsed: ReturnType<typeof parseContainer>,
  dataKey: Uint8Array,
): Promise<Awaited<ReturnType<typeof openPayload>>> {
  try {
    return await openPayload(parsed, dataKey);
  } catch (error) {
    wipe(dataKey);
    throw error;
  }
}

/**
 * Starts loading libsodium (the payload's cipher, ~40 ms) while Argon2id runs on another thread,
 * but only once `kdf` has chosen its implementation: the derivation asked for just before waits on
 * that same choice and is handed to its thread first, so the loading cannot delay its start.
 */
function warmUpCryptoOnceDeriving(kdf: Kdf): void {
  void Promise.resolve(kdf.engine?.()).then(warmUpCrypto, warmUpCrypto);
}

/**
 * The parameters an unlock's slot must reach: the stronger of `opts.kdfParams` and what
 * `opts.raiseKdfParams` answers for this unlock's timing (a failing answer changes nothing).
 */
async function wrapTarget(opts: VaultOptions, deps: SessionDeps, measured: KdfMeasurement): Promise<KdfParams> {
  const raised = opts.raiseKdfParams ? await opts.raiseKdfParams(measured).catch(() => null) : null;
  if (raised === null) return deps.kdfParams;
  assertWritableKdfParams(raised);
  return kdfParamsAtLeast(raised, deps.kdfParams) ? raised : deps.kdfParams;
}

/**
 * Opens the vault with its recovery key and sets `newPassword` as the master password (a re-key: a
 * new data key, the password slot re-issued, the recovery slot re-sealed to the same key, so the
 * recovery key keeps working and the forgotten password opens nothing saved after). Returns the
 * vault unlocked. `recoveryKey` is the key as typed (parseRecoveryKey's rules).
 * @throws RecoveryKeyFormatError for a mistyped key; VaultError `wrong-password-or-tampered` when
 *   the vault has no recovery key or this one does not open it, `payload-tampered`, `corrupt`, and
 *   the errors of a save.
 */
export async function recoverVault(
  opts: VaultOptions,
  recoveryKey: string,
  newPassword: string,
): Promise<UnlockedVault> {
  assertPassword(newPassword);
  const secret = await parseRecoveryKey(recoveryKey);
  const deps = resolveDeps(opts);
  await cleanUpStaleTemps(opts.path, deps);
  let session: VaultSession;
  try {
    session = await openWithDataKey(opts, deps, (parsed) => openRecoverySlot(parsed.header.slots, secret));
  } finally {
    wipe(secret);
  }
  try {
    await session.replacePassword(newPassword); // and measures the new password's derivation
  } catch (error) {
    session.lock();
    throw error;
  }
  return session;
}

/**
 * Opens the vault with a quick-unlock wrap of its data key (electron/services/quick-unlock-service.ts)
 * and the key-encryption key that opens it. Never writes.
 * @throws VaultError `wrong-password-or-tampered`, reason `quick-unlock-wrong-key` when `kek` does
 *   not open the wrap (a wrong PIN), `quick-unlock-stale` when the wrap is another vault's or its
 *   data key no longer opens this one (re-keyed since); `corrupt`, `unsupported-version`.
 */
export async function unlockVaultWithWrap(
  opts: VaultOptions,
  kek: Uint8Array,
  wrap: DataKeyWrap,
): Promise<UnlockedVault> {
  let session: VaultSession;
  try {
    session = await openWithDataKey(opts, resolveDeps(opts), (parsed) =>
      unwrapDataKey(wrap, kek, parsed.header.vaultId),
    );
  } catch (error) {
    // The wrap opened, so its key was this vault's once: the vault was re-keyed since.
    if (error instanceof VaultError && error.kind === 'payload-tampered') throw staleWrap();
    throw error;
  }
  await restrictFileMode(opts.path).catch(() => undefined);
  return session;
}

/**
 * A session over the vault file, opened with a data key got without the password (`dataKeyOf`:
 * the recovery key, quick unlock); its password slot is kept as it is, nothing is derived.
 * @throws VaultError `corrupt` without a password slot, what `dataKeyOf` throws, `payload-tampered`.
 */
async function openWithDataKey(
  opts: VaultOptions,
  deps: SessionDeps,
  dataKeyOf: (parsed: ReturnType<typeof parseContainer>) => Promise<Uint8Array>,
): Promise<VaultSession> {
  const bytes = await readOpenedVault(opts.path, deps);
  const parsed = parseContainer(bytes);
  const slot = parsed.header.slots.find(isPasswordSlot);
  if (!slot) throw new VaultError('corrupt', 'This vault has no password slot, so it cannot be opened.');
  const dataKey = await dataKeyOf(parsed);
  const payload = await openPayloadOrWipeKey(parsed, dataKey);
  return new VaultSession(opts.path, deps, {
    dataKey,
    payload,
    diskHeader: parsed.header,
    diskDigest: fileDigest(bytes),
    diskSlot: slot,
    slotToWrite: slot,
    deriveMs: null,
  });
}

/** What `inspectVault` reports: header facts readable without the password. */
export interface VaultInfo {
  readonly formatVersion: number;
  /** KDF parameters of the (first) password slot. */
  readonly kdf: KdfParams;
  readonly generation: number;
  readonly vaultId: string;
  readonly createdAt: number;
  readonly savedAt: number;
  readonly slotTypes: readonly string[];
}

/** Reads and validates the header only (no password); throws the same errors as unlocking would before deriving. */
export async function inspectVault(path: string): Promise<VaultInfo> {
  const parsed = parseContainer(await readVaultBytes(path));
  const slot = parsed.header.slots.find(isPasswordSlot);
  if (!slot)
    throw new VaultError('corrupt', 'This vault has no password slot, so it cannot be opened with a password.');
  return {
    formatVersion: parsed.formatVersion,
    kdf: { opslimit: slot.kdf.opslimit, memlimit: slot.kdf.memlimit },
    generation: parsed.header.generation,
    vaultId: parsed.header.vaultId,
    createdAt: parsed.header.createdAt,
    savedAt: parsed.header.savedAt,
    slotTypes: parsed.header.slots.map((s) => s.type),
  };
}

/**
 * The vault id in the header of vault bytes (no key needed), or null when they are not a vault this
 * version reads: for recognising copies of one vault (conflict copies, a `*.tessera` beside it).
 */
export function readVaultId(bytes: Uint8Array): string | null {
  try {
    return parseContainer(bytes).header.vaultId;
  } catch {
    return null;
  }
}

/** Whether `bytes` start like a vault file (a Tessera backup is one): the format's magic. */
export function isVaultBytes(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Checks vault bytes' structure and header without the password, so a damaged file or one from a
 * newer Tessera is refused before the user types a password.
 * @throws VaultError `corrupt` or `unsupported-version`.
 */
export function checkVaultBytes(bytes: Uint8Array): void {
  parseContainer(bytes);
}

/**
 * Reads the entries and custom icons of vault bytes held in memory (a backup picked or dropped in
 * the app, or read from a file), with copies of their secrets that the caller owns and wipes.
 * Nothing is written anywhere, so the file's KDF parameters are used as they are (bounds-checked by
 * the parser before anything is derived); the data key and the decrypted payload are wiped before
 * returning.
 * @throws VaultError `wrong-password-or-tampered`, `payload-tampered`, `corrupt`, `unsupported-version`.
 */
export async function readVaultContents(
  bytes: Uint8Array,
  password: string,
  options: { readonly kdf?: Kdf } = {},
): Promise<{ readonly entries: VaultEntry[]; readonly icons: ReadonlyMap<string, StoredIcon> }> {
  const parsed = parseContainer(bytes);
  const pw = passwordBytes(password);
  let dataKey: Uint8Array;
  try {
    ({ dataKey } = await unwrapWithPassword(options.kdf ?? sharedDefaultKdf(), parsed.header.slots, pw));
  } finally {
    wipe(pw);
  }
  try {
    const payload = await openPayload(parsed, dataKey);
    try {
      const entries = payload.entries.map((e) => ({ ...e, secret: Uint8Array.from(e.secret) }));
      const icons = new Map(
        [...payload.icons].map(([id, icon]) => [id, { ...icon, bytes: Uint8Array.from(icon.bytes) }]),
      );
      return { entries, icons };
    } finally {
      wipe(payload.buffer);
    }
  } finally {
    wipe(dataKey);
  }
}

/** {@link readVaultContents} without the icons. */
export async function readVaultEntries(
  bytes: Uint8Array,
  password: string,
  options: { readonly kdf?: Kdf } = {},
): Promise<VaultEntry[]> {
  return (await readVaultContents(bytes, password, options)).entries;
}

/** {@link readVaultEntries} for a vault file on disk (size-checked before it is read). */
export async function readVaultFileEntries(
  path: string,
  password: string,
  options: { readonly kdf?: Kdf } = {},
): Promise<VaultEntry[]> {
  return readVaultEntries(await readVaultBytes(path), password, options);
}

/** {@link readVaultContents} for a vault file on disk (size-checked before it is read). */
export async function readVaultFileContents(
  path: string,
  password: string,
  options: { readonly kdf?: Kdf } = {},
): Promise<{ readonly entries: VaultEntry[]; readonly icons: ReadonlyMap<string, StoredIcon> }> {
  return readVaultContents(await readVaultBytes(path), password, options);
}
