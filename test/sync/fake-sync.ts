// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A simulated file-sync tool between two folders, for the simulated-sync test (issue #18): what
 * Syncthing, Dropbox and the like do to a vault file, step by step under a seeded PRNG, so that a
 * test can run hundreds of interleavings in seconds. The real thing is tested with real Syncthing
 * (test/sync/two-computers.test.ts); this one adds the cases a real tool shows rarely or not at all.
 *
 * Like Syncthing, it keeps per side what it last knew of each file (content hash, a version vector,
 * the modification time of the change) and:
 * - `scan(side)` notices local changes (a new hash, or a file gone) and queues them for the other
 *   side, superseding a queued delivery of the same file that has not started;
 * - a delivery starts after a random number of steps and writes in one of three ways, chosen at
 *   random: **atomically** (temp file, rename); **with a gap** (temp file, the old file deleted,
 *   and only a few steps later — or as soon as a reader waits, `finishWaiting` — renamed into
 *   place: Syncthing's order, so the vault is briefly missing); or **torn** (the first part of the
 *   bytes written over the file in place, the rest a few steps later, as a tool without temp files
 *   would; a reader meanwhile finds a file that is not a valid vault);
 * - before it writes, it looks at the file again: a change the other side has not seen is a
 *   **conflict**. As Syncthing does, the change with the later modification time keeps the name and
 *   the other becomes a conflict copy beside it, named as the chosen tool names them
 *   (`vault.sync-conflict-20261206-101010-ABCDEF1.tessera`, or Dropbox's
 *   `vault (Computer A's conflicted copy 2026-12-06).tessera`); a change made to the file while
 *   the tool was writing it (torn, or in the gap) is a conflict too, and the tool's bytes become the
 *   copy. A copy is an ordinary new file from then on, synchronised to the other side; a file
 *   removed on one side (a copy moved to the backups) is removed on the other unless changed there.
 * - `online = false` holds every delivery (the computers are offline from each other); scans still
 *   happen.
 *
 * Files the vault keeps to itself (lock, previous generation, temp files: `syncIgnorePatterns`) are
 * never synchronised, as the documented `.stignore` does.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Side } from './model';

export type DeliveryMode = 'atomic' | 'gap' | 'torn';
export type ConflictNaming = 'syncthing' | 'dropbox';

/** A version vector: per side, how many changes of the file it made. */
type Versions = Record<Side, number>;

interface Known {
  /** SHA-256 of the content, or null when the file was removed. */
  readonly hash: string | null;
  readonly versions: Versions;
  /** When the change was noticed (the simulated clock): the later one wins a conflict. */
  readonly mtime: number;
}

interface Delivery {
  readonly to: Side;
  readonly name: string;
  /** The content to write, or null to remove the file. */
  readonly bytes: Uint8Array | null;
  versions: Versions;
  readonly mtime: number;
  readonly mode: DeliveryMode;
  /** Steps until it starts (stage 0) or finishes (stage 1). */
  due: number;
  stage: 0 | 1;
  /** Stage 1: the temp file (gap) or the part written (torn). */
  temp?: string;
  partial?: Uint8Array;
}

export interface FakeSyncOptions {
  readonly folders: Readonly<Record<Side, string>>;
  readonly random: () => number;
  /** The simulated clock (Unix ms): conflict-copy names and which change is newer. */
  readonly now: () => number;
  /** Names kept out of the sync (the vault's own lock, previous generation and temp files). */
  readonly ignored: (name: string) => boolean;
  readonly naming: ConflictNaming;
  /** What each side's conflict copies call it: a 7-character device id (Syncthing) or a user (Dropbox). */
  readonly deviceNames: Readonly<Record<Side, string>>;
  /** Modes to choose from (default all three). */
  readonly modes?: readonly DeliveryMode[];
}

export interface FakeSyncFigures {
  deliveries: number;
  gaps: number;
  torn: number;
  conflicts: number;
  /** Conflicts because the file changed while the tool was writing it. */
  conflictsWhileWriting: number;
}

const OWN_TEMP = /^\.fake-sync\..*\.tmp$/;
const other = (side: Side): Side => (side === 'A' ? 'B' : 'A');
const hashOf = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : createHash('sha256').update(bytes).digest('hex');

function dominates(a: Versions, b: Versions): boolean {
  return a.A >= b.A && a.B >= b.B;
}
function joined(a: Versions, b: Versions): Versions {
  return { A: Math.max(a.A, b.A), B: Math.max(a.B, b.B) };
}

