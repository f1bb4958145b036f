// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator exports of more than ~10 accounts come as several QR codes ("1 of 3"...),
 * and losing one silently is the complaint users have about other desktop apps. This pure tracker
 * follows every batch across scans (screens, files, pastes): which parts are in, which are missing,
 * by number, until all are in or the user stops. A part scanned twice counts once.
 *
 * Immutable: `addBatchParts` returns a new state, so the UI can keep it in a store and tests can
 * replay any order of scans.
 */
import type { ImportBatch } from '../types';

/** The progress of one batch. Indexes are 0-based, as in the payload; the texts count from 1. */
export interface BatchProgress {
  readonly id: number;
  readonly size: number;
  /** Sorted. */
  readonly scannedIndexes: readonly number[];
  /** Sorted. */
  readonly missingIndexes: readonly number[];
  readonly complete: boolean;
  /** "2 of 3 QR codes scanned", "All 3 QR codes scanned". */
  readonly summary: string;
  /** One line per missing part: "QR code 3 of 3 is missing". Empty when complete. */
  readonly missing: readonly string[];
}

/** Every batch seen so far, in the order each was first scanned. */
export interface BatchState {
  readonly batches: readonly BatchProgress[];
}

/** What `addBatchParts` did with each part. */
export interface BatchUpdate<T> {
  readonly state: BatchState;
  /** New parts: their entries belong in the review list. */
  readonly accepted: T[];
  /** Parts already scanned (same batch, same index): ignore their entries. */
  readonly duplicates: T[];
}

/** No batch scanned yet. */
export const EMPTY_BATCH_STATE: BatchState = Object.freeze({ batches: Object.freeze([]) });

/**
 * Records scanned parts. A batch is identified by its id and size together, so two exports that
 * happen to share a random id but differ in size stay apart.
 * @throws RangeError for a part whose index is outside its size (payload.ts never produces one).
 */
export function addBatchParts<T extends { readonly batch: ImportBatch }>(
  state: BatchState,
  parts: readonly T[],
): BatchUpdate<T> {
  const scanned = new Map<string, { id: number; size: number; indexes: Set<number> }>();
  for (const b of state.batches) scanned.set(key(b), { id: b.id, size: b.size, indexes: new Set(b.scannedIndexes) });
  const accepted: T[] = [];
  const duplicates: T[] = [];
  for (const part of parts) {
    const { id, index } = part.batch;
    const size = Math.max(1, part.batch.size);
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`Batch part index ${index} is outside a batch of ${size}`);
    }
    const k = key({ id, size });
    const entry = scanned.get(k) ?? { id, size, indexes: new Set<number>() };
    scanned.set(k, entry);
    if (entry.indexes.has(index)) {
      duplicates.push(part);
    } else {
      entry.indexes.add(index);
      accepted.push(part);
    }
  }
  const batches = [...scanned.values()].map((b) => progress(b.id, b.size, b.indexes));
  return { state: { batches }, accepted, duplicates };
}

/** True when no batch is waiting for a part. */
export function allBatchesComplete(state: BatchState): boolean {
  return state.batches.every((b) => b.complete);
}

function key(b: { readonly id: number; readonly size: number }): string {
  return `${b.id}/${b.size}`;
}

function progress(id: number, size: number, indexes: ReadonlySet<number>): BatchProgress {
  const scannedIndexes = [...indexes].sort((a, b) => a - b);
  const missingIndexes = Array.from({ length: size }, (_, i) => i).filter((i) => !indexes.has(i));
  const complete = missingIndexes.length === 0;
  return {
    id,
    size,
    scannedIndexes,
    missingIndexes,
    complete,
    summary: summaryText(scannedIndexes.length, size),
    missing: missingIndexes.map((i) => `QR code ${i + 1} of ${size} is missing`),
  };
}

function summaryText(scanned: number, size: number): string {
  if (size === 1) return '1 of 1 QR code scanned';
  if (scanned === size) return `All ${size} QR codes scanned`;
  return `${scanned} of ${size} QR codes scanned`;
}
