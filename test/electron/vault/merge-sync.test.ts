// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Random interleavings of two computers' edits and a sync tool's deliveries (one file copied over
 * the other, the receiver reloading at once or only merging at its next save), through real
 * sessions on real files. Once both have received each other's last file and reloaded, they hold
 * the same state, and it is the merge of what each held before (merge.ts): nothing either did is
 * lost, except by a deletion, and nothing deleted comes back.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, type UnlockedVault, type VaultOptions } from '../../../electron/vault';
import { mergeVaultStates, type VaultState } from '../../../electron/vault/merge';
import { fastOptions, hotpEntry, makeTempDir, totpEntry } from './helpers/fakes';
import { ISSUERS, NOTES, snapshot, stateDifference, TAG_LISTS } from './merge-arbitraries';

const PASSWORD = 'correct horse battery staple';
const T0 = Date.UTC(2026, 5, 1);

type Op =
  | { readonly kind: 'add'; readonly hotp: boolean; readonly issuer: number }
  | { readonly kind: 'rename'; readonly pick: number; readonly issuer: number }
  | { readonly kind: 'notes'; readonly pick: number; readonly notes: number }
  | { readonly kind: 'tags'; readonly pick: number; readonly tags: number }
  | { readonly kind: 'favourite'; readonly pick: number }
  | { readonly kind: 'counter'; readonly pick: number; readonly by: number }
  | { readonly kind: 'delete'; readonly pick: number }
  /**
   * The sync tool delivers this computer's file to the other one, which reloads at once or not.
   * A careless tool (the newest file wins, no conflict copies) overwrites the other file even when
   * it changed too; it is used only while the app there runs, which holds what it saved.
   */
  | { readonly kind: 'sync'; readonly reload: boolean; readonly careless: boolean }
  /**
   * The app on this computer notices its file (a reload) and quits; it unlocks again at this
   * computer's next step. Meanwhile only its file stands for it.
   */
  | { readonly kind: 'quit' };

interface Step {
  readonly who: 0 | 1;
  /** How far that computer's clock moves first (it may go back). */
  readonly tick: number;
  readonly op: Op;
}

const pick = fc.nat(20);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), hotp: fc.boolean(), issuer: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), pick, issuer: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('notes' as const), pick, notes: fc.nat(NOTES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tags' as const), pick, tags: fc.nat(TAG_LISTS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('favourite' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('counter' as const), pick, by: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), reload: fc.boolean(), careless: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('quit' as const) }) },
);
const stepArb: fc.Arbitrary<Step> = fc.record({
  who: fc.constantFrom<0 | 1>(0, 1),
  tick: fc.oneof(fc.constant(1), fc.integer({ min: -60_000, max: 600_000 })),
  op: opArb,
});

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('tessera-merge-sync-');
});
afterEach(() => tmp.cleanup());

interface Side {
  readonly index: 0 | 1;
  readonly opts: VaultOptions;
  readonly dir: string;
  clock: number;
  /** Null while the app on this computer is closed. */
  vault: UnlockedVault | null;
  /** The sync tool's version vector of this computer's file (saves made here and there). */
  version: [number, number];
  /** The file's digest when the tool last looked: a different one is a save made here. */
  seen: string;
  /** Conflict copies the tool left beside the file, waiting for the app to absorb them. */
  copies: Uint8Array[];
}

/** The side's session, unlocking its file first when the app was closed, then absorbing conflict copies. */
async function session(side: Side): Promise<UnlockedVault> {
  side.vault ??= await unlockVault(side.opts, PASSWORD);
  for (const copy of side.copies.splice(0)) await side.vault.mergeCopy(copy);
  return side.vault;
}

let runs = 0;

/** A deep copy of what a session holds (its buffers are wiped on lock or by its next save). */
function stateOf(v: UnlockedVault): VaultState {
  return snapshot({ entries: v.entries(), tombstones: v.tombstones(), icons: v.icons() });
}

function digestOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The tool notices saves made on a computer since it last looked (a new version there). */
function noteSaves(sides: readonly Side[]): void {
  for (const side of sides) {
    const now = digestOf(side.opts.path);
    if (now !== side.seen) {
      side.version[side.index]++;
      side.seen = now;
    }
  }
}

/**
 * The sync tool sends `from`'s file to `to`, as Syncthing decides by version vectors: a newer file
 * replaces the older; an older one is not sent; two concurrent ones make a conflict: the incoming
 * file takes the name and the one it replaced is kept as a conflict copy (for the app to absorb).
 */
function deliver(from: Side, to: Side, careless = false): void {
  noteSaves([from, to]);
  const [f, t] = [from.version, to.version];
  const fromNewer = f[0] >= t[0] && f[1] >= t[1];
  const toNewer = t[0] >= f[0] && t[1] >= f[1];
  if (careless && to.vault !== null) {
    if (digestOf(from.opts.path) === digestOf(to.opts.path)) return;
  } else {
    if (toNewer) return; // older, or the same version
    if (!fromNewer) to.copies.push(new Uint8Array(readFileSync(to.opts.path)));
  }
  const temp = path.join(to.dir, '.sync.tmp');
  writeFileSync(temp, readFileSync(from.opts.path));
  renameSync(temp, to.opts.path);
  to.version = [Math.max(f[0], t[0]), Math.max(f[1], t[1])];
  to.seen = digestOf(to.opts.path);
}

