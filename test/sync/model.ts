// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The reference model of the sync tests (issue #18): a journal of what two computers did to one
 * vault (each operation with its time span, its side and what it wrote), and the check of the
 * merged result against it. Shared by the real Syncthing test (two-computers.test.ts) and the
 * simulated one (test/electron/vault/simulated-sync.test.ts), so both assert the same thing.
 *
 * What the model can assert, and why (docs/dev/sync-merge.md has the merge rules):
 *
 * - **Membership, exactly.** An account is in the result if and only if an add of it succeeded and
 *   no removal of it succeeded, on either side. Remove wins over any concurrent edit, and nothing
 *   else takes an account away, so: none lost, none resurrected, none invented.
 * - **Each part (names, tags, favourite, notes): the last writer, as far as the times tell.** A
 *   part's change time is the writing process's clock at its save (`max(now, previous + 1)`), and
 *   both computers share one clock here, so a write's time lies within the span of the process
 *   that made it. A write that ended before another write of the same part began cannot win. So the
 *   final value must be the value of one of the writes whose span reaches past the start of the
 *   latest-starting write; when that is one write the model knows the value exactly, otherwise
 *   (overlapping spans: truly simultaneous edits) it knows the set of possible winners. The add
 *   counts as the first write of every part (issuer and tags as given, not favourite, no notes).
 *   Setting a part to the value it already has is no write (the vault keeps its change time), so
 *   an edit counts only for the parts the saved entry's change times show it changed
 *   (`effectivePatch`).
 * - **Notes are never lost to a conflict.** Every conflict note is a text some side wrote for that
 *   account (never invented, never the notes themselves). For writes that were certainly
 *   concurrent — each side's last notes write on an account while the computers were isolated from
 *   each other (an isolation epoch: the folder paused on both, or the simulated sync stopped) —
 *   with different texts, at least one of the two is a conflict note at the end (the loser; the
 *   winner may since have been replaced). Unless both sides wrote that account's notes again after
 *   the epoch and before the two had certainly merged each other's state (a recorded meeting: a
 *   full sync both ways; the end of the test is one): each may then have replaced (superseded) its
 *   own text before seeing the other's, a sequential replacement, not a conflict, and neither text
 *   need remain. Once both have merged, only the winner is anyone's notes; the loser is a conflict
 *   note, which no later write replaces.
 * - **HOTP counters never go back.** Each `code` on an HOTP account shows the code of one counter
 *   value (recovered here from the code, the secret being known) and saves the next. The merged
 *   counter is at least one more than the highest value any side used, and on each side the values
 *   used strictly increase (a side never shows a code it, or a copy it merged, already used). The
 *   same value used on both sides (a code shown twice) can happen while the computers are isolated,
 *   and is counted, not failed.
 * - **Every failed command is explained.** A command may fail only because its account is not there
 *   and the other side removed it, or (simulated sync only) because the vault file was half written
 *   by the sync tool at that moment and the change was refused; anything else is a problem.
 */
import { createHmac } from 'node:crypto';
import { normaliseTags } from '../../electron/domain/tags';

export type Side = 'A' | 'B';
export const SIDES: readonly Side[] = ['A', 'B'];
export const PARTS = ['names', 'tags', 'favourite', 'notes'] as const;
export type Part = (typeof PARTS)[number];
/** names: the issuer (account names never change in these tests); tags: normalised list. */
export type PartValue = string | readonly string[] | boolean;

/** Milliseconds of the shared clock, from just before a process started to just after it ended. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Write extends Span {
  readonly side: Side;
  readonly value: PartValue;
}

export interface CodeUse extends Span {
  readonly side: Side;
  readonly counter: number;
}

export interface AccountRecord {
  readonly account: string;
  readonly type: 'totp' | 'hotp';
  readonly digits: number;
  readonly secret: Uint8Array;
  readonly addedBy: Side;
  readonly writes: Record<Part, Write[]>;
  readonly removals: (Span & { readonly side: Side })[];
  readonly codes: CodeUse[];
}

export type OpKind = 'add' | 'edit' | 'remove' | 'code' | 'list';

/**
 * Why an operation failed, as the driver reads it: the account was not there (it may have been
 * removed on the other side), the vault file was being replaced at that moment (the simulated sync
 * had only part of it written: refusing is right), or anything else.
 */
