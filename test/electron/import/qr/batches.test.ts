// SPDX-License-Identifier: GPL-3.0-or-later
/** The batch tracker: parts in any order, duplicates ignored, missing parts named. */
import { describe, expect, it } from 'vitest';
import { addBatchParts, allBatchesComplete, EMPTY_BATCH_STATE } from '../../../../electron/import/qr/batches';

const part = (id: number, index: number, size: number, tag = '') => ({ batch: { id, index, size }, tag });

describe('addBatchParts', () => {
  it('tracks a batch of 3 scanned out of order, naming the missing parts', () => {
    const first = addBatchParts(EMPTY_BATCH_STATE, [part(7, 1, 3)]);
    expect(first.accepted).toHaveLength(1);
    let { state } = first;
    expect(state.batches).toEqual([
      {
        id: 7,
        size: 3,
        scannedIndexes: [1],
        missingIndexes: [0, 2],
        complete: false,
        summary: '1 of 3 QR codes scanned',
        missing: ['QR code 1 of 3 is missing', 'QR code 3 of 3 is missing'],
      },
    ]);
    ({ state } = addBatchParts(state, [part(7, 0, 3)]));
    expect(state.batches[0]).toMatchObject({
      summary: '2 of 3 QR codes scanned',
      missing: ['QR code 3 of 3 is missing'],
    });
    expect(allBatchesComplete(state)).toBe(false);
    ({ state } = addBatchParts(state, [part(7, 2, 3)]));
    expect(state.batches[0]).toMatchObject({
      scannedIndexes: [0, 1, 2],
      missingIndexes: [],
      complete: true,
      summary: 'All 3 QR codes scanned',
      missing: [],
    });
    expect(allBatchesComplete(state)).toBe(true);
  });

  it('ignores a part scanned twice, in the same call or a later one', () => {
    const first = addBatchParts(EMPTY_BATCH_STATE, [part(1, 0, 2, 'a'), part(1, 0, 2, 'b')]);
    expect(first.accepted.map((p) => p.tag)).toEqual(['a']);
    expect(first.duplicates.map((p) => p.tag)).toEqual(['b']);
    const again = addBatchParts(first.state, [part(1, 0, 2, 'c')]);
    expect(again.accepted).toEqual([]);
    expect(again.duplicates.map((p) => p.tag)).toEqual(['c']);
    expect(again.state.batches[0]?.scannedIndexes).toEqual([0]);
  });

  it('keeps batches apart by id (and by size, should two exports share an id), in first-seen order', () => {
    const { state } = addBatchParts(EMPTY_BATCH_STATE, [part(5, 0, 2), part(-9, 0, 1), part(5, 0, 3), part(5, 1, 2)]);
    expect(state.batches.map((b) => [b.id, b.size, b.complete])).toEqual([
      [5, 2, true],
      [-9, 1, true],
      [5, 3, false],
    ]);
    expect(state.batches[1]?.summary).toBe('1 of 1 QR code scanned');
  });

  it('counts a size of 0 (single codes from some exporters) as 1', () => {
    const { state } = addBatchParts(EMPTY_BATCH_STATE, [part(0, 0, 0)]);
    expect(state.batches[0]).toMatchObject({ size: 1, complete: true });
  });

  it('never changes the state it was given', () => {
    const before = addBatchParts(EMPTY_BATCH_STATE, [part(3, 0, 2)]).state;
    const snapshot = JSON.stringify(before);
    addBatchParts(before, [part(3, 1, 2)]);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(EMPTY_BATCH_STATE.batches).toEqual([]);
  });

  it('refuses an index outside the batch (a bug upstream)', () => {
    expect(() => addBatchParts(EMPTY_BATCH_STATE, [part(1, 3, 3)])).toThrow(RangeError);
    expect(() => addBatchParts(EMPTY_BATCH_STATE, [part(1, -1, 3)])).toThrow(RangeError);
  });
});
