// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue #18's real sync test: one vault on two computers kept in step by real Syncthing.
 *
 * Two Syncthing instances (test/sync/syncthing.ts: 127.0.0.1 only, no discovery, relays, NAT
 * traversal or usage reports) share one folder holding one vault. Two drivers, one per replica,
 * each run `tessera` processes one after another on their own copy — add (unique account names),
 * edit (issuer, tags, notes, favourite), remove, take HOTP codes, list — chosen by a seeded PRNG,
 * with small random pauses, for TESSERA_SYNC_SECONDS (default 120). Meanwhile the shared folder is
 * paused on both sides now and then for a few seconds (the computers offline from each other), so
 * both save concurrently and Syncthing makes conflict copies when they meet again.
 *
 * Each computer has its own app data folder (HOME, XDG_CONFIG_HOME: usage counts, backups, KDF
 * parameters). The folder has the `.stignore` Tessera documents (syncIgnorePatterns): its lock,
 * previous generation and temp files stay on their computer. (Both "computers" run on one
 * machine: a synced lock file would look like a live local one here, which no real pair does.)
 *
 * The processes are the CLI's `main` built from the sources with the floor KDF
 * (tessera-process.ts); account edits, which the CLI has no command for, go through the same
 * vault-opening path (`withVault`) in that program.
 *
 * At the end — and after half the isolations, with the drivers held, so the model knows both sides
 * had merged everything by then — the computers meet: each side runs `tessera list` in turn (each
 * command absorbs the conflict copies it finds and saves the merge), until both copies are the
 * same file, no conflict copy of the vault is left in the folder, and both lists agree. Then the merged vault is checked
 * against the journal of every operation (model.ts says what the model can assert under
 * last-writer-wins, and why). Figures are printed as `[sync] two computers: …`.
 *
 * TESSERA_SYNC_SEED replays the same choice of operations (the timing, and so the interleaving,
 * is real and differs from run to run).
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Encode } from '../../electron/otp';
import { createInlineKdf, KDF_FLOOR, unlockVault } from '../../electron/vault';
import { syncIgnorePatterns } from '../../electron/vault/conflict-copies';
import { bundleTesseraProcess, runProcess, type CliBundle, type ProcessResult } from './cli-bundle';
import {
  checkAgainstJournal,
  effectivePatch,
  NOT_FOUND,
  pick,
  randomTags,
  seededRandom,
  SyncJournal,
  type FinalEntry,
  type OpKind,
  type Part,
  type PartValue,
  type Side,
} from './model';
import { locateSyncthing, startSyncthing, type SyncthingCluster } from './syncthing';