async function readOrNull(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export class FakeSync {
  online = true;
  readonly figures: FakeSyncFigures = { deliveries: 0, gaps: 0, torn: 0, conflicts: 0, conflictsWhileWriting: 0 };
  readonly copiesMade: string[] = [];
  readonly #known: Record<Side, Map<string, Known>> = { A: new Map(), B: new Map() };
  readonly #pending: Delivery[] = [];

  constructor(private readonly o: FakeSyncOptions) {}

  /** Whether a delivery of `name` to `side` is half done (the file missing or torn there now). */
  inProgress(side: Side, name: string): boolean {
    return this.#pending.some((d) => d.to === side && d.name === name && d.stage === 1);
  }

  /** Whether anything is still to deliver. */
  get busy(): boolean {
    return this.#pending.length > 0;
  }

  /** Notices what changed in `side`'s folder and queues it for the other side. */
  async scan(side: Side): Promise<void> {
    const folder = this.o.folders[side];
    const known = this.#known[side];
    const names = (await readdir(folder)).filter((n) => !this.o.ignored(n) && !OWN_TEMP.test(n));
    const busy = (name: string) => this.#pending.some((d) => d.to === side && d.name === name && d.stage === 1);
    for (const name of names) {
      if (busy(name)) continue;
      const bytes = await readOrNull(path.join(folder, name));
      if (bytes === null) continue;
      this.#noteLocal(side, name, bytes);
    }
    for (const [name, k] of known) {
      if (k.hash === null || names.includes(name) || busy(name)) continue;
      this.#noteLocal(side, name, null);
    }
  }

  /**
   * One step of the tool: every waiting delivery comes one step closer, and one that is due runs.
   * Offline, only the writes already begun go on (the tool finishes writing what it has).
   */
  async step(): Promise<void> {
    const moving = this.#pending.filter((d) => (this.online || d.stage === 1) && !this.#blocked(d));
    for (const d of moving) d.due--;
    const due = moving.filter((d) => d.due <= 0);
    if (due.length === 0) return;
    await this.#advance(due[Math.floor(this.o.random() * due.length)]!);
  }

  /** A reader on `side` is waiting for a missing file: the renames into place there happen now. */
  async finishWaiting(side: Side): Promise<void> {
    for (const d of this.#pending.filter((x) => x.to === side && x.stage === 1 && x.mode === 'gap')) {
      await this.#advance(d);
    }
  }

  /** Online, scans both sides and delivers everything until nothing changes. */
  async flush(): Promise<void> {
    this.online = true;
    for (let round = 0; round < 100; round++) {
      await this.scan('A');
      await this.scan('B');
      if (this.#pending.length === 0) return;
      while (this.#pending.length > 0) await this.#advance(this.#pending.find((d) => !this.#blocked(d))!);
    }
    throw new Error('The simulated sync did not settle in 100 rounds.');
  }

  #noteLocal(side: Side, name: string, bytes: Uint8Array | null): void {
    const known = this.#known[side];
    const before = known.get(name);
    const hash = hashOf(bytes);
    if (before && before.hash === hash) return;
    if (!before && bytes === null) return;
    const base = before?.versions ?? { A: 0, B: 0 };
    const versions = { ...base, [side]: base[side] + 1 };
    const mtime = this.o.now();
    known.set(name, { hash, versions, mtime });
    this.#queue(other(side), name, bytes, versions, mtime);
  }

  #queue(to: Side, name: string, bytes: Uint8Array | null, versions: Versions, mtime: number): void {
    // A newer version of a file supersedes one queued but not started.
    const waiting = this.#pending.findIndex((d) => d.to === to && d.name === name && d.stage === 0);
    if (waiting >= 0) this.#pending.splice(waiting, 1);
    const modes = this.o.modes ?? ['atomic', 'gap', 'torn'];
    this.#pending.push({
      to,
      name,
      bytes,
      versions,
      mtime,
      mode: modes[Math.floor(this.o.random() * modes.length)]!,
      due: 1 + Math.floor(this.o.random() * 4),
      stage: 0,
    });
  }

  /** A delivery waits while the tool is still writing another version of the same file there. */
  #blocked(d: Delivery): boolean {
    return d.stage === 0 && this.#pending.some((x) => x !== d && x.to === d.to && x.name === d.name && x.stage === 1);
  }

  #done(d: Delivery): void {
    const i = this.#pending.indexOf(d);
    if (i >= 0) this.#pending.splice(i, 1);
  }

  async #advance(d: Delivery): Promise<void> {
    if (d.stage === 1) return this.#finish(d);
    const file = path.join(this.o.folders[d.to], d.name);
    // A change on the receiving side that was not scanned yet is a local change: notice it first.
    const current = await readOrNull(file);
    const local0 = this.#known[d.to].get(d.name);
    if (hashOf(current) !== (local0?.hash ?? null)) this.#noteLocal(d.to, d.name, current);
    const local = this.#known[d.to].get(d.name);

    if (local && dominates(local.versions, d.versions)) return this.#done(d); // stale
    if (local && local.hash === hashOf(d.bytes)) {
      // The same content (both removed it, say): nothing to write.
      this.#known[d.to].set(d.name, { ...local, versions: joined(local.versions, d.versions) });
      return this.#done(d);
    }
    const concurrent = local !== undefined && !dominates(d.versions, local.versions);
    if (concurrent) {
      this.figures.conflicts++;
      const incomingWins =
        local.hash === null ||
        (d.bytes !== null && (d.mtime > local.mtime || (d.mtime === local.mtime && d.to === 'A')));
      if (!incomingWins) {
        // Ours keeps the name; the incoming content becomes a copy (a removal makes none), and ours,
        // now newer than both, goes back to the other side.
        if (d.bytes !== null) await this.#conflictCopy(d.to, d.name, d.bytes, d.to);
        const versions = {
          ...joined(local.versions, d.versions),
          [d.to]: Math.max(local.versions[d.to], d.versions[d.to]) + 1,
        };
        this.#known[d.to].set(d.name, { ...local, versions });
        this.#done(d);
        this.#queue(other(d.to), d.name, current, versions, local.mtime);
        return;
      }
      if (current !== null) await this.#conflictCopy(d.to, d.name, current, other(d.to));
    }
    const versions = local ? joined(local.versions, d.versions) : d.versions;
    if (d.bytes === null) {
      await unlink(file).catch(() => undefined);
      this.#known[d.to].set(d.name, { hash: null, versions, mtime: d.mtime });
      this.figures.deliveries++;
      return this.#done(d);
    }
    if (d.mode === 'atomic' || current === null) {
      const temp = path.join(this.o.folders[d.to], `.fake-sync.${d.name}.tmp`);
      await writeFile(temp, d.bytes);
      await rename(temp, file);
      this.#known[d.to].set(d.name, { hash: hashOf(d.bytes), versions, mtime: d.mtime });
      this.figures.deliveries++;
      return this.#done(d);
    }
    // Two-stage writes: the file is missing (gap) or torn until the delivery finishes.
    d.versions = versions;
    d.stage = 1;
    d.due = 1 + Math.floor(this.o.random() * 4);
    if (d.mode === 'gap') {
      this.figures.gaps++;
      d.temp = path.join(this.o.folders[d.to], `.fake-sync.${d.name}.tmp`);
      await writeFile(d.temp, d.bytes);
      await unlink(file);
    } else {
      this.figures.torn++;
      d.partial = d.bytes.slice(0, 1 + Math.floor(this.o.random() * (d.bytes.length - 1)));
      await writeFile(file, d.partial);
    }
    this.#known[d.to].set(d.name, { hash: hashOf(d.mode === 'gap' ? null : d.partial!), versions, mtime: d.mtime });
  }

  async #finish(d: Delivery): Promise<void> {
    const file = path.join(this.o.folders[d.to], d.name);
    const current = await readOrNull(file);
    const expected = d.mode === 'gap' ? null : d.partial!;
    this.#done(d);
    if (hashOf(current) !== hashOf(expected)) {
      // Someone wrote the file while the tool was writing it: theirs is the newer change; the
      // tool's content becomes a conflict copy, and the next scan sends theirs on.
      this.figures.conflicts++;
      this.figures.conflictsWhileWriting++;
      await this.#conflictCopy(d.to, d.name, d.bytes!, d.to);
      if (d.temp) await unlink(d.temp).catch(() => undefined);
      const k = this.#known[d.to].get(d.name)!;
      this.#known[d.to].set(d.name, { ...k, hash: '(changed while written)' });
      return;
    }
    if (d.mode === 'gap') await rename(d.temp!, file);
    else await writeFile(file, d.bytes!);
    const k = this.#known[d.to].get(d.name)!;
    this.#known[d.to].set(d.name, { ...k, hash: hashOf(d.bytes) });
    this.figures.deliveries++;
  }

  /** Writes `bytes` as a conflict copy of `name` on `side`; `winner` is the side whose change kept the name. */
  async #conflictCopy(side: Side, name: string, bytes: Uint8Array, winner: Side): Promise<void> {
    const folder = this.o.folders[side];
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    const taken = new Set(await readdir(folder));
    const iso = (t: number) => new Date(t).toISOString();
    let copy = '';
    for (let n = 0; copy === '' || taken.has(copy); n++) {
      if (this.o.naming === 'syncthing') {
        const t = iso(this.o.now() + n * 1000);
        const stamp = `${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}`;
        copy = `${stem}.sync-conflict-${stamp}-${this.o.deviceNames[winner]}${ext}`;
      } else {
        const day = iso(this.o.now()).slice(0, 10);
        const user = this.o.deviceNames[side];
        copy = `${stem} (${user}'s conflicted copy ${day}${n === 0 ? '' : ` (${n})`})${ext}`;
      }
    }
    await writeFile(path.join(folder, copy), bytes);
    this.copiesMade.push(copy);
  }
}
