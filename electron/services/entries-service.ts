// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The accounts as the window sees them (`entries:*`): every entry of the open vault except those
 * being deleted, without their secrets. Adding, editing, reordering, and deleting with undo: a
 * deleted account is hidden at once and removed from the vault only when its undo time has passed
 * (pending-removals.ts), so a lock or a quit meanwhile keeps it. Every write first brings the vault
 * up to date with its file, so a change saved by the CLI is never lost. Each summary carries the
 * picture the lists show (`shownIcon`), resolved by the injected icon resolver.
 */
import { accountFields, type Clock, type EntrySummary, type IconRef, type NewEntryInput } from '../domain';
import { parseOtpauthUri, validateEntryInput } from '../otp';
import type { NewVaultEntry, UnlockedVault } from '../vault';
import type { VaultEntry } from '../vault/entry';
import { InvalidEntryError, NotFoundError, UndoExpiredError } from './errors';
import { createPendingRemovals, type PendingRemovals } from './pending-removals';
import type { VaultService } from './vault-service';

/** The changes `entries:update` may make (the vault's own patch). */
export type EntryPatch = Parameters<UnlockedVault['update']>[1];

/** The picture the lists show for an entry (icons/resolver.ts `shownIcon`). */
export type ShownIcon = (entry: VaultEntry) => IconRef | null;

