// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The order the codes list is shown in: the `codesSort` setting and, only for the orders that read
 * them, the usage counts (so a copy re-sorts the list in "Most used" and "Recently used", and in
 * the other orders changes nothing).
 */
import { useMemo } from 'react';
import type { CodesSort, UsageMap } from '../../electron/domain';
import { useSetting } from '../settings/settings-store';
import type { ListOrder } from './entry-query';
import { useUsageStore } from './usage-store';

const NO_USAGE: UsageMap = Object.freeze({});

/** True for the orders that read the usage counts. */
export function sortReadsUsage(sort: CodesSort): boolean {
  return sort === 'usage' || sort === 'recent';
}

export function useListOrder(): ListOrder {
  const sort = useSetting('codesSort', 'manual');
  const usage = useUsageStore((s) => (sortReadsUsage(sort) ? s.usage : NO_USAGE));
  return useMemo(() => ({ sort, usage }), [sort, usage]);
}
