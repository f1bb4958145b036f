// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The unlocked vault: holds the data key and the plaintext payload (secrets as bytes), applies
 * changes through one save queue, and wipes everything on `lock()`.
 *
 * Every save runs under the inter-process lock file and first re-reads the file (waiting a moment
 * when it is missing: a sync tool replacing it). If the file changed since the session last wrote
 * or merged it — another window, the CLI, or a sync tool delivering another computer's save — it
 * is opened and MERGED with the session's state (merge.ts, session-merge.ts), and the change is
 * applied to the merge, so nothing either side has is lost. A reload merges the same way and saves
 * once when the file lacks something of ours; `mergeCopy` merges a conflict copy.
 *
 * A file that does not open with the session's key (nor one it held before re-keying) is never
 * overwritten: its password was changed elsewhere, or it is another vault. The session then writes
 * its own state beside it as an unmerged copy (unmerged-copy.ts), locks itself and throws
 * `wrong-password-or-tampered` (reason `password-changed-elsewhere`): unlock again, and the
 * conflict-copy absorber merges the unmerged copy in. Every save writes format 2.
 */
import { VaultLockedError, type EntryPatch } from '../domain';
import { bytesEqual, KEY_BYTES, passwordBytes, uuidV4, wipe } from './crypto';
import type { IconImageInput, NewVaultEntry, StoredIcon, Tombstone, VaultContents, VaultEntry } from './entry';
import {
  addEntries,
  prepareForSave,
  removeEntries,
  removeEntry,
  reorderEntries,
  setEntryCounter,
  setEntryCustomIcon,
  updateEntry,
} from './entries';
import { EntryValidationError, VaultError } from './errors';
import { parseContainer, type ParsedContainer, type PasswordSlot, type Slot, type VaultHeader } from './format';
import type { KdfParams } from './kdf';
import { acquireLock } from './lock-file';
import { mergeReport, type MergeReport } from './merge';
import { readVaultBytesPatiently } from './patient-read';
import { encodePayload, type DecodedPayload } from './payload';
import { wrapDataKey, type DataKeyWrap } from './quick-unlock-wrap';
import {
  createRecoverySlot,
  findRecoverySlot,
  formatRecoveryKey,
  RECOVERY_SECRET_BYTES,
  recoveryKeyPair,
} from './recovery';
import { assertRenewable, RECOVERY_SLOT_TYPE } from './rekey';
import { openPayload, sealVault } from './sealing';
import { assertWithinVaultLimits, mergeInto, sameSlots, type MergeBase, type OpenedCopy } from './session-merge';
import { changedElsewhere, isSameVaultAndSlot, nextHeader, otherKey, otherVault, sealAndWrite } from './session-save';
import { checkPassword, confirmCurrentPassword } from './session-password';
import { createPasswordSlot, unwrapWithPassword } from './slots';
import { fileDigest } from './storage';
import type {
  ChangePasswordOptions,
  MergeCopyOptions,
  MergeOutcome,
  SessionDeps,
  SessionInit,
  SessionState,
  UnlockedVault,
} from './session-types';
import { writeUnmergedCopy } from './unmerged-copy';
import { validateNewEntry, validatePatch } from './validate';

/** The `UnlockedVault` implementation; `flush()` (a save with no entry change) is for unlock's KDF upgrade. */
export class VaultSession implements UnlockedVault {
  #state: SessionState | null;
  #queue: Promise<void> = Promise.resolve();
  #lastKdf: KdfParams;
  #deriveMs: number | null;
  /** Data keys this session held before it re-keyed, newest first (wiped on lock). */
  #formerKeys: Uint8Array[] = [];
  /** The session holds a merge the file on disk lacks (a reload whose save failed): the next save or reload writes it. */
  #pendingSave = false;

  constructor(
    readonly path: string,
    private readonly deps: SessionDeps,
    { deriveMs, ...init }: SessionInit,
  ) {
    this.#state = init;
    this.#deriveMs = deriveMs;
    this.#lastKdf = { opslimit: init.slotToWrite.kdf.opslimit, memlimit: init.slotToWrite.kdf.memlimit };
  }

