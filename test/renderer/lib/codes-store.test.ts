// SPDX-License-Identifier: GPL-3.0-or-later
import { beforeEach, describe, expect, it } from 'vitest';
import type { CodeSnapshot } from '../../../electron/domain';
import { indexCodes, useCodesStore } from '../../../renderer/codes/codes-store';

const code = (id: string, digits = '111111'): CodeSnapshot => ({ id, code: digits, validFrom: 0, validUntil: 30_000 });

describe('codes store', () => {
  beforeEach(() => useCodesStore.getState().reset());

  it('indexes codes by id in a map that inherits nothing', () => {
    const byId = indexCodes([code('a'), code('b')]);
    expect(Object.getPrototypeOf(byId)).toBeNull();
    expect(Object.keys(byId)).toEqual(['a', 'b']);
    // An id that happens to be a name on Object.prototype is no code.
    expect(byId['constructor']).toBeUndefined();
    expect(byId['toString']).toBeUndefined();
  });

  it('replaces the whole set on a push and updates one code in place', () => {
    useCodesStore.getState().replace([code('a'), code('b'), code('c')]);
    const before = useCodesStore.getState().byId;
    // One validity window: the rollover timer reads one code, not three.
    expect(useCodesStore.getState().timing).toEqual([code('a')]);
    useCodesStore.getState().upsert(code('b', '222222'));
    const after = useCodesStore.getState().byId;
    expect(after).not.toBe(before);
    expect(Object.getPrototypeOf(after)).toBeNull();
    expect(Object.values(after).map((c) => [c.id, c.code])).toEqual([
      ['a', '111111'],
      ['b', '222222'],
      ['c', '111111'],
    ]);
    expect(after['a']).toBe(before['a']);
    useCodesStore.getState().upsert(code('d'));
    expect(Object.keys(useCodesStore.getState().byId)).toEqual(['a', 'b', 'c', 'd']);
    useCodesStore.getState().upsert({ ...code('h'), validUntil: null });
    expect(useCodesStore.getState().timing.map((c) => c.id)).toEqual(['a', 'h']);
  });

  it('rolls over by moving one time, not by copying the codes; a lock forgets it', () => {
    useCodesStore.getState().replace([code('a'), code('b')]);
    const { byId } = useCodesStore.getState();
    useCodesStore.getState().roll(1_234);
    expect(useCodesStore.getState()).toMatchObject({ rolledAt: 1_234 });
    expect(useCodesStore.getState().byId).toBe(byId);
    useCodesStore.getState().reset();
    expect(useCodesStore.getState()).toMatchObject({ rolledAt: 0, loaded: false });
  });
});