/** Strips the secret: the only shape of an entry that may leave the main process. */
export function toSummary(entry: VaultEntry, shownIcon: ShownIcon): EntrySummary {
  return {
    id: entry.id,
    ...accountFields(entry),
    tags: entry.tags,
    icon: entry.icon,
    shownIcon: shownIcon(entry),
    favourite: entry.favourite,
    notes: entry.notes,
    sortOrder: entry.sortOrder,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}

export interface EntriesServiceDeps {
  readonly clock: Clock;
  readonly vault: Pick<VaultService, 'open' | 'isUnlocked'>;
  /** The open vault, first brought up to date with the file (vault-sync.ts). */
  readonly openFresh: () => Promise<UnlockedVault>;
  /** Tells the window the shown entries (`entries:changed`). */
  readonly emit: (entries: EntrySummary[]) => void;
  /** The set of entries changed: their codes are pushed again and rescheduled. */
  readonly rescheduleCodes: () => void;
  /** An entry was deleted for good: its HOTP code, if one is shown, goes too. */
  readonly deleted: (id: string) => void;
  /** The vault was saved with a change: a backup is due. */
  readonly saved: () => void;
  /** The picture each entry shows (the icon resolver over this computer's packs and the bundled set). */
  readonly shownIcon: ShownIcon;
}

/** What the window calls (`entries:*`). */
export interface EntriesApi {
  list(): EntrySummary[];
  add(input: NewEntryInput): Promise<EntrySummary>;
  addUri(uri: string): Promise<EntrySummary>;
  update(id: string, patch: EntryPatch): Promise<EntrySummary>;
  /** Hides the entry and starts its undo time; returns the seconds it lasts. */
  remove(id: string): Promise<number>;
  /** Keeps an entry whose undo time has not passed. */
  undoRemove(id: string): Promise<EntrySummary>;
  /** Sets the display order; `ids` lists every shown entry once (those being deleted keep theirs, last). */
  reorder(ids: readonly string[]): Promise<EntrySummary[]>;
}

export interface EntriesService {
  /** The entries the window may see: all but those being deleted. */
  shown(v: UnlockedVault): VaultEntry[];
  /**
   * A shown entry: one being deleted is as good as gone until its deletion is undone.
   * @throws NotFoundError
   */
  find(v: UnlockedVault, id: string): VaultEntry;
  /** The entry as the window sees it (no secret; the picture it shows resolved). */
  summary(entry: VaultEntry): EntrySummary;
  /** Tells the window the shown entries. */
  push(): void;
  /** After any change to the entry set: tell the window and reschedule the codes. */
  changed(): void;
  /** The vault was unlocked: no deletion is cancelled any more; tells the window. */
  unlocked(): void;
  /** The vault is locking: the undo time is cut short, so every deletion waiting is cancelled. */
  locking(): void;
  /** Facts for the locked status: how many deletions the last lock cancelled. */
  lockedDetails(): { readonly cancelledDeletions?: number };
  readonly api: EntriesApi;
}

export function createEntriesService(deps: EntriesServiceDeps): EntriesService {
  const { vault } = deps;
  /** Deletions within their undo time: hidden everywhere, deleted from the vault when it passes. */
  const pending = createPendingRemovals({ clock: deps.clock, commit: (id) => commitRemoval(id) });
  /** How many deletions the last lock cancelled; shown on the unlock screen. */
  let cancelledDeletions = 0;

  const shown = (v: UnlockedVault): VaultEntry[] => v.entries().filter((e) => !pending.has(e.id));
  const summary = (entry: VaultEntry): EntrySummary => toSummary(entry, deps.shownIcon);
  const push = (): void => deps.emit(shown(vault.open()).map(summary));
  const changed = (): void => {
    push();
    deps.rescheduleCodes();
  };

  /** The undo time of `id` has passed: delete it for good (it may have gone already, e.g. by the CLI). */
  async function commitRemoval(id: string): Promise<void> {
    if (!vault.isUnlocked()) return;
    try {
      const v = await deps.openFresh();
      if (!v.get(id)) return;
      await v.remove(id);
      deps.deleted(id);
      deps.saved();
    } catch {
      // Not deleted (the disk refused, or the vault locked meanwhile): show the account again.
      if (vault.isUnlocked()) changed();
    }
  }

  const service: Omit<EntriesService, 'api'> = {
    shown,
    find(v, id) {
      const entry = v.get(id);
      if (!entry || pending.has(id)) throw new NotFoundError('That account');
      return entry;
    },
    summary,
    push,
    changed,
    unlocked() {
      cancelledDeletions = 0;
      push();
    },
    locking() {
      // Nothing is lost by a slip: those accounts stay, and the unlock screen says so.
      cancelledDeletions = pending.cancelAll();
    },
    lockedDetails: () => (cancelledDeletions > 0 ? { cancelledDeletions } : {}),
  };
  return { ...service, api: entriesApi(deps, service, pending) };
}

/** The window's calls, over the shown entries and the deletions waiting for their undo time. */
function entriesApi(
  deps: EntriesServiceDeps,
  entries: Omit<EntriesService, 'api'>,
  pending: PendingRemovals,
): EntriesApi {
  const { vault } = deps;

  async function addOne(entry: NewVaultEntry): Promise<EntrySummary> {
    const [added] = await (await deps.openFresh()).add([entry]);
    if (!added) throw new Error('vault.add returned no entry');
    entries.changed();
    deps.saved();
    return entries.summary(added);
  }

  return {
    list: () => entries.shown(vault.open()).map(entries.summary),
    async add(input) {
      const checked = validateEntryInput(input);
      if (!checked.ok) throw InvalidEntryError.fromValidation(checked);
      const { params, ...meta } = checked.value;
      return addOne({ ...params, ...meta });
    },
    async addUri(uri) {
      const parsed = parseOtpauthUri(uri);
      return addOne({ ...parsed.params, issuer: parsed.issuer, account: parsed.account });
    },
    async update(id, patch) {
      const v = await deps.openFresh();
      entries.find(v, id);
      const updated = await v.update(id, patch);
      entries.push();
      deps.saved();
      return entries.summary(updated);
    },
    async remove(id) {
      entries.find(await deps.openFresh(), id);
      const seconds = pending.start(id);
      entries.changed();
      return seconds;
    },
    async undoRemove(id) {
      const v = vault.open();
      if (!pending.undo(id)) throw new UndoExpiredError();
      entries.changed();
      return entries.summary(entries.find(v, id));
    },
    async reorder(ids) {
      const v = await deps.openFresh();
      const visible = new Set(entries.shown(v).map((e) => e.id));
      if (ids.length !== visible.size || new Set(ids).size !== ids.length || !ids.every((id) => visible.has(id))) {
        throw new InvalidEntryError('ids', 'The new order must list every account exactly once. Try again.');
      }
      await v.reorder([...ids, ...pending.ids().filter((id) => v.get(id))]);
      entries.push();
      deps.saved();
      return entries.shown(v).map(entries.summary);
    },
  };
}