  get kdf(): KdfParams {
    return this.#lastKdf;
  }

  get deriveMs(): number | null {
    return this.#deriveMs;
  }

  get hasRecoveryKey(): boolean {
    return findRecoverySlot(this.#open().diskHeader.slots) !== undefined;
  }

  get generation(): number {
    return this.#open().diskHeader.generation;
  }

  get vaultId(): string {
    return this.#open().diskHeader.vaultId;
  }

  get locked(): boolean {
    return this.#state === null;
  }

  entries(): readonly VaultEntry[] {
    return this.#open().payload.entries;
  }

  get(id: string): VaultEntry | undefined {
    return this.#open().payload.entries.find((e) => e.id === id);
  }

  icons(): ReadonlyMap<string, StoredIcon> {
    return this.#open().payload.icons;
  }

  tombstones(): readonly Tombstone[] {
    return this.#open().payload.tombstones;
  }

  async add(inputs: readonly NewVaultEntry[]): Promise<VaultEntry[]> {
    this.#open();
    if (!Array.isArray(inputs)) throw new EntryValidationError('entries', 'Entries to add must be a list.');
    inputs.forEach(validateNewEntry);
    const copies = inputs.map((input) => ({ ...input, secret: input.secret.slice() }));
    let ids: string[] = [];
    try {
      await this.#commit((contents) => {
        const result = addEntries(contents, copies, { now: this.deps.now, newId: () => uuidV4(this.deps.randomBytes) });
        ids = result.ids;
        return result.contents;
      });
    } finally {
      copies.forEach((c) => wipe(c.secret));
    }
    return ids.map((id) => this.#mustGet(id));
  }

  async update(id: string, patch: EntryPatch): Promise<VaultEntry> {
    this.#open();
    validatePatch(patch);
    await this.#commit((contents) => updateEntry(contents, id, patch, this.deps.now()));
    return this.#mustGet(id);
  }

  async setCustomIcon(id: string, image: IconImageInput): Promise<VaultEntry> {
    this.#open();
    const copy: IconImageInput = {
      mime: image?.mime,
      bytes: image?.bytes instanceof Uint8Array ? image.bytes.slice() : image?.bytes,
    };
    await this.#commit((contents) => setEntryCustomIcon(contents, id, copy, this.deps.now()));
    return this.#mustGet(id);
  }

  async remove(id: string): Promise<void> {
    await this.#commit((contents) => removeEntry(contents, id, this.deps.now()));
  }

