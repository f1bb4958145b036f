// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The work budget of one import: parsers charge it as they go (`spend('xml-elements', n)`), before
 * the work is done wherever the amount can be known first, and it throws {@link BudgetExceededError}
 * the moment a limit of budget-limits.ts is passed. One budget per file, so nested and repeated
 * structures (a JSON string inside XML, a back-reference used 20,000 times, 2,000 password slots)
 * add up instead of each being checked alone.
 *
 * Memory is a gauge: big allocations are reserved and released, and the budget refuses the one that
 * would pass the `memory` limit (plus, during a key derivation, the format's own legitimate one).
 */
import {
  IMPORT_LIMITS,
  KDF_CEILINGS,
  type KdfCeiling,
  type KdfCost,
  type Limit,
  type LimitName,
} from './budget-limits';
import { ImportError, type ImportFormatId } from './types';

/** The limit a refused file went over, as `--json` and the IPC `details` carry it. */
export interface ExceededLimit {
  /** A row of IMPORT_LIMITS, or `kdf-work` (a row of KDF_CEILINGS). */
  readonly name: LimitName | 'kdf-work';
  /** The limit's value (a count, bytes, or bytes × passes for `kdf-work`). */
  readonly value: number;
  /** How far the file went when it was stopped (at least value + 1; the real total may be larger). */
  readonly reached: number;
}

/**
 * A file that asks for more work than the budget allows: nothing was imported. An ImportError of
 * kind `too-large` (the "bad input" of the CLI's exit codes), with the limit named in plain words in
 * the message and by name and value in `limit` and `details`.
 */
export class BudgetExceededError extends ImportError {
  constructor(
    readonly limit: ExceededLimit,
    message: string,
    details: string,
  ) {
    super('too-large', message, { details });
    this.name = 'BudgetExceededError';
  }
}

/** Options of a budget; the defaults are the tables of budget-limits.ts. */
export interface WorkBudgetOptions {
  /** Lower (or raise) some limits: tests use this to reach a limit with a small file. */
  readonly limits?: Partial<Readonly<Record<LimitName, number>>>;
  /** Replace some formats' KDF ceilings (tests). */
  readonly kdf?: Partial<Readonly<Record<ImportFormatId, KdfCeiling>>>;
}

/** Releases a memory reservation (idempotent). */
export type Release = () => void;

/** The budget of one import; see the module comment. Not shared between imports. */
export class WorkBudget {
  private readonly spent = new Map<LimitName, number>();
  private readonly kdfSpent = new Map<ImportFormatId, number>();
  private memoryInUse = 0;

  constructor(private readonly options: WorkBudgetOptions = {}) {}

  /** The value of a limit for this budget. */
  limit(name: LimitName): number {
    return this.options.limits?.[name] ?? IMPORT_LIMITS[name].value;
  }

  /** What is left of a cumulative limit. */
  remaining(name: LimitName): number {
    return Math.max(0, this.limit(name) - (this.spent.get(name) ?? 0));
  }

  /**
   * Adds `amount` to a cumulative limit (elements, lines, accounts...).
   * @throws BudgetExceededError when the total passes the limit.
   */
  spend(name: LimitName, amount = 1): void {
    const total = (this.spent.get(name) ?? 0) + amount;
    this.spent.set(name, total);
    if (total > this.limit(name)) throw this.exceeded(name, total);
  }

  /**
   * Checks one measurement against a limit that is not a sum (a depth, a file's size, slots per file).
   * @throws BudgetExceededError when `value` passes the limit.
   */
  atMost(name: LimitName, value: number): void {
    if (value > this.limit(name)) throw this.exceeded(name, value);
  }

  /**
   * Reserves `bytes` of memory until the returned function is called.
   * @param allowance bytes allowed beyond the `memory` limit (a format's legitimate key derivation).
   * @throws BudgetExceededError when the memory in use would pass the limit.
   */
  reserve(bytes: number, allowance = 0): Release {
    const total = this.memoryInUse + bytes;
    if (total > this.limit('memory') + allowance) throw this.exceeded('memory', total);
    this.memoryInUse = total;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.memoryInUse -= bytes;
    };
  }

  /**
   * Charges one key derivation of `format` before it runs: its work against the format's ceiling
   * (summed over every slot and attempt of this import), its memory against the `memory` limit plus
   * the format's legitimate derivation. Call the returned function when the derivation is done.
   * @throws BudgetExceededError `kdf-work` or `memory`; a plain Error for a format without a ceiling
   *   (a bug: every format that derives keys has a row in KDF_CEILINGS).
   */
  kdf(format: ImportFormatId, cost: KdfCost): Release {
    const { ceiling, max } = this.ceiling(format);
    const total = (this.kdfSpent.get(format) ?? 0) + cost.work;
    this.kdfSpent.set(format, total);
    if (!Number.isFinite(total) || total > max) throw kdfExceeded(ceiling, max, total);
    return this.reserve(cost.memoryBytes, ceiling.legitimateMemoryBytes);
  }

  /** Whether a derivation of this much work would still fit `format`'s ceiling (nothing is charged). */
  canAfford(format: ImportFormatId, work: number): boolean {
    const total = (this.kdfSpent.get(format) ?? 0) + work;
    return Number.isFinite(total) && total <= this.ceiling(format).max;
  }

  private ceiling(format: ImportFormatId): { ceiling: KdfCeiling; max: number } {
    const ceiling = this.options.kdf?.[format] ?? KDF_CEILINGS[format];
    if (ceiling === undefined) throw new Error(`No KDF ceiling for the ${format} format`);
    return { ceiling, max: ceiling.legitimateWork * ceiling.margin };
  }

  /** The work of every limit charged so far (for benchmarks and tests). */
  usage(): Readonly<Record<string, number>> {
    return Object.fromEntries([...this.spent, ...[...this.kdfSpent].map(([f, w]) => [`kdf-work:${f}`, w] as const)]);
  }

  private exceeded(name: LimitName, reached: number): BudgetExceededError {
    return limitExceeded(name, IMPORT_LIMITS[name], this.limit(name), reached);
  }
}