export type FailureKind = 'not-found' | 'file-being-replaced' | 'other';

export interface Failure extends Span {
  readonly side: Side;
  readonly kind: OpKind;
  readonly account: string | null;
  readonly why: FailureKind;
  readonly exitCode: number | null;
  readonly message: string;
}

/** An account as it ends up: read from the merged vault. */
export interface FinalEntry {
  readonly account: string;
  readonly issuer: string;
  readonly tags: readonly string[];
  readonly favourite: boolean;
  readonly notes: string;
  readonly conflictNotes: readonly string[];
  readonly counter: number | null;
}

export interface CheckFigures {
  /** Part checks where one write was the certain last one. */
  readonly exactParts: number;
  /** Part checks where overlapping writes could each have won. */
  readonly ambiguousParts: number;
  /** Concurrent notes pairs checked for a conflict note. */
  readonly concurrentNotes: number;
  /** HOTP counter values shown on both sides. */
  readonly countersUsedTwice: number;
  /** Commands that failed for an account the other side had removed. */
  readonly explainedFailures: number;
  /** Changes refused because the vault file was being replaced at that moment. */
  readonly refusedWhileReplaced: number;
}

/**
 * The words for an account that is not there: the CLI's for a query that found nothing
 * (electron/cli/commands/run/code.ts), and the vault's for a change to an account a merge just
 * removed (electron/vault/session.ts).
 */
export const NOT_FOUND = /no account matches|that account is not in the vault/i;

/** The journal both drivers write into. */
export class SyncJournal {
  readonly accounts = new Map<string, AccountRecord>();
  /** Intervals during which the two computers were certainly isolated from each other. */
  readonly epochs: Span[] = [];
  /** Times by which each side's vault held everything written before (a full sync both ways). */
  readonly meetings: number[] = [];
  readonly failures: Failure[] = [];
  readonly counts: Record<Side, Record<OpKind, number>> = {
    A: { add: 0, edit: 0, remove: 0, code: 0, list: 0 },
    B: { add: 0, edit: 0, remove: 0, code: 0, list: 0 },
  };

  added(
    side: Side,
    span: Span,
    a: {
      account: string;
      issuer: string;
      tags: readonly string[];
      type: 'totp' | 'hotp';
      digits: number;
      secret: Uint8Array;
    },
  ): void {
    this.counts[side].add++;
    const first = (value: PartValue): Write[] => [{ side, ...span, value }];
    this.accounts.set(a.account, {
      account: a.account,
      type: a.type,
      digits: a.digits,
      secret: a.secret,
      addedBy: side,
      writes: { names: first(a.issuer), tags: first(normaliseTags(a.tags)), favourite: first(false), notes: first('') },
      removals: [],
      codes: [],
    });
  }

  edited(side: Side, span: Span, account: string, patch: Partial<Record<Part, PartValue>>): void {
    this.counts[side].edit++;
    const record = this.mustGet(account);
    for (const part of PARTS) {
      const value = patch[part];
      if (value === undefined) continue;
      record.writes[part].push({ side, ...span, value: part === 'tags' ? normaliseTags(value as string[]) : value });
    }
  }

  removed(side: Side, span: Span, account: string): void {
    this.counts[side].remove++;
    this.mustGet(account).removals.push({ side, ...span });
  }

  /** An HOTP counter value used (a code shown) on `side`. */
  counterUsed(side: Side, span: Span, account: string, counter: number): void {
    this.counts[side].code++;
    this.mustGet(account).codes.push({ side, ...span, counter });
  }

  /** A code shown for an HOTP account: returns the counter value it belongs to, or null if none does. */
  codeShown(side: Side, span: Span, account: string, code: string): number | null {
    this.counts[side].code++;
    const record = this.mustGet(account);
    const counter = hotpCounterOf(record.secret, record.digits, code);
    if (counter !== null) record.codes.push({ side, ...span, counter });
    return counter;
  }

  listed(side: Side): void {
    this.counts[side].list++;
  }

