// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The checks every importer fuzz run applies to one mutated input: only ImportError or a result of
 * valid entries, never a crash or a hang (a generous bound, a hang detector only), and no known
 * secret in any message. Shared by the corpus fuzzing (fuzz.test.ts) and the fixtures' (fixtures-fuzz.test.ts).
 */
import { expect } from 'vitest';
import { ImportError, type ImportResult } from '../../../electron/import';
import { base32Encode, validateEntryInput } from '../../../electron/otp';
import { mutateBytes, mutateJson } from './mutate';

/** Hang detector only: real inputs take milliseconds. */
export const MAX_MS_PER_INPUT = 2000;

export interface Tally {
  ok: number;
  errors: Record<string, number>;
}

export const newTally = (): Tally => ({ ok: 0, errors: {} });

const te = new TextEncoder();
const td = new TextDecoder();

/** One mutation: a structural JSON edit (35 %, when the input is JSON) or byte-level damage. */
export function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  if (rnd() < 0.35) {
    const json = mutateJson(td.decode(input), rnd);
    if (json !== null) return te.encode(json);
  }
  return mutateBytes(input, rnd);
}

/** A prober that fails on any message carrying one of `secrets` (base32 forms). */
export function prober(secrets: ReadonlySet<string>) {
  function expectNoSecret(label: string, text: string): void {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`${label}: a message contains a secret`);
    }
  }

  function checkResult(label: string, result: ImportResult): void {
    for (const e of result.entries) {
      const checked = validateEntryInput({
        type: e.type,
        issuer: e.issuer,
        account: e.account,
        secret: base32Encode(e.secret),
        algorithm: e.algorithm,
        digits: e.digits,
        ...(e.period !== null ? { period: e.period } : {}),
        ...(e.counter !== null ? { counter: e.counter } : {}),
        ...(e.tags !== undefined ? { tags: [...e.tags] } : {}),
        ...(e.notes !== undefined ? { notes: e.notes } : {}),
      });
      if (!checked.ok) throw new Error(`${label}: imported an invalid entry (${checked.message})`);
    }
    for (const s of result.skipped) {
      expect(typeof s.label).toBe('string');
      expect(typeof s.reason).toBe('string');
      expectNoSecret(label, s.reason); // labels are names from the file, which a mutation may fill with a secret
    }
  }

  /** Runs one input and counts 'ok' or the error kind; fails on anything but ImportError, or on a hang. */
  return async function probe(label: string, run: () => Promise<ImportResult>, tally: Tally): Promise<void> {
    const start = performance.now();
    let outcome: string;
    try {
      checkResult(label, await run());
      outcome = 'ok';
    } catch (error) {
      if (!(error instanceof ImportError)) {
        throw new Error(
          `${label}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
          { cause: error },
        );
      }
      expectNoSecret(label, error.message);
      outcome = error.kind;
    }
    const ms = performance.now() - start;
    if (ms > MAX_MS_PER_INPUT) throw new Error(`${label}: took ${ms.toFixed(0)} ms (hang?)`);
    if (outcome === 'ok') tally.ok++;
    else tally.errors[outcome] = (tally.errors[outcome] ?? 0) + 1;
  };
}