/** The error for a limit of IMPORT_LIMITS; exported for the QR scan, which has its own error type. */
export function limitExceeded(name: LimitName, row: Limit, value: number, reached: number): BudgetExceededError {
  const shown = row.unit === 'bytes' ? size(value) : count(value);
  const start = row.exceeded.replace('{limit}', shown);
  const end = name === 'qr-codes' ? '' : ' Tessera stopped reading it: nothing was imported.';
  return new BudgetExceededError(
    { name, value, reached },
    `${start}; ${row.usual}.${end}`,
    `Limit '${name}' (${value}) exceeded: reached ${reached}${name === 'memory' ? ' bytes' : ''}.`,
  );
}

function kdfExceeded(ceiling: KdfCeiling, max: number, total: number): BudgetExceededError {
  const times = total / (ceiling.legitimateWork || 1);
  const ratio = Number.isFinite(times) && times >= 2 ? ` (about ${count(Math.round(times))} times as much)` : '';
  return new BudgetExceededError(
    { name: 'kdf-work', value: max, reached: total },
    `This ${ceiling.app} file asks for far more password-checking work than ${ceiling.app} itself uses${ratio}. ` +
      'Tessera stopped before trying the password further: nothing was imported.',
    `Limit 'kdf-work' (${max} byte-passes) exceeded: ${total} requested. ${ceiling.app} writes ${ceiling.defaults}; ` +
      `margin ×${ceiling.margin}.`,
  );
}

/** "200,000". */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "16 MB", "1.5 GB": binary sizes with the words people use for them. */
function size(bytes: number): string {
  const units: readonly [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [unit, name] of units) {
    if (bytes >= unit) return `${Number((bytes / unit).toFixed(1)).toLocaleString('en-US')} ${name}`;
  }
  return `${bytes} bytes`;
}