  failed(failure: Failure): void {
    this.counts[failure.side][failure.kind]++;
    this.failures.push(failure);
  }

  isolated(span: Span): void {
    this.epochs.push(span);
  }

  met(time: number): void {
    this.meetings.push(time);
  }

  /** Accounts an add of which succeeded and no removal of which did. */
  alive(): string[] {
    return [...this.accounts.values()].filter((r) => r.removals.length === 0).map((r) => r.account);
  }

  private mustGet(account: string): AccountRecord {
    const record = this.accounts.get(account);
    if (!record) throw new Error(`The journal has no account ${account}.`);
    return record;
  }
}

/**
 * The parts of an edit that took effect: the vault gives a part a new change time only when its
 * value really changed, so a part set to the value it already had (on that computer, after the
 * save's merge) is not a write. `changed` is the edited entry's change times after the save; a part
 * took effect when its time is at least the start of the operation.
 */
export function effectivePatch(
  patch: Partial<Record<Part, PartValue>>,
  changed: Readonly<Record<Part, number>>,
  start: number,
): Partial<Record<Part, PartValue>> {
  return Object.fromEntries(Object.entries(patch).filter(([part]) => changed[part as Part] >= start)) as Partial<
    Record<Part, PartValue>
  >;
}

/** The writes of one part that may have been the last one (see the file comment). */
export function possibleLastWrites(writes: readonly Write[], marginMs = 2): Write[] {
  const latestStart = Math.max(...writes.map((w) => w.start));
  return writes.filter((w) => w.end + marginMs >= latestStart);
}

const same = (a: PartValue, b: PartValue): boolean => JSON.stringify(a) === JSON.stringify(b);

function finalValue(entry: FinalEntry, part: Part): PartValue {
  switch (part) {
    case 'names':
      return entry.issuer;
    case 'tags':
      return [...entry.tags];
    case 'favourite':
      return entry.favourite;
    case 'notes':
      return entry.notes;
  }
}

/**
 * Checks the merged accounts against the journal. Returns every problem found (empty when the
 * result is what the model allows) and figures about how much the model could tell.
 */