async function apply(side: Side, op: Op, other: Side, deleted: Set<string>, created: Set<string>): Promise<void> {
  if (op.kind === 'sync') {
    // The tool runs whether or not the app is open here.
    deliver(side, other, op.careless);
    if (op.reload && other.vault) {
      await other.vault.reloadIfChangedOnDisk();
      await session(other);
    }
    return;
  }
  const v = await session(side);
  const entries = v.entries();
  const target = entries.length > 0 && 'pick' in op ? entries[op.pick % entries.length] : undefined;
  switch (op.kind) {
    case 'add': {
      const issuer = `${ISSUERS[op.issuer] ?? ''}${created.size}`;
      const [added] = await v.add([op.hotp ? hotpEntry({ issuer }) : totpEntry({ issuer })]);
      created.add(added!.id);
      return;
    }
    case 'quit':
      await v.reloadIfChangedOnDisk();
      v.lock();
      side.vault = null;
      return;
    default:
      break;
  }
  if (!target) return;
  switch (op.kind) {
    case 'rename':
      await v.update(target.id, { issuer: `${ISSUERS[op.issuer] ?? ''}!` });
      return;
    case 'notes':
      await v.update(target.id, { notes: NOTES[op.notes] ?? '' });
      return;
    case 'tags':
      await v.update(target.id, { tags: [...(TAG_LISTS[op.tags] ?? [])] });
      return;
    case 'favourite':
      await v.update(target.id, { favourite: !target.favourite });
      return;
    case 'counter':
      if (target.type === 'hotp') await v.setCounter(target.id, (target.counter ?? 0) + op.by);
      return;
    case 'delete':
      await v.remove(target.id);
      deleted.add(target.id);
      return;
  }
}

/**
 * Runs the steps; an edit of an account the other computer deleted meanwhile (delivered but not
 * yet reloaded) is refused by the save, as it must be, and counts as not made.
 */
async function run(steps: readonly Step[]): Promise<void> {
  const root = path.join(tmp.dir, `run-${++runs}`);
  const sides = ([0, 1] as const).map((index): Side => {
    const dir = path.join(root, `c${index}`);
    const side: Side = {
      index,
      dir,
      clock: T0 + index * 37,
      opts: fastOptions(dir, { now: () => side.clock }),
      vault: null,
      version: [0, 0],
      seen: '',
      copies: [],
    };
    return side;
  });
  const [a, b] = sides as [Side, Side];
  const made = await createVault(a.opts, PASSWORD);
  made.lock();
  mkdirSync(b.dir, { recursive: true });
  writeFileSync(b.opts.path, readFileSync(a.opts.path));
  for (const side of sides) side.seen = digestOf(side.opts.path);
  // Both apps are running to begin with.
  await session(a);
  await session(b);
  const created = new Set<string>();
  const deleted = new Set<string>();
  try {
    for (const step of steps) {
      const side = sides[step.who]!;
      side.clock = Math.max(0, side.clock + step.tick);
      try {
        await apply(side, step.op, sides[1 - step.who]!, deleted, created);
      } catch (error) {
        if (!(error instanceof Error && /not in the vault/.test(error.message))) throw error;
      }
      noteSaves(sides);
    }
    const beforeA = stateOf(await session(a));
    const beforeB = stateOf(await session(b));
    noteSaves(sides);
    const expected = mergeVaultStates(beforeA, beforeB);
    const [A, B] = [await session(a), await session(b)];
    // Each app notices its own file (what its watcher does), then the tool delivers both ways
    // until it has nothing left to send, the apps absorbing any conflict copy as it appears.
    for (let round = 0; round < 4; round++) {
      await A.reloadIfChangedOnDisk();
      await B.reloadIfChangedOnDisk();
      deliver(a, b);
      await B.reloadIfChangedOnDisk();
      await session(b);
      deliver(b, a);
      await A.reloadIfChangedOnDisk();
      await session(a);
      noteSaves(sides);
    }
    expect(digestOf(a.opts.path)).toBe(digestOf(b.opts.path));

    expect(stateDifference(stateOf(A), stateOf(B))).toBeNull();
    expect(stateDifference(stateOf(B), expected)).toBeNull();
    // and the files agree with the sessions
    const fromDisk = await unlockVault(a.opts, PASSWORD);
    expect(stateDifference(stateOf(fromDisk), expected)).toBeNull();
    fromDisk.lock();
    const ids = new Set(A.entries().map((e) => e.id));
    for (const id of created) expect(ids.has(id), `account ${id}`).toBe(!deleted.has(id));
    // quiet: nothing more to merge on either side
    expect(await A.reloadIfChangedOnDisk()).toBe(false);
    expect(await B.reloadIfChangedOnDisk()).toBe(false);
  } finally {
    a.vault?.lock();
    b.vault?.lock();
  }
}

describe('two computers syncing one vault file', () => {
  it('keeps what a computer saved and quit with, though the other saves over its file before hearing of it', async () => {
    await run([
      { who: 0, tick: 1, op: { kind: 'add', hotp: false, issuer: 0 } },
      { who: 0, tick: 1, op: { kind: 'quit' } },
      { who: 0, tick: 1, op: { kind: 'sync', reload: false, careless: false } },
      { who: 1, tick: 1, op: { kind: 'add', hotp: false, issuer: 0 } },
      { who: 1, tick: 1, op: { kind: 'sync', reload: false, careless: false } },
    ]);
  });

  it('end with the same state, the merge of both, after any interleaving of edits and deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 30 }), (steps) => run(steps)),
      { numRuns: 150 },
    );
  }, 120_000);
});