  async removeMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#commit((contents) => removeEntries(contents, ids, this.deps.now()));
  }

  async reorder(ids: readonly string[]): Promise<void> {
    await this.#commit((contents) => reorderEntries(contents, ids, this.deps.now()));
  }

  async setCounter(id: string, counter: number): Promise<VaultEntry> {
    await this.#commit((contents) => setEntryCounter(contents, id, counter, this.deps.now()));
    return this.#mustGet(id);
  }

  async changePassword(current: string, next: string, options: ChangePasswordOptions = {}): Promise<void> {
    if (typeof next !== 'string' || next.length === 0) throw new TypeError('The new password must not be empty.');
    const st = this.#open();
    const rekey = options.keepDataKey !== true;
    if (rekey) assertRenewable(st.diskHeader.slots, st.diskSlot.id); // before the password work
    const currentBytes = passwordBytes(current);
    const nextBytes = passwordBytes(next);
    const key = st.dataKey.slice();
    const newKey = rekey ? this.deps.randomBytes(KEY_BYTES).slice() : null;
    try {
      await confirmCurrentPassword(this.deps.kdf, st.slotToWrite, currentBytes, key);
      const wrapped = newKey ?? key;
      const slot = await createPasswordSlot(this.deps, st.slotToWrite.id, nextBytes, wrapped, this.deps.kdfParams);
      await this.#commit(unchanged, slot, newKey ?? undefined);
    } finally {
      wipe(currentBytes, nextBytes, key, newKey);
    }
  }

  /**
   * Sets the master password without the current one: only for a session opened with the recovery
   * key (vault.ts, recoverVault), which must set one. Always re-keys, so the recovery key stays
   * valid (its slot is re-sealed) and every copy from before opens nothing saved after.
   */
  async replacePassword(next: string): Promise<void> {
    if (typeof next !== 'string' || next.length === 0) throw new TypeError('The new password must not be empty.');
    const st = this.#open();
    assertRenewable(st.diskHeader.slots, st.diskSlot.id);
    const nextBytes = passwordBytes(next);
    const newKey = this.deps.randomBytes(KEY_BYTES).slice();
    try {
      const started = this.deps.monotonicNow();
      const slot = await createPasswordSlot(this.deps, st.slotToWrite.id, nextBytes, newKey, this.deps.kdfParams);
      this.#deriveMs = this.deps.monotonicNow() - started;
      await this.#commit(unchanged, slot, newKey);
    } finally {
      wipe(nextBytes, newKey);
    }
  }

  async createRecoveryKey(password: string): Promise<string> {
    const secret = this.deps.randomBytes(RECOVERY_SECRET_BYTES).slice();
    try {
      const { publicKey, privateKey } = await recoveryKeyPair(secret);
      privateKey.fill(0);
      await this.#changeRecoverySlot(password, (dataKey) =>
        createRecoverySlot(uuidV4(this.deps.randomBytes), publicKey, dataKey),
      );
      return await formatRecoveryKey(secret);
    } finally {
      secret.fill(0);
    }
  }

  async removeRecoveryKey(password: string): Promise<void> {
    if (!this.hasRecoveryKey) return;
    await this.#changeRecoverySlot(password, null);
  }

  /**
   * Checks `password`, then replaces the recovery slot with `makeSlot`'s (or removes it, for null).
   * When a recovery slot was there, the vault is re-keyed as well, under the same password: the
   * previous recovery key and a copy of the vault from before (a backup, `.prev`) would otherwise
   * still give the data key that opens every later save.
   */
  async #changeRecoverySlot(
    password: string,
    makeSlot: ((dataKey: Uint8Array) => Promise<Slot>) | null,
  ): Promise<void> {
    const st = this.#open();
    const rekey = this.hasRecoveryKey;
    if (rekey) assertRenewable(st.diskHeader.slots, st.diskSlot.id); // before the password work
    const bytes = passwordBytes(password);
    const key = st.dataKey.slice();
    const newKey = rekey ? this.deps.randomBytes(KEY_BYTES).slice() : null;
    try {
      await confirmCurrentPassword(this.deps.kdf, st.slotToWrite, bytes, key, 'The master password is wrong.');
      const slot = newKey
        ? await createPasswordSlot(this.deps, st.slotToWrite.id, bytes, newKey, this.deps.kdfParams)
        : undefined;
      const recovery = makeSlot ? await makeSlot(newKey ?? key) : null;
      const edit = (slots: readonly Slot[]): Slot[] => [...withoutRecovery(slots), ...(recovery ? [recovery] : [])];
      await this.#commit(unchanged, slot, newKey ?? undefined, edit);
    } finally {
      wipe(bytes, key, newKey);
    }
  }

  async wrapForQuickUnlock(kek: Uint8Array): Promise<DataKeyWrap> {
    const st = this.#open();
    return wrapDataKey(st.dataKey, kek, st.diskHeader.vaultId, this.deps.randomBytes);
  }

  async verifyPassword(password: string): Promise<void> {
    const st = this.#open();
    const bytes = passwordBytes(password);
    try {
      await checkPassword(this.deps.kdf, st.slotToWrite, bytes, () => this.#open().dataKey);
    } finally {
      wipe(bytes);
    }
  }

  async checkCopy(bytes: Uint8Array): Promise<void> {
    const st = this.#open();
    const parsed = parseContainer(bytes);
    if (parsed.header.vaultId !== st.diskHeader.vaultId) {
      throw new VaultError('corrupt', 'This file is a copy of another vault.');
    }
    const key = st.dataKey.slice();
    try {
      const payload = await openPayload(parsed, key);
      wipe(payload.buffer);
    } finally {
      wipe(key);
    }
  }

  reloadIfChangedOnDisk(): Promise<boolean> {
    return this.#enqueue(async () => {
      const st = this.#open();
      const bytes = await this.#readDisk();
      let changed = false;
      if (fileDigest(bytes) !== st.diskDigest) changed = await this.#mergeIntoMemory(bytes);
      if (!this.#pendingSave) return changed;
      try {
        const result = await this.#commitNow(unchanged, { onlyIfChanged: true });
        return changed || result.sessionChanged;
      } catch (error) {
        // Locked (the file changed key meanwhile): say so. A failed save (busy, I/O, a vault-wide
        // limit) leaves the merge in memory, and the next save or reload writes it.
        if (this.locked) throw error;
        if ((error instanceof VaultError && error.kind === 'io') || error instanceof EntryValidationError) {
          return changed;
        }
        throw error;
      }
    });
  }

  async mergeCopy(bytes: Uint8Array, options: MergeCopyOptions = {}): Promise<MergeOutcome> {
    const st = this.#open();
    if (!(bytes instanceof Uint8Array)) throw new TypeError('mergeCopy takes the bytes of a vault file.');
    const parsed = parseContainer(bytes);
    if (parsed.header.vaultId !== st.diskHeader.vaultId) {
      throw otherVault(parsed.header.vaultId, st.diskHeader.vaultId);
    }
    const copy = await this.#openCopy(parsed, options.password);
    try {
      const result = await this.#enqueue(() => this.#commitNow(unchanged, { copy, onlyIfChanged: true }));
      if (result.keyChanged && !this.locked) await this.deps.onRekeyed(this).catch(() => undefined);
      const report = result.report;
      return {
        added: report?.added ?? 0,
        changed: report?.changed ?? 0,
        removed: report?.removed ?? 0,
        conflictNotes: report?.conflictNotes ?? 0,
        saved: result.saved,
        passwordNowFrom: result.passwordFrom,
      };
    } finally {
      wipe(copy.payload.buffer, copy.opened.kind === 'password' ? copy.opened.key : null);
    }
  }

  /** Writes the current state (and any pending slot upgrade) without changing entries. */
  flush(): Promise<void> {
    return this.#commit(unchanged);
  }

  lock(): void {
    const st = this.#state;
    if (!st) return;
    this.#state = null;
    this.#pendingSave = false;
    wipe(st.dataKey, st.payload.buffer, ...this.#formerKeys);
    this.#formerKeys = [];
  }

  #open(): SessionState {
    if (!this.#state) throw new VaultLockedError();
    return this.#state;
  }

  #mustGet(id: string): VaultEntry {
    const entry = this.get(id);
    if (!entry) throw new EntryValidationError('id', 'That account is not in the vault. It may have been removed.');
    return entry;
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Reads the vault file, waiting a moment for a missing one (patient-read.ts). */
  #readDisk(): Promise<Uint8Array> {
    return readVaultBytesPatiently(this.path, {
      waitMs: this.deps.missingFileWaitMs,
      now: this.deps.monotonicNow,
      sleep: this.deps.sleep,
    });
  }

  /** Keeps a data key the session held before it re-keyed (or took a copy's key), until lock(), to open older copies. */
  #rememberFormerKey(key: Uint8Array): void {
    this.#formerKeys.unshift(key);
    for (const old of this.#formerKeys.splice(MAX_FORMER_KEYS)) wipe(old);
  }

  /** Opens `parsed` with the session's key (`key`, a copy of it) or a former one; null when neither opens it. */
  async #openWithKnownKeys(parsed: ParsedContainer, key: Uint8Array): Promise<OpenedCopy | null> {
    const current = await openIfKey(parsed, key);
    if (current) return { header: parsed.header, payload: current, opened: { kind: 'current' } };
    for (const former of [...this.#formerKeys]) {
      const payload = await openIfKey(parsed, former);
      if (payload) return { header: parsed.header, payload, opened: { kind: 'former' } };
    }
    return null;
  }

  /**
   * Opens the vault file read from disk (`bytes`, changed since the session last saw it) to merge
   * it. Another vault, or one under a key the session does not hold (its password was changed
   * elsewhere): the session writes its state, with `change` applied, beside the vault as an
   * unmerged copy, locks itself and throws `password-changed-elsewhere`.
   */
  async #openDiskFile(
    bytes: Uint8Array,
    key: Uint8Array,
    change: (contents: VaultContents) => VaultContents,
  ): Promise<OpenedCopy> {
    const st = this.#open();
    const parsed = parseContainer(bytes);
    if (parsed.header.vaultId === st.diskHeader.vaultId) {
      if (isSameVaultAndSlot(parsed.header, st.diskHeader, st.diskSlot)) {
        // Our own password slot: our key must open it, and a failure is tampering, not another key.
        return { header: parsed.header, payload: await openPayload(parsed, key), opened: { kind: 'current' } };
      }
      const opened = await this.#openWithKnownKeys(parsed, key);
      if (opened) return opened;
    }
    const kept = await this.#keepUnmerged(change, parsed.header).then(
      (file) => ({ file }),
      (error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) }),
    );
    this.lock();
    throw changedElsewhere(kept);
  }

  /**
   * Writes the session's state (with `change` applied, when it applies) beside the vault as an
   * unmerged copy under the session's key (unmerged-copy.ts). Its header's `savedAt` is made older
   * than `theirs` (the file it could not be merged with), so when the absorber merges it after the
   * user unlocked with the new password, that newer password stays (session-merge.ts).
   */
  async #keepUnmerged(change: (contents: VaultContents) => VaultContents, theirs: VaultHeader): Promise<string> {
    const st = this.#open();
    const { now, randomBytes } = this.deps;
    let contents: VaultContents = contentsOf(st.payload);
    try {
      contents = change(contents);
    } catch {
      // The change itself is refused (say, its account is gone): keep the rest.
    }
    const savedAt = Math.max(0, Math.min(st.diskHeader.savedAt, theirs.savedAt - 1));
    const header = await nextHeader(st.diskHeader, st.diskSlot, st.slotToWrite, savedAt);
    const payload = encodePayload(prepareForSave(contents, now()));
    const key = st.dataKey.slice();
    try {
      const bytes = await sealVault(header, payload.buffer, key, randomBytes);
      return await writeUnmergedCopy(this.path, bytes, now(), randomBytes);
    } finally {
      wipe(payload.buffer, key);
    }
  }

  /**
   * Opens a copy given to mergeCopy: with the session's key or a former one, else with `password`
   * through its password slot (a full KDF run, before the save queue so saves do not wait on it).
   */
  async #openCopy(parsed: ParsedContainer, password: string | undefined): Promise<OpenedCopy> {
    const key = this.#open().dataKey.slice();
    try {
      const known = await this.#openWithKnownKeys(parsed, key);
      if (known) return known;
    } finally {
      wipe(key);
    }
    if (password === undefined) throw otherKey(false);
    if (typeof password !== 'string' || password.length === 0) throw otherKey(true);
    const pw = passwordBytes(password);
    let unwrapped: { dataKey: Uint8Array; slot: PasswordSlot };
    try {
      unwrapped = await unwrapWithPassword(this.deps.kdf, parsed.header.slots, pw);
    } catch (error) {
      if (error instanceof VaultError && error.kind === 'wrong-password-or-tampered') throw otherKey(true);
      throw error;
    } finally {
      wipe(pw);
    }
    try {
      const payload = await openPayload(parsed, unwrapped.dataKey);
      return {
        header: parsed.header,
        payload,
        opened: { kind: 'password', key: unwrapped.dataKey, slot: unwrapped.slot },
      };
    } catch (error) {
      wipe(unwrapped.dataKey);
      throw error;
    }
  }

  /**
   * Merges the vault file read from disk into the session, in memory (a reload). When the file
   * holds everything the merge does, the session takes the file's state as it is; otherwise it
   * keeps the merge and marks it for saving (`#pendingSave`). Returns whether the session changed.
   */
  async #mergeIntoMemory(bytes: Uint8Array): Promise<boolean> {
    const key = this.#open().dataKey.slice();
    let disk: OpenedCopy | null = null;
    try {
      disk = await this.#openDiskFile(bytes, key, unchanged);
      const st = this.#open();
      const merged = mergeInto(baseOf(st, key), disk);
      const changed = !mergeReport(contentsOf(st.payload), merged.contents).unchanged;
      const digest = fileDigest(bytes);
      if (mergeReport(disk.payload, merged.contents).unchanged && sameSlots(merged.header, disk.header)) {
        const payload = disk.payload;
        disk = null; // the session's from here
        this.#adoptDisk(payload, merged, digest);
      } else {
        this.#adoptMerged(merged, digest);
      }
      return changed;
    } finally {
      wipe(key, disk?.payload.buffer);
    }
  }

  /** The session takes `payload` (the file's own, equal to the merge) under `base`'s header. */
  #adoptDisk(payload: DecodedPayload, base: MergeBase, digest: string): void {
    const latest = this.#state;
    if (!latest) {
      wipe(payload.buffer);
      throw new VaultLockedError();
    }
    wipe(latest.payload.buffer);
    this.#state = { ...latest, payload, ...headerPart(base), diskDigest: digest };
    this.#pendingSave = false;
  }

  /** The session takes the merge `base` (under its own key) without saving it yet: the next save or reload does. */
  #adoptMerged(base: MergeBase, digest: string): void {
    const latest = this.#state;
    if (!latest) throw new VaultLockedError();
    if (!bytesEqual(base.key, latest.dataKey)) return; // another key is taken only by a save
    const payload = encodePayload(base.contents);
    wipe(latest.payload.buffer);
    this.#state = { ...latest, payload, ...headerPart(base), diskDigest: digest };
    this.#pendingSave = true;
  }

  /**
   * The save pipeline (docs/vault-format.md §7): lock file → re-read (waiting for a missing file) →
   * merge what changed on disk into the session's state → merge `options.copy` → apply `change` →
   * check the vault-wide limits → seal → write → verify. With `newDataKey` (a re-key; `newSlot`
   * wraps it) the file is sealed under the new key with every slot renewed and checked in full
   * before it replaces the vault; the session switches keys only once it is saved. With
   * `onlyIfChanged` (a reload, a merged copy) nothing is written when the file already holds it all.
   * Call inside the queue.
   */
  async #commitNow(
    change: (contents: VaultContents) => VaultContents,
    options: CommitOptions = {},
    attempt = 0,
  ): Promise<CommitResult> {
    const { now, randomBytes } = this.deps;
    let replacedBy: ReplacedSave | undefined;
    const { newSlot, newDataKey, editSlots, copy } = options;
    const sessionKey = this.#open().dataKey.slice();
    let sealKey: Uint8Array | null = null;
    let disk: OpenedCopy | null = null;
    const lock = await acquireLock(this.path, {
      randomBytes,
      timeoutMs: this.deps.lockTimeoutMs,
      staleMs: this.deps.lockStaleMs,
    });
    try {
      const onDisk = await this.#readDisk();
      const diskDigest = fileDigest(onDisk);
      if (diskDigest !== this.#open().diskDigest) disk = await this.#openDiskFile(onDisk, sessionKey, change);
      const st = this.#open();
      const start = contentsOf(st.payload);
      const afterDisk = disk ? mergeInto(baseOf(st, sessionKey), disk) : baseOf(st, sessionKey);
      const base = copy ? mergeInto(afterDisk, copy) : afterDisk;
      const contents = change(base.contents);

      // What the file holds: its own state, or the session's when it is the file the session last
      // wrote (or merged entirely); unknown after an unsaved merge.
      const fileContents = disk ? disk.payload : this.#pendingSave ? null : start;
      const fileHeader = disk ? disk.header : st.diskHeader;
      if (
        options.onlyIfChanged === true &&
        contents === base.contents &&
        fileContents !== null &&
        mergeReport(fileContents, base.contents).unchanged &&
        sameSlots(base.header, fileHeader)
      ) {
        const report = copy ? mergeReport(afterDisk.contents, base.contents) : null;
        const sessionChanged = disk !== null && !mergeReport(start, disk.payload).unchanged;
        if (disk) {
          const payload = disk.payload;
          disk = null; // the session's from here
          this.#adoptDisk(payload, base, diskDigest);
        }
        return { saved: false, sessionChanged, report, passwordFrom: base.passwordFrom, keyChanged: false };
      }

      const toSave = prepareForSave(contents, now());
      try {
        assertWithinVaultLimits(toSave);
      } catch (error) {
        // Nothing is written; the other copy's accounts are shown, so the user can remove some.
        if (disk) this.#adoptMerged(afterDisk, diskDigest);
        throw error;
      }
      const slot = newSlot ?? base.slotToWrite;
      sealKey = newDataKey ? newDataKey.slice() : base.key.slice();
      const next = await nextHeader(base.header, base.diskSlot, slot, now(), newDataKey ? sealKey : undefined);
      const header = editSlots ? { ...next, slots: editSlots(next.slots) } : next;
      const keyChanged = !bytesEqual(sealKey, sessionKey);
      const report = copy ? mergeReport(afterDisk.contents, toSave) : null;
      const payload = encodePayload(toSave);
      const sessionChanged = options.onlyIfChanged === true && !mergeReport(start, payload).unchanged;
      try {
        const bytes = await sealAndWrite({
          path: this.path,
          header,
          payload: payload.buffer,
          key: sealKey,
          slot,
          rekey: keyChanged,
          randomBytes,
          beforeCommit: () => lock.assertHeld(),
        });
        const result = { saved: true, sessionChanged, report, passwordFrom: base.passwordFrom, keyChanged };
        const latest = this.#state;
        if (!latest) {
          wipe(payload.buffer); // locked while saving: the save stands, nothing to keep in memory
          return result;
        }
        wipe(latest.payload.buffer);
        if (keyChanged) this.#rememberFormerKey(latest.dataKey);
        this.#state = {
          ...latest,
          ...(keyChanged ? { dataKey: sealKey.slice() } : {}),
          payload,
          diskHeader: header,
          diskDigest: fileDigest(bytes),
          diskSlot: slot,
          slotToWrite: slot,
        };
        this.#pendingSave = false;
        this.#lastKdf = { opslimit: slot.kdf.opslimit, memlimit: slot.kdf.memlimit };
        return result;
      } catch (error) {
        if (isReplacedAfterWrite(error) && this.#state && attempt < MAX_REPLACED_RETRIES) {
          // Our save reached the disk, then a sync tool put another computer's save over it. Take
          // ours as saved (so the session keeps the change), then save again: that merges the file
          // now there, and writes both.
          replacedBy = { payload, header, slot, keyChanged, sealKey: sealKey.slice() };
        } else {
          wipe(payload.buffer);
          throw error;
        }
      }
    } finally {
      wipe(sessionKey, sealKey, disk?.payload.buffer);
      await lock.release();
    }
    if (!replacedBy) throw new Error('unreachable: every other path returned or threw');
    return this.#saveAgainAfterReplaced(replacedBy, attempt);
  }

  /**
   * After a save was replaced on disk right after it was written (`replaced-after-write`): the
   * session takes its own save as its state, with a file digest that no longer matches the disk,
   * and saves again, which merges the file now there.
   */
  async #saveAgainAfterReplaced(saved: ReplacedSave, attempt: number): Promise<CommitResult> {
    const latest = this.#state;
    if (!latest) {
      wipe(saved.payload.buffer, saved.sealKey);
      throw new VaultLockedError();
    }
    wipe(latest.payload.buffer);
    if (saved.keyChanged) this.#rememberFormerKey(latest.dataKey);
    this.#state = {
      ...latest,
      ...(saved.keyChanged ? { dataKey: saved.sealKey } : {}),
      payload: saved.payload,
      diskHeader: saved.header,
      diskDigest: 'replaced',
      diskSlot: saved.slot,
      slotToWrite: saved.slot,
    };
    if (!saved.keyChanged) wipe(saved.sealKey);
    this.#pendingSave = true;
    const again = await this.#commitNow((c) => c, { onlyIfChanged: true }, attempt + 1);
    return { ...again, saved: true, keyChanged: saved.keyChanged || again.keyChanged };
  }

  /** A queued save (`#commitNow`); after one that changed the data key, observers renew what wrapped the old one. */
  async #commit(
    change: (contents: VaultContents) => VaultContents,
    newSlot?: PasswordSlot,
    newDataKey?: Uint8Array,
    editSlots?: (slots: readonly Slot[]) => Slot[],
  ): Promise<void> {
    const options: CommitOptions = {
      ...(newSlot ? { newSlot } : {}),
      ...(newDataKey ? { newDataKey } : {}),
      ...(editSlots ? { editSlots } : {}),
    };
    const result = await this.#enqueue(() => this.#commitNow(change, options));
    // Outside the lock: VaultOptions.onRekeyed (quick unlock renews or drops its wrap of the old key).
    if (result.keyChanged && !this.locked) await this.deps.onRekeyed(this).catch(() => undefined);
  }
}

