// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The current code of each entry with its validity window, as main pushed it: main computes the
 * codes (the secrets never leave it) and the window only shows them and their time left. Codes are
 * short-lived and not secrets of the vault, but they are still dropped on lock.
 */
import { create } from 'zustand';
import type { CodeSnapshot, EntryId } from '../../electron/domain';
import { currentCode, timingRepresentatives } from './rollover';

export interface CodesState {
  /** The codes as main sent them; read them through `codeShowing`. */
  readonly byId: Readonly<Record<EntryId, CodeSnapshot>>;
  /** The same codes as a list, for the passes over all of them (an array iterates far faster). */
  readonly list: readonly CodeSnapshot[];
  /** One code per validity window of `list`: what the rollover timer reads (rollover.ts). */
  readonly timing: readonly CodeSnapshot[];
  /** The last rollover: codes that ended by then show their next code (rollover.ts). */
  readonly rolledAt: number;
  /** False until the first full set arrives; the announcer stays quiet for that first load. */
  readonly loaded: boolean;
  /** Codes whose period ended before their successor arrived: shown dimmed until it does. */
  readonly expired: Readonly<Record<EntryId, true>>;
  /** A `codes:update` push or `codes.current()` answer: the complete set of current codes. */
  replace(codes: readonly CodeSnapshot[]): void;
  /** One code, e.g. the answer of `codes.nextHotp`. */
  upsert(code: CodeSnapshot): void;
  markExpired(ids: readonly EntryId[]): void;
  /** The codes that ended by `now` switch to their next code. */
  roll(now: number): void;
  reset(): void;
}

const NONE_EXPIRED: Readonly<Record<EntryId, true>> = Object.freeze({});

/**
 * The codes by entry id, in an object without a prototype: adding 1,000 keys to a plain `{}` (or
 * through `Object.fromEntries`) costs milliseconds in V8, to a prototype-less one a tenth of one,
 * and a push builds this map once per period, a rollover once more.
 */
export function indexCodes(codes: readonly CodeSnapshot[]): Record<EntryId, CodeSnapshot> {
  const byId = Object.create(null) as Record<EntryId, CodeSnapshot>;
  for (const code of codes) byId[code.id] = code;
  return byId;
}

export const useCodesStore = create<CodesState>()((set) => ({
  byId: indexCodes([]),
  list: [],
  timing: [],
  rolledAt: 0,
  loaded: false,
  expired: NONE_EXPIRED,
  replace: (codes) =>
    set({
      byId: indexCodes(codes),
      list: codes,
      timing: timingRepresentatives(codes),
      loaded: true,
      expired: NONE_EXPIRED,
    }),
  upsert: (code) =>
    set((state) => {
      const byId = indexCodes(state.list);
      byId[code.id] = code;
      const list = Object.values(byId);
      return { byId, list, timing: timingRepresentatives(list) };
    }),
  roll: (now) => set({ rolledAt: now }),
  markExpired: (ids) =>
    set((state) => ({ expired: { ...state.expired, ...Object.fromEntries(ids.map((id) => [id, true as const])) } })),
  reset: () => set({ byId: indexCodes([]), list: [], timing: [], rolledAt: 0, loaded: false, expired: NONE_EXPIRED }),
}));

/**
 * The code showing for `id` in `state`: as pushed, or its next code once its period ended. Its
 * `next` is the preview still to come, if main sent one.
 */
export function codeShowing(state: CodesState, id: EntryId): CodeSnapshot | undefined {
  const pushed = state.byId[id];
  return pushed && currentCode(pushed, state.rolledAt);
}

/** When the code showing for `id` ends (null: none, or HOTP); a number, so a preview push changes nothing. */
export function useCodeUntil(id: EntryId | null): number | null {
  return useCodesStore((s) => (id === null ? null : (codeShowing(s, id)?.validUntil ?? null)));
}