export function checkAgainstJournal(
  journal: SyncJournal,
  finals: readonly FinalEntry[],
): { problems: string[]; figures: CheckFigures } {
  const problems: string[] = [];
  let exactParts = 0;
  let ambiguousParts = 0;
  let concurrentNotes = 0;
  let countersUsedTwice = 0;
  let explainedFailures = 0;
  let refusedWhileReplaced = 0;

  const byAccount = new Map<string, FinalEntry[]>();
  for (const f of finals) byAccount.set(f.account, [...(byAccount.get(f.account) ?? []), f]);
  for (const [account, list] of byAccount) {
    if (list.length > 1) problems.push(`${account} is in the vault ${list.length} times.`);
    const record = journal.accounts.get(account);
    if (!record) problems.push(`${account} is in the vault but no side ever added it.`);
    else if (record.removals.length > 0) {
      const by = record.removals.map((r) => r.side).join(', ');
      problems.push(`${account} came back: it was removed (by ${by}) but is in the vault.`);
    }
  }
  for (const account of journal.alive()) {
    if (!byAccount.has(account))
      problems.push(
        `${account} was lost: added by ${journal.accounts.get(account)!.addedBy}, never removed, not in the vault.`,
      );
  }

  for (const [account, [entry]] of byAccount) {
    const record = journal.accounts.get(account);
    if (!record || !entry || record.removals.length > 0) continue;
    for (const part of PARTS) {
      const candidates = possibleLastWrites(record.writes[part]);
      const values = candidates.map((w) => w.value);
      if (new Set(values.map((v) => JSON.stringify(v))).size === 1) exactParts++;
      else ambiguousParts++;
      const got = finalValue(entry, part);
      if (!values.some((v) => same(v, got))) {
        const shown = candidates.map((w) => `${JSON.stringify(w.value)} (${w.side}, ${w.start}–${w.end})`).join(' or ');
        problems.push(`${account} ${part}: is ${JSON.stringify(got)}, the last write was ${shown}.`);
      }
    }

    // Notes: conflict notes are texts someone wrote, never the notes; concurrent texts survive.
    const written = new Set(record.writes.notes.map((w) => w.value as string).filter((t) => t !== ''));
    for (const text of entry.conflictNotes) {
      if (!written.has(text)) problems.push(`${account} has a conflict note no side wrote: ${JSON.stringify(text)}.`);
      if (text === entry.notes) problems.push(`${account} has its notes also as a conflict note.`);
    }
    for (const epoch of journal.epochs) {
      const inside = (side: Side) =>
        record.writes.notes.filter((w) => w.side === side && w.start >= epoch.start && w.end <= epoch.end).at(-1);
      const a = inside('A');
      const b = inside('B');
      if (!a || !b || a.value === b.value) continue;
      // Only writes before both sides have merged the other's text can supersede it.
      const met = Math.min(...journal.meetings.filter((m) => m >= epoch.end));
      const laterOn = (side: Side) =>
        record.writes.notes.some((w) => w.side === side && w.end > epoch.end && w.start < met);
      if (laterOn('A') && laterOn('B')) continue;
      concurrentNotes++;
      const kept = [a.value, b.value].filter((t) => entry.conflictNotes.includes(t as string));
      if (kept.length === 0) {
        problems.push(
          `${account}: A wrote notes ${JSON.stringify(a.value)} and B ${JSON.stringify(b.value)} while isolated; ` +
            `neither is a conflict note (notes ${JSON.stringify(entry.notes)}, conflict notes ${JSON.stringify(entry.conflictNotes)}).`,
        );
      }
    }

    // HOTP counters.
    if (record.type === 'hotp') {
      const highest = Math.max(-1, ...record.codes.map((c) => c.counter));
      if (entry.counter === null || entry.counter < highest + 1) {
        problems.push(`${account}: HOTP counter is ${entry.counter}, but counter ${highest} was already used.`);
      }
      for (const side of SIDES) {
        const used = record.codes.filter((c) => c.side === side).sort((x, y) => x.start - y.start);
        for (let i = 1; i < used.length; i++) {
          if (used[i]!.counter <= used[i - 1]!.counter) {
            problems.push(
              `${account}: ${side} showed the code of counter ${used[i]!.counter} after that of ${used[i - 1]!.counter} (went back).`,
            );
          }
        }
      }
      const onA = new Set(record.codes.filter((c) => c.side === 'A').map((c) => c.counter));
      countersUsedTwice += record.codes.filter((c) => c.side === 'B' && onA.has(c.counter)).length;
    }
  }

  for (const f of journal.failures) {
    const other = f.side === 'A' ? 'B' : 'A';
    const record = f.account === null ? undefined : journal.accounts.get(f.account);
    const removedByOther = record?.removals.some((r) => r.side === other) ?? false;
    if (f.why === 'not-found' && removedByOther) {
      explainedFailures++;
      continue;
    }
    if (f.why === 'file-being-replaced') {
      refusedWhileReplaced++;
      continue;
    }
    problems.push(
      `${f.side}: '${f.kind}${f.account ? ` ${f.account}` : ''}' failed (exit ${f.exitCode}): ${f.message.split('\n')[0]}`,
    );
  }
  return {
    problems,
    figures: {
      exactParts,
      ambiguousParts,
      concurrentNotes,
      countersUsedTwice,
      explainedFailures,
      refusedWhileReplaced,
    },
  };
}

/** RFC 4226 HOTP of `secret` at `counter`, `digits` long. */
export function hotp(secret: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The counter value (0–4095) whose code `code` is, the lowest if several are; null if none. */
export function hotpCounterOf(secret: Uint8Array, digits: number, code: string): number | null {
  for (let c = 0; c < 4096; c++) if (hotp(secret, c, digits) === code) return c;
  return null;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same operations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `items` with the PRNG. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A random subset of the tag vocabulary (lower case, distinct: already normal). */
export const TAG_VOCABULARY = ['work', 'home', 'bank', 'mail', 'dev', 'games'] as const;
export function randomTags(random: () => number): string[] {
  return TAG_VOCABULARY.filter(() => random() < 0.3);
}