/** How many times a save replaced right after it was written is saved again before giving up. */
const MAX_REPLACED_RETRIES = 3;

/** Our save as written, when a sync tool replaced it before it read back. */
interface ReplacedSave {
  readonly payload: DecodedPayload;
  readonly header: VaultHeader;
  readonly slot: PasswordSlot;
  readonly keyChanged: boolean;
  readonly sealKey: Uint8Array;
}

function isReplacedAfterWrite(error: unknown): boolean {
  return error instanceof VaultError && error.reason === 'replaced-after-write';
}

/** How many former data keys a session keeps (in memory, until lock) to open copies from before a re-key. */
const MAX_FORMER_KEYS = 4;

interface CommitOptions {
  readonly newSlot?: PasswordSlot;
  readonly newDataKey?: Uint8Array;
  readonly editSlots?: (slots: readonly Slot[]) => Slot[];
  /** Another copy of the vault to merge in (mergeCopy), opened. */
  readonly copy?: OpenedCopy;
  /** Write only when the file does not already hold the result (a reload, a merged copy). */
  readonly onlyIfChanged?: boolean;
}

interface CommitResult {
  readonly saved: boolean;
  /** Whether the session's state differs from before (computed only with `onlyIfChanged`). */
  readonly sessionChanged: boolean;
  /** With a copy: what merging it changed, relative to the state before it. */
  readonly report: MergeReport | null;
  readonly passwordFrom: 'this' | 'copy';
  /** The vault's data key changed (a re-key, or a copy's key taken over). */
  readonly keyChanged: boolean;
}

