// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue #18's simulated-sync test: the fast variant of test/sync/two-computers.test.ts. Two
 * computers, each with its own folder and an open vault session (as the desktop app keeps one:
 * it follows the file with `reloadIfChangedOnDisk` and absorbs conflict copies with
 * `absorbConflictCopies`), edit one vault while a simulated sync tool (test/sync/fake-sync.ts)
 * copies files between the folders with random delays, whole or torn, briefly deleting the vault
 * before renaming the new one in, and making Syncthing- or Dropbox-style conflict copies when both
 * changed; now and then the computers are offline from each other. Everything runs on one
 * simulated clock and one seeded PRNG, so a seed replays exactly; fast-check runs a few seeds.
 *
 * At the end the sync is flushed and each side follows the file and absorbs copies until both
 * folders hold the same vault and no copy; then the vault is checked against the journal of every
 * operation (test/sync/model.ts says what the model asserts: membership exactly, last writer per
 * part, no notes lost to a conflict, HOTP counters never back, every failure explained). Besides:
 * a session that read the vault while it was torn or missing kept its state (a torn vault is never
 * taken as valid), and a change refused at that moment is the only failure allowed beside an
 * account removed on the other side.
 *
 * TESSERA_SIM_SYNC_RUNS and TESSERA_SIM_SYNC_STEPS scale it (default 3 runs of 240 steps);
 * TESSERA_SIM_SYNC_SEED replays one seed.
 */