const syncthing = locateSyncthing();
const VAULT = 'vault.tessera';
const PASSWORD = 'two computers, one vault';
const SECONDS = Number(process.env.TESSERA_SYNC_SECONDS ?? 120);
const SEED = Number(process.env.TESSERA_SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Accounts alive beyond which adds give way to removals. */
const MAX_ACCOUNTS = 15;

/** A file in the folder that is a copy of the vault (a conflict copy, or another `*.tessera`). */
const isVaultCopy = (name: string): boolean => name !== VAULT && name.endsWith('.tessera');

interface Computer {
  readonly side: Side;
  readonly folder: string;
  /** HOME of its processes; its app data folder is `<home>/.config/Tessera`. */
  readonly home: string;
  readonly random: () => number;
  /** Accounts this side believes exist (its own adds, what its last list showed), minus its removals. */
  known: Set<string>;
  nextAccount: number;
  ops: number;
}

describe('two computers, one vault, real Syncthing', () => {
  let cluster: SyncthingCluster | undefined;
  let bundle: CliBundle | undefined;
  let base = '';

  beforeAll(async () => {
    bundle = await bundleTesseraProcess();
    base = await mkdtemp(path.join(tmpdir(), 'tessera-two-computers-'));
    if ('error' in syncthing) return;
    cluster = await startSyncthing({ binary: syncthing.path, ignore: syncIgnorePatterns(VAULT).syncthing });
  });

  afterAll(async () => {
    await cluster?.stop();
    await bundle?.remove();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it(
    `keeps every account both computers edit, equal on both, with every conflict copy absorbed (${SECONDS} s)`,
    async () => {
      if ('error' in syncthing) expect.fail(syncthing.error);
      if (!cluster || !bundle) expect.fail('The Syncthing instances did not start (see the error in beforeAll).');
      const c = cluster;
      const program = bundle.file;
      const journal = new SyncJournal();

      const computers: Computer[] = await Promise.all(
        (['A', 'B'] as const).map(async (side, i) => {
          const home = path.join(base, side);
          await mkdir(path.join(home, '.config'), { recursive: true });
          return {
            side,
            folder: c.instances[i]!.folder,
            home,
            random: seededRandom(SEED + i + 1),
            known: new Set<string>(),
            nextAccount: 0,
            ops: 0,
          };
        }),
      );
      const [a, b] = computers as [Computer, Computer];

      const processMs: number[] = [];
      const tessera = async (
        pc: Computer,
        argv: readonly string[],
        stdin = `${PASSWORD}\n`,
      ): Promise<ProcessResult> => {
        const r = await runProcess(program, [...argv, '--vault', path.join(pc.folder, VAULT), '--password-stdin'], {
          stdin,
          env: { HOME: pc.home, XDG_CONFIG_HOME: path.join(pc.home, '.config'), TZ: 'UTC' },
          cwd: pc.home,
        });
        processMs.push(r.end - r.start);
        return r;
      };
      const failed = (pc: Computer, kind: OpKind, account: string | null, r: ProcessResult) => {
        const notFound = (r.exitCode === 4 || r.exitCode === 1) && NOT_FOUND.test(r.stderr);
        journal.failed({
          side: pc.side,
          kind,
          account,
          why: notFound ? 'not-found' : 'other',
          exitCode: r.exitCode,
          // The error is the line `tessera: …` (other lines say what the command absorbed first).
          message: errorLine(r),
          start: r.start,
          end: r.end,
        });
        if (account !== null && notFound) pc.known.delete(account);
      };

      // The vault, made on A and delivered to B.
      const init = await tessera(a, ['init'], `${PASSWORD}\n${PASSWORD}\n`);
      expect(init.exitCode, init.stderr).toBe(0);
      await c.waitInSync(30_000);

      // --- the operations ---------------------------------------------------------------------
      const bytes = (random: () => number, n: number) =>
        Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
      const hex = (random: () => number) => Buffer.from(bytes(random, 3)).toString('hex');

      async function add(pc: Computer): Promise<void> {
        const n = ++pc.nextAccount;
        const account = `acct-${pc.side}-${String(n).padStart(4, '0')}`;
        const type = pc.random() < 0.5 ? 'hotp' : 'totp';
        const digits = type === 'hotp' ? 8 : 6;
        const secret = bytes(pc.random, 20);
        const issuer = `Issuer ${pc.side}${n}`;
        const tags = randomTags(pc.random);
        const r = await tessera(pc, [
          'add',
          '--secret',
          base32Encode(secret),
          '--issuer',
          issuer,
          '--account',
          account,
          '--type',
          type,
          '--digits',
          String(digits),
          ...tags.flatMap((t) => ['--tag', t]),
        ]);
        if (r.exitCode !== 0) return failed(pc, 'add', account, r);
        journal.added(pc.side, r, { account, issuer, tags, type, digits, secret });
        pc.known.add(account);
      }

      async function edit(pc: Computer, account: string): Promise<void> {
        const patch: Partial<Record<Part, PartValue>> = {};
        const argv = ['sync-edit', account];
        const each = () => pc.random() < 0.45;
        if (each()) argv.push('--issuer', (patch.names = `Issuer ${pc.side}${pc.ops}`));
        if (each()) argv.push('--tags', JSON.stringify((patch.tags = randomTags(pc.random))));
        if (each()) argv.push('--favourite', String((patch.favourite = pc.random() < 0.5)));
        if (each() || Object.keys(patch).length === 0) {
          argv.push('--notes', (patch.notes = `notes ${pc.side}${pc.ops} ${hex(pc.random)}`));
        }
        const r = await tessera(pc, argv);
        if (r.exitCode !== 0) return failed(pc, 'edit', account, r);
        const { changed } = JSON.parse(r.stdout) as { changed: Record<Part, number> };
        journal.edited(pc.side, r, account, effectivePatch(patch, changed, r.start));
      }

      async function remove(pc: Computer, account: string): Promise<void> {
        const r = await tessera(pc, ['remove', account, '--yes']);
        if (r.exitCode !== 0) return failed(pc, 'remove', account, r);
        journal.removed(pc.side, r, account);
        pc.known.delete(account);
      }

      async function code(pc: Computer, account: string): Promise<void> {
        const r = await tessera(pc, ['code', account, '--json']);
        if (r.exitCode !== 0) return failed(pc, 'code', account, r);
        const shown = (JSON.parse(r.stdout) as { codes: { code: string }[] }).codes;
        if (shown.length !== 1 || journal.codeShown(pc.side, r, account, shown[0]!.code) === null) {
          failed(pc, 'code', account, { ...r, stderr: `a code of no counter value 0–4095: ${r.stdout.trim()}` });
        }
      }

      async function list(pc: Computer): Promise<void> {
        const r = await tessera(pc, ['list', '--json']);
        if (r.exitCode !== 0) return failed(pc, 'list', null, r);
        journal.listed(pc.side);
        const listed = (JSON.parse(r.stdout) as { entries: { account: string }[] }).entries.map((e) => e.account);
        const own = [...pc.known].filter((acc) => {
          const record = journal.accounts.get(acc);
          return record?.addedBy === pc.side && !listed.includes(acc);
        });
        const removedHere = (acc: string) => journal.accounts.get(acc)?.removals.some((x) => x.side === pc.side);
        pc.known = new Set([...listed.filter((acc) => journal.accounts.has(acc) && !removedHere(acc)), ...own]);
      }

      /**
       * The computers meet: each side in turn runs `tessera list` (which absorbs the conflict copies
       * it finds and saves the merge) and Syncthing delivers it, until both copies are the same file,
       * no conflict copy of the vault is left, and both lists agree (at most 4 rounds).
       */
      async function meet(): Promise<{ rounds: number; lists: string[]; leftCopies: string[] }> {
        let rounds = 0;
        let lists: string[] = [];
        let leftCopies: string[] = [];
        while (rounds < 4) {
          rounds++;
          await c.waitInSync(90_000);
          lists = [];
          for (const pc of computers) {
            const r = await tessera(pc, ['list', '--json']);
            expect(r.exitCode, `${pc.side}: list when the computers met: ${r.stderr}`).toBe(0);
            lists.push(withoutUsage(r.stdout));
            await c.waitInSync(90_000);
          }
          leftCopies = [];
          for (const pc of computers) {
            for (const name of await readdir(pc.folder)) if (isVaultCopy(name)) leftCopies.push(`${pc.side}: ${name}`);
          }
          if (leftCopies.length === 0 && lists[0] === lists[1]) {
            journal.met(Date.now());
            break;
          }
        }
        return { rounds, lists, leftCopies };
      }

      // While the computers meet mid-run, the drivers wait at the top of their loops.
      let holding: Promise<void> | null = null;
      let atGate = 0;
      let driving = 2;

      const deadline = Date.now() + SECONDS * 1000;
      async function drive(pc: Computer): Promise<void> {
        while (Date.now() < deadline) {
          if (holding) {
            atGate++;
            await holding;
            atGate--;
            continue;
          }
          pc.ops++;
          const known = [...pc.known];
          const hotps = known.filter((acc) => journal.accounts.get(acc)?.type === 'hotp');
          const roll = pc.random();
          if (known.length < 3 || (roll < 0.22 && journal.alive().length < MAX_ACCOUNTS)) await add(pc);
          // Edits prefer one account both sides know (the oldest), so that they meet on it.
          else if (roll < 0.5) await edit(pc, pc.random() < 0.4 ? [...known].sort()[0]! : pick(pc.random, known));
          else if (roll < 0.6 || journal.alive().length >= MAX_ACCOUNTS) await remove(pc, pick(pc.random, known));
          else if (roll < 0.82 && hotps.length > 0) await code(pc, pick(pc.random, hotps));
          else await list(pc);
          await delay(Math.floor(pc.random() * 250));
        }
        driving--;
      }

      // Now and then the computers go offline from each other: the folder paused on both.
      const chaosRandom = seededRandom(SEED);
      async function isolate(): Promise<void> {
        while (Date.now() < deadline - 8_000) {
          await delay(3_000 + Math.floor(chaosRandom() * 6_000));
          await c.pause();
          const start = Date.now();
          await delay(2_000 + Math.floor(chaosRandom() * 5_000));
          const end = Date.now();
          await c.resume();
          journal.isolated({ start, end });
          // Half the time the computers then meet fully before going on (the model can tell more).
          if (chaosRandom() < 0.5) {
            let release = () => undefined as void;
            holding = new Promise((resolve) => (release = resolve));
            while (atGate < driving) await delay(50);
            meetings.push((await meet()).rounds);
            holding = null;
            release();
          }
        }
      }
      const meetings: number[] = [];

      // Conflict copies as they come and go (the commands absorb them into the backups folders).
      const copiesSeen = new Set<string>();
      let watching = true;
      async function watchCopies(): Promise<void> {
        while (watching) {
          for (const pc of computers) {
            for (const name of await readdir(pc.folder).catch(() => [] as string[])) {
              if (isVaultCopy(name)) copiesSeen.add(name);
            }
          }
          await delay(200);
        }
      }

      const started = Date.now();
      const watcher = watchCopies();
      await Promise.all([drive(a), drive(b), isolate()]);
      const drivenMs = Date.now() - started;

      // --- settling ---------------------------------------------------------------------------
      const settleStart = Date.now();
      const { rounds, lists, leftCopies } = await meet();
      const settleMs = Date.now() - settleStart;
      watching = false;
      await watcher;

      // Copies absorbed: moved into a backups folder (by default `backups` beside the vault, so in the
      // shared folder too), never deleted.
      const absorbed = new Set(
        (await Promise.all(computers.flatMap((pc) => [filesUnder(pc.home), filesUnder(pc.folder)])))
          .flat()
          .filter((file) => isVaultCopyPath(file) && path.dirname(file) !== a.folder && path.dirname(file) !== b.folder)
          .map((file) => path.basename(file)),
      );

      const finals = await readFinals(path.join(a.folder, VAULT));
      const finalsB = await readFinals(path.join(b.folder, VAULT));
      const { problems, figures } = checkAgainstJournal(journal, finals);

      console.log(
        `[sync] two computers: seed ${SEED}, driven ${Math.round(drivenMs / 1000)} s; ` +
          `A ${JSON.stringify(journal.counts.A)}; B ${JSON.stringify(journal.counts.B)}; ` +
          `isolated ${journal.epochs.length} times, met in between ${meetings.length} times ` +
          `(rounds ${meetings.join('/') || '-'}); vault conflict copies seen ${copiesSeen.size}, ` +
          `in backups ${absorbed.size}; settled in ${settleMs} ms (${rounds} round(s)); ` +
          `a process took ${Math.round(processMs.reduce((x, y) => x + y, 0) / processMs.length)} ms on average ` +
          `(at most ${Math.max(...processMs)}); accounts ${finals.length} (journal: ${journal.alive().length} alive of ${journal.accounts.size}); ` +
          `${JSON.stringify(figures)}; failures ${journal.failures.length}`,
      );
      if (problems.length) console.log(`[sync] two computers: problems:\n  ${problems.join('\n  ')}`);

      expect(leftCopies, 'conflict copies of the vault left in the folder').toEqual([]);
      expect(lists[0], "A's and B's `tessera list --json` (usage, which is per computer, left out)").toBe(lists[1]);
      expect(finalsB).toEqual(finals);
      expect(problems).toEqual([]);
      // The run really exercised the merge: both sides worked, and the computers met again after
      // being apart.
      for (const side of ['A', 'B'] as const) {
        expect(journal.counts[side].add + journal.counts[side].edit, `${side}'s changes`).toBeGreaterThan(3);
      }
      if (SECONDS >= 30) expect(journal.epochs.length).toBeGreaterThan(0);
    },
    SECONDS * 1000 + 300_000,
  );
});

/** What a failed `tessera` process said went wrong. */
function errorLine(r: ProcessResult): string {
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim());
  const error = lines.find((l) => l.startsWith('tessera: ')) ?? lines.filter(Boolean).at(-1) ?? '(no output)';
  return error.replace(/^tessera: /, '');
}

/** `list --json` without `usage` (counted per computer, so it differs between the two). */
function withoutUsage(stdout: string): string {
  const parsed = JSON.parse(stdout) as { entries: Record<string, unknown>[] };
  return JSON.stringify(parsed.entries.map(({ usage: _usage, ...rest }) => rest));
}

/** The accounts of the vault file, read with the vault API (the one place that sees notes and conflict notes). */
async function readFinals(file: string): Promise<FinalEntry[]> {
  const vault = await unlockVault({ path: file, kdf: createInlineKdf(), kdfParams: KDF_FLOOR }, PASSWORD);
  try {
    return vault.entries().map((e) => ({
      account: e.account,
      issuer: e.issuer,
      tags: [...e.tags],
      favourite: e.favourite,
      notes: e.notes,
      conflictNotes: [...e.conflictNotes],
      counter: e.counter,
    }));
  } finally {
    vault.lock();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

function isVaultCopyPath(file: string): boolean {
  const name = path.basename(file);
  return name !== VAULT && (/\.sync-conflict-/.test(name) || /conflicted copy/.test(name));
}