/** The contents part of a payload (a plain object, so `change` functions never see the buffer). */
function contentsOf(payload: VaultContents): VaultContents {
  return { entries: payload.entries, tombstones: payload.tombstones, icons: payload.icons };
}

/** What a save builds on before anything is merged: the session's own state, header and key. */
function baseOf(st: SessionState, key: Uint8Array): MergeBase {
  return {
    contents: contentsOf(st.payload),
    header: st.diskHeader,
    diskSlot: st.diskSlot,
    slotToWrite: st.slotToWrite,
    key,
    passwordFrom: 'this',
  };
}

/** The session-state fields a merge base decides. */
function headerPart(base: MergeBase): Pick<SessionState, 'diskHeader' | 'diskSlot' | 'slotToWrite'> {
  return { diskHeader: base.header, diskSlot: base.diskSlot, slotToWrite: base.slotToWrite };
}

/** The payload opened with `key`, or null when `key` is not the one it was sealed with. */
async function openIfKey(parsed: ParsedContainer, key: Uint8Array): Promise<DecodedPayload | null> {
  try {
    return await openPayload(parsed, key);
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'payload-tampered') return null;
    throw error;
  }
}

/** A change that changes nothing (a save for a new slot or key only). */
function unchanged(contents: VaultContents): VaultContents {
  return contents;
}

/** The slots without the recovery slot (there is at most one). */
function withoutRecovery(slots: readonly Slot[]): Slot[] {
  return slots.filter((s) => s.type !== RECOVERY_SLOT_TYPE);
}