import fc from 'fast-check';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntryPatch } from '../../../electron/domain';
import { absorbConflictCopies } from '../../../electron/services/conflict-absorber';
import {
  createInlineKdf,
  createVault,
  KDF_FLOOR,
  unlockVault,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { syncIgnorePatterns } from '../../../electron/vault/conflict-copies';
import { FakeSync, type FakeSyncFigures } from '../../sync/fake-sync';
import {
  checkAgainstJournal,
  effectivePatch,
  NOT_FOUND,
  pick,
  randomTags,
  seededRandom,
  SIDES,
  SyncJournal,
  type CheckFigures,
  type Part,
  type PartValue,
  type Side,
} from '../../sync/model';
import { ignoreMatcher } from '../../sync/syncthing';

const VAULT = 'vault.tessera';
const PASSWORD = 'simulated sync password';
const RUNS = Number(process.env.TESSERA_SIM_SYNC_RUNS ?? 3);
const STEPS = Number(process.env.TESSERA_SIM_SYNC_STEPS ?? 240);
const REPLAY = process.env.TESSERA_SIM_SYNC_SEED;
const kdf = createInlineKdf();
const ignored = ignoreMatcher(syncIgnorePatterns(VAULT).syncthing);

interface Outcome {
  readonly problems: string[];
  readonly figures: CheckFigures;
  readonly sync: FakeSyncFigures;
  readonly copiesAbsorbed: number;
  readonly readsWhileReplaced: number;
  readonly sessionsReopened: number;
  /** Copies left for next time because the sync tool was still writing them or the vault. */
  readonly copiesHalfWritten: number;
  readonly epochs: number;
  readonly rounds: number | null;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** JSON with object keys sorted, so that two equal values give one text whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** What a session holds, to compare (secrets as hex). */
function stateOf(vault: UnlockedVault): string {
  return canonical(vault.entries().map((e) => ({ ...e, secret: Buffer.from(e.secret).toString('hex') })));
}

async function scenario(seed: number, steps: number): Promise<Outcome> {
  const random = seededRandom(seed);
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-simsync-'));
  try {
    const folders = { A: path.join(dir, 'A'), B: path.join(dir, 'B') };
    const backups = { A: path.join(dir, 'A-backups'), B: path.join(dir, 'B-backups') };
    await Promise.all(SIDES.map((s) => mkdir(folders[s])));
    let t = 1_800_000_000_000;
    const now = () => t;
    const naming = random() < 0.5 ? 'syncthing' : 'dropbox';
    const sync = new FakeSync({
      folders,
      random: seededRandom(seed ^ 0x5eed5),
      now,
      ignored,
      naming,
      deviceNames: naming === 'syncthing' ? { A: 'ABCDEF2', B: 'QRSTUV7' } : { A: 'Computer A', B: 'Computer B' },
    });
    const options = (side: Side): VaultOptions => ({
      path: path.join(folders[side], VAULT),
      kdf,
      kdfParams: KDF_FLOOR,
      now,
      // Waiting for a missing vault moves the clock, and lets the sync tool finish its rename.
      sleep: async (ms: number) => {
        t += ms;
        await sync.finishWaiting(side);
      },
    });

    const journal = new SyncJournal();
    const problems: string[] = [];
    let copiesAbsorbed = 0;
    let readsWhileReplaced = 0;
    let sessionsReopened = 0;
    let copiesHalfWritten = 0;
    const nextAccount = { A: 0, B: 0 };

    const sessions: Record<Side, UnlockedVault | null> = { A: await createVault(options('A'), PASSWORD), B: null };
    await sync.flush();
    sessions.B = await unlockVault(options('B'), PASSWORD);

    /** The open session of `side`, unlocked again if it locked itself; null while the file cannot be opened. */
    const session = async (side: Side): Promise<UnlockedVault | null> => {
      const open = sessions[side];
      if (open && !open.locked) return open;
      try {
        sessions[side] = await unlockVault(options(side), PASSWORD);
        sessionsReopened++;
        return sessions[side];
      } catch {
        return null;
      }
    };

    /**
     * As the app does: follow the file, absorb copies. Problems only for what must never happen.
     * Returns whether the session changed.
     */
    const follow = async (side: Side, vault: UnlockedVault, always: boolean): Promise<boolean> => {
      let changed = false;
      if (always || random() < 0.5) {
        const replaced = sync.inProgress(side, VAULT);
        const before = stateOf(vault);
        try {
          changed = await vault.reloadIfChangedOnDisk();
        } catch (error) {
          if (always) problems.push(`${side}: following the vault failed at the end: ${message(error)}`);
          else if (!replaced) problems.push(`${side}: following the vault failed: ${message(error)}`);
          if (!vault.locked && stateOf(vault) !== before) {
            problems.push(`${side}: a reload that failed changed the session (${message(error)}).`);
          }
        }
        if (replaced) readsWhileReplaced++;
      }
      if ((always || random() < 0.5) && !vault.locked) {
        try {
          const result = await absorbConflictCopies({
            vault,
            backupsFolder: backups[side],
            now,
            settleMs: 0,
            wait: async () => undefined,
          });
          copiesAbsorbed += result.merged.length;
          changed ||= result.merged.length > 0;
          for (const f of result.failed) {
            // A copy the sync tool is still writing (torn), or any copy while it is still writing the
            // vault, is left for next time: right, unless at the end.
            const writing = sync.inProgress(side, path.basename(f.file)) || sync.inProgress(side, VAULT);
            if (!always && writing) copiesHalfWritten++;
            else problems.push(`${side}: a copy was not absorbed: ${f.file}: ${f.message}`);
          }
        } catch (error) {
          if (always || !sync.inProgress(side, VAULT))
            problems.push(`${side}: absorbing copies failed: ${message(error)}`);
        }
      }
      return changed;
    };

    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

    /** One action of the person at computer `side`. */
    const act = async (side: Side): Promise<void> => {
      const vault = await session(side);
      if (!vault) return;
      await follow(side, vault, false);
      if (vault.locked) return;
      const entries = vault.entries();
      const hotps = entries.filter((e) => e.type === 'hotp' && journal.accounts.has(e.account));
      const known = entries.filter((e) => journal.accounts.has(e.account));
      const start = t;
      const span = () => ({ start, end: t });
      const roll = random();
      let account: string | null = null;
      let kind: 'add' | 'edit' | 'remove' | 'code' = 'add';
      try {
        if (known.length < 2 || (roll < 0.25 && journal.alive().length < 10)) {
          const n = ++nextAccount[side];
          account = `acct-${side}-${String(n).padStart(4, '0')}`;
          const type = random() < 0.5 ? 'hotp' : 'totp';
          const digits = type === 'hotp' ? 8 : 6;
          const secret = bytes(20);
          const issuer = `Issuer ${side}${n}`;
          const tags = randomTags(random);
          await vault.add([
            {
              type,
              algorithm: 'SHA1',
              digits,
              period: type === 'totp' ? 30 : null,
              counter: type === 'hotp' ? 0 : null,
              secret,
              issuer,
              account,
              tags,
            },
          ]);
          journal.added(side, span(), { account, issuer, tags, type, digits, secret });
        } else if (roll < 0.55) {
          kind = 'edit';
          // Edits prefer one account both sides know (the oldest), so that they meet on it.
          const oldest = [...known].sort((x, y) => (x.account < y.account ? -1 : 1))[0]!;
          const target = random() < 0.4 ? oldest : pick(random, known);
          account = target.account;
          const patch: Partial<Record<Part, PartValue>> = {};
          const change: { -readonly [K in keyof EntryPatch]: EntryPatch[K] } = {};
          if (random() < 0.45) change.issuer = patch.names = `Issuer ${side}${start}`;
          if (random() < 0.45) change.tags = (patch.tags = randomTags(random)) as string[];
          if (random() < 0.45) change.favourite = patch.favourite = random() < 0.5;
          if (random() < 0.45 || Object.keys(patch).length === 0) {
            change.notes = patch.notes = `notes ${side}${start} ${Buffer.from(bytes(3)).toString('hex')}`;
          }
          const updated = await vault.update(target.id, change);
          journal.edited(side, span(), account, effectivePatch(patch, updated.changed, start));
        } else if (roll < 0.65) {
          kind = 'remove';
          const target = pick(random, known);
          account = target.account;
          await vault.remove(target.id);
          journal.removed(side, span(), account);
        } else if (roll < 0.85 && hotps.length > 0) {
          kind = 'code';
          const target = pick(random, hotps);
          account = target.account;
          const used = target.counter ?? 0;
          await vault.setCounter(target.id, used + 1);
          journal.counterUsed(side, span(), account, used);
        }
      } catch (error) {
        const text = message(error);
        const why = NOT_FOUND.test(text) ? 'not-found' : sync.inProgress(side, VAULT) ? 'file-being-replaced' : 'other';
        journal.failed({ side, kind, account, why, exitCode: null, message: text, ...span() });
      }
    };

    /**
     * The computers meet: the sync delivers everything, each side follows and absorbs, until both
     * hold one vault and no copy and a round changes neither session. Returns the rounds it took,
     * or null if it did not settle in 20. Afterwards each session holds everything written before.
     */
    const meet = async (): Promise<number | null> => {
      for (let round = 1; round <= 20; round++) {
        t += 1000;
        await sync.flush();
        let changed = false;
        for (const side of SIDES) {
          const vault = await session(side);
          if (!vault) problems.push(`${side}: the vault does not open after a full sync.`);
          else changed = (await follow(side, vault, true)) || changed;
          await sync.flush();
        }
        const files = await Promise.all(SIDES.map((s) => readFile(path.join(folders[s], VAULT))));
        const copies = (await Promise.all(SIDES.map((s) => readdir(folders[s]))))
          .flat()
          .filter((n) => n !== VAULT && n.endsWith('.tessera'));
        if (!changed && files[0]!.equals(files[1]!) && copies.length === 0 && !sync.busy) {
          journal.met(t);
          return round;
        }
      }
      return null;
    };

    let offlineSince: number | null = null;
    for (let i = 0; i < steps; i++) {
      t += 5 + Math.floor(random() * 150);
      const roll = random();
      if (roll < 0.17) await act('A');
      else if (roll < 0.34) await act('B');
      else if (roll < 0.36) {
        if (offlineSince === null) {
          offlineSince = t;
          sync.online = false;
        } else {
          journal.isolated({ start: offlineSince, end: t });
          offlineSince = null;
          sync.online = true;
          // Half the time the computers meet fully at once (the model can then tell more).
          if (random() < 0.5 && (await meet()) === null) problems.push('A full sync did not settle in 20 rounds.');
        }
      } else if (roll < 0.56) await sync.scan(random() < 0.5 ? 'A' : 'B');
      else await sync.step();
    }
    if (offlineSince !== null) journal.isolated({ start: offlineSince, end: t });

    const rounds = await meet();
    if (rounds === null) problems.push('The two folders did not settle on one vault and no copy in 20 rounds.');
    const [a, b] = [sessions.A, sessions.B];
    if (a && b && !a.locked && !b.locked && stateOf(a) !== stateOf(b)) {
      const [x, y] = [JSON.parse(stateOf(a)) as unknown[], JSON.parse(stateOf(b)) as unknown[]];
      const differing = x.map((e, i) => [e, y[i]]).filter(([p, q]) => canonical(p) !== canonical(q));
      problems.push(
        `The two computers' open sessions differ at the end (${x.length} and ${y.length} accounts; first differing: ` +
          `${JSON.stringify(differing[0])}).`,
      );
    }

    const final = await unlockVault({ path: path.join(folders.A, VAULT), kdf, kdfParams: KDF_FLOOR, now }, PASSWORD);
    const finals = final.entries().map((e) => ({
      account: e.account,
      issuer: e.issuer,
      tags: [...e.tags],
      favourite: e.favourite,
      notes: e.notes,
      conflictNotes: [...e.conflictNotes],
      counter: e.counter,
    }));
    final.lock();
    const checked = checkAgainstJournal(journal, finals);
    for (const s of SIDES) sessions[s]?.lock();
    return {
      problems: [...problems, ...checked.problems],
      figures: checked.figures,
      sync: sync.figures,
      copiesAbsorbed,
      readsWhileReplaced,
      sessionsReopened,
      copiesHalfWritten,
      epochs: journal.epochs.length,
      rounds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('one vault on two computers over a simulated sync tool', () => {
  it('ends with one vault on both, equal to the journal of both computers’ edits, every copy absorbed', async () => {
    const outcomes: (Outcome & { seed: number })[] = [];
    const check = async (seed: number): Promise<void> => {
      const outcome = await scenario(seed, STEPS);
      outcomes.push({ ...outcome, seed });
      if (outcome.problems.length) {
        throw new Error(`seed ${seed} (TESSERA_SIM_SYNC_SEED=${seed} replays it):\n  ${outcome.problems.join('\n  ')}`);
      }
    };
    const started = Date.now();
    try {
      if (REPLAY) await check(Number(REPLAY));
      else
        await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), check), {
          numRuns: RUNS,
          endOnFailure: true,
        });
    } finally {
      const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
      console.log(
        `[sync] simulated: ${outcomes.length} run(s) of ${STEPS} steps in ${Date.now() - started} ms; ` +
          `deliveries ${sum((o) => o.sync.deliveries)}, gaps ${sum((o) => o.sync.gaps)}, torn ${sum((o) => o.sync.torn)}, ` +
          `conflicts ${sum((o) => o.sync.conflicts)} (${sum((o) => o.sync.conflictsWhileWriting)} while writing), ` +
          `copies absorbed ${sum((o) => o.copiesAbsorbed)}, reads while replaced ${sum((o) => o.readsWhileReplaced)}, ` +
          `sessions reopened ${sum((o) => o.sessionsReopened)}, copies left while being written ${sum((o) => o.copiesHalfWritten)}, offline epochs ${sum((o) => o.epochs)}, ` +
          `concurrent notes ${sum((o) => o.figures.concurrentNotes)}, refused while replaced ${sum((o) => o.figures.refusedWhileReplaced)}, ` +
          `settle rounds ${outcomes.map((o) => o.rounds).join('/')}`,
      );
    }
    // The runs exercised what they are for.
    const total = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
    expect(total((o) => o.sync.conflicts)).toBeGreaterThan(0);
    expect(total((o) => o.copiesAbsorbed)).toBeGreaterThan(0);
    expect(total((o) => o.sync.gaps + o.sync.torn)).toBeGreaterThan(0);
    expect(total((o) => o.epochs)).toBeGreaterThan(0);
  }, 180_000);
});
