// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The unlocked vault: holds the data key and the plaintext payload (secrets as bytes), applies
 * changes through one save queue, and wipes everything on `lock()`.
 *
 * Every save runs under the inter-process lock file and first re-reads the file. If another process
 * (the app or the CLI) saved since, the newer file is opened with the in-memory data key and the
 * change is applied on top of it, so neither side's changes are lost. A file that does not open
 * with our key is never overwritten. If its password slot changed (a password change or a KDF
 * upgrade elsewhere) or it is a different vault, the session locks itself and throws
 * `wrong-password-or-tampered` (reason `password-changed-elsewhere`): unlock again.
 *
 * What a save re-applies is a change to the whole contents (entries.ts): the entries, the
 * tombstones of removed ones and the custom icons, so another process's removals and icons are kept
 * like its entries. Every save writes format 2 (a format 1 file is converted by its first save).
 */
import { VaultLockedError, type EntryPatch } from '../domain';
import { KEY_BYTES, passwordBytes, uuidV4, wipe } from './crypto';
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
import { parseContainer, type PasswordSlot, type Slot } from './format';
import type { KdfParams } from './kdf';
import { acquireLock } from './lock-file';
import { encodePayload } from './payload';
import { wrapDataKey, type DataKeyWrap } from './quick-unlock-wrap';
import {
  createRecoverySlot,
  findRecoverySlot,
  formatRecoveryKey,
  RECOVERY_SECRET_BYTES,
  recoveryKeyPair,
} from './recovery';
import { assertRenewable, RECOVERY_SLOT_TYPE } from './rekey';
import { openPayload } from './sealing';
import { changedElsewhere, isSameVaultAndSlot, nextHeader, sealAndWrite } from './session-save';
import { checkPassword, confirmCurrentPassword } from './session-password';
import { createPasswordSlot } from './slots';
import { fileDigest, readVaultBytes } from './storage';
import type { ChangePasswordOptions, SessionDeps, SessionInit, SessionState, UnlockedVault } from './session-types';
import { validateNewEntry, validatePatch } from './validate';

/** The `UnlockedVault` implementation; `flush()` (a save with no entry change) is for unlock's KDF upgrade. */
export class VaultSession implements UnlockedVault {
  #state: SessionState | null;
  #queue: Promise<void> = Promise.resolve();
  #lastKdf: KdfParams;
  #deriveMs: number | null;

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
      const bytes = await readVaultBytes(this.path);
      if (fileDigest(bytes) === st.diskDigest) return false;
      const key = st.dataKey.slice();
      try {
        await this.#adopt(bytes, key);
      } finally {
        wipe(key);
      }
      return true;
    });
  }

  /** Writes the current state (and any pending slot upgrade) without changing entries. */
  flush(): Promise<void> {
    return this.#commit(unchanged);
  }

  lock(): void {
    const st = this.#state;
    if (!st) return;
    this.#state = null;
    wipe(st.dataKey, st.payload.buffer);
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

  /** Opens a newer file with our data key and makes it the session's state (see the file comment). */
  async #adopt(bytes: Uint8Array, key: Uint8Array): Promise<void> {
    const st = this.#open();
    const parsed = parseContainer(bytes);
    if (!isSameVaultAndSlot(parsed.header, st.diskHeader, st.diskSlot)) {
      this.lock();
      throw changedElsewhere();
    }
    const payload = await openPayload(parsed, key);
    const now = this.#state;
    if (!now) {
      wipe(payload.buffer);
      throw new VaultLockedError();
    }
    wipe(now.payload.buffer);
    this.#state = { ...now, payload, diskHeader: parsed.header, diskDigest: fileDigest(bytes) };
  }

  /**
   * The save pipeline: lock file → re-read (adopt if changed) → apply → seal → write → verify.
   * With `newDataKey` (a re-key; `newSlot` wraps it) the file on disk is still opened with the
   * current key, the new file is sealed under the new one with every slot renewed, and it is
   * checked in full before it replaces the vault; the session switches keys only once it is saved.
   */
  #commit(
    change: (contents: VaultContents) => VaultContents,
    newSlot?: PasswordSlot,
    newDataKey?: Uint8Array,
    editSlots?: (slots: readonly Slot[]) => Slot[],
  ): Promise<void> {
    const saved = this.#enqueue(async () => {
      const { now, randomBytes } = this.deps;
      const key = this.#open().dataKey.slice();
      const sealKey = newDataKey ? newDataKey.slice() : key;
      const lock = await acquireLock(this.path, {
        randomBytes,
        timeoutMs: this.deps.lockTimeoutMs,
        staleMs: this.deps.lockStaleMs,
      });
      try {
        const onDisk = await readVaultBytes(this.path);
        if (fileDigest(onDisk) !== this.#open().diskDigest) await this.#adopt(onDisk, key);
        const st = this.#open();
        const slot = newSlot ?? st.slotToWrite;
        const next = await nextHeader(st.diskHeader, st.diskSlot, slot, now(), newDataKey ? sealKey : undefined);
        const header = editSlots ? { ...next, slots: editSlots(next.slots) } : next;
        const { entries, tombstones, icons } = st.payload;
        const payload = encodePayload(prepareForSave(change({ entries, tombstones, icons }), now()));
        try {
          const bytes = await sealAndWrite({
            path: this.path,
            header,
            payload: payload.buffer,
            key: sealKey,
            slot,
            rekey: newDataKey !== undefined,
            randomBytes,
            beforeCommit: () => lock.assertHeld(),
          });
          const latest = this.#state;
          if (!latest) {
            wipe(payload.buffer); // locked while saving: the save stands, nothing to keep in memory
            return;
          }
          wipe(latest.payload.buffer);
          if (newDataKey) wipe(latest.dataKey);
          this.#state = {
            ...latest,
            ...(newDataKey ? { dataKey: sealKey.slice() } : {}),
            payload,
            diskHeader: header,
            diskDigest: fileDigest(bytes),
            diskSlot: slot,
            slotToWrite: slot,
          };
          this.#lastKdf = { opslimit: slot.kdf.opslimit, memlimit: slot.kdf.memlimit };
        } catch (error) {
          wipe(payload.buffer);
          throw error;
        }
      } finally {
        wipe(key, sealKey);
        await lock.release();
      }
    });
    // After a re-key, outside the lock: observers renew what wrapped the old key (VaultOptions.onRekeyed).
    if (!newDataKey) return saved;
    return saved.then(() => (this.locked ? undefined : this.deps.onRekeyed(this).catch(() => undefined)));
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
