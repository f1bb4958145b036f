// SPDX-License-Identifier: GPL-3.0-or-later
/** The recovery key in the window: its groups, and the copy of its last groups typed back. */
import { describe, expect, it } from 'vitest';
import {
  confirmState,
  lastGroups,
  lastGroupsText,
  normaliseRecoveryKey,
  recoveryKeyGroups,
} from '../../../renderer/recovery/recovery-key-text';
import { normaliseRecoveryKey as mainReading } from '../fake-api';

const KEY = '7Q2M-K4XD-9RTB-3HNV-0ZPC-W6YE-5GJA-8S1F-QK3T';

describe('recovery key text', () => {
  it('splits the key main shows into its 9 groups', () => {
    expect(recoveryKeyGroups(KEY)).toEqual(['7Q2M', 'K4XD', '9RTB', '3HNV', '0ZPC', 'W6YE', '5GJA', '8S1F', 'QK3T']);
    expect(lastGroups(KEY)).toBe('8S1FQK3T');
    expect(lastGroupsText(KEY)).toBe('groups 8 and 9');
    expect(lastGroupsText(KEY, 1)).toBe('group 9');
  });

  it.each(['8S1F-QK3T', '8s1f qk3t', ' 8S1FQK3T ', '8sif-qk3t', '8SlF QK3T'])(
    'reads %j as the last two groups, as main reads a typed key',
    (typed) => {
      expect(confirmState(KEY, typed)).toBe('match');
      expect(normaliseRecoveryKey(typed)).toBe(mainReading(typed));
    },
  );

  it('reads O as zero, like main', () => {
    const key = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-0000-1111';
    expect(confirmState(key, 'oooo iiii')).toBe('match');
    expect(confirmState(key, 'OOOO-LLLL')).toBe('match');
  });

  it('says partial while fewer characters than the groups were typed, mismatch once as many differ', () => {
    expect(confirmState(KEY, '')).toBe('empty');
    expect(confirmState(KEY, '   ')).toBe('empty');
    expect(confirmState(KEY, '8S1F')).toBe('partial');
    expect(confirmState(KEY, '8S1F-QK3')).toBe('partial');
    expect(confirmState(KEY, '8S1F-QK3X')).toBe('mismatch');
    expect(confirmState(KEY, '5GJA-8S1F')).toBe('mismatch');
    expect(confirmState(KEY, '8S1F-QK3T-')).toBe('match');
    expect(confirmState(KEY, '8S1F-QK3TT')).toBe('mismatch');
  });
});
