// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The pictures of the issuer icons the window shows, by `iconKey`, for as long as the vault is open.
 * Main resolves which icon an account shows (`EntrySummary.shownIcon`); the window asks for the
 * pictures it does not have yet in ONE `icons.images(refs)` call per change of the list (or per
 * answer of the picker's search), never one per row, and keeps them for the session: a bundled id,
 * a pack's `<uuid>/<path>` and a custom icon's content hash never change their picture. A ref main
 * knows no picture for is kept as `null` (the letter tile) and not asked again. Everything goes when
 * the vault locks; an answer that arrives after that is dropped.
 */
import { create } from 'zustand';
import type { IconImage, IconRef } from '../../electron/domain';
import { api } from '../api';
import { iconKey } from '../shared/domain-values';
import { isVaultUnlocked, useVaultStore } from '../shared/vault-store';

/** A picture, or `null` when main has none for the ref (the letter tile stays). */
export type IconPicture = IconImage | null;

export interface IconsState {
  /** By `iconKey`: the pictures main answered. A key that is absent has not arrived (yet). */
  readonly pictures: Readonly<Record<string, IconPicture>>;
  /** Keeps main's answer to a request for `asked`: each ref it left out is kept as `null`. */
  receive(asked: readonly IconRef[], images: readonly IconImage[]): void;
  reset(): void;
}

const NONE: Readonly<Record<string, IconPicture>> = Object.freeze({});

export const useIconsStore = create<IconsState>()((set) => ({
  pictures: NONE,
  receive: (asked, images) =>
    set((state) => {
      const pictures: Record<string, IconPicture> = { ...state.pictures };
      for (const ref of asked) pictures[iconKey(ref)] = null;
      for (const image of images) pictures[iconKey(image.ref)] = image;
      return { pictures };
    }),
  reset: () => set({ pictures: NONE }),
}));

/** Keys asked of main and not answered yet: a second list change does not ask for them again. */
const pending = new Set<string>();
/** Grows at each lock, so an answer to a request made before it is dropped. */
let session = 0;

/**
 * The refs among `refs` whose pictures the window neither has nor waits for, once each (nulls, the
 * letter tiles, left out).
 */
export function missingRefs(refs: Iterable<IconRef | null>): IconRef[] {
  const { pictures } = useIconsStore.getState();
  const wanted = new Map<string, IconRef>();
  for (const ref of refs) {
    if (!ref) continue;
    const key = iconKey(ref);
    if (key in pictures || pending.has(key) || wanted.has(key)) continue;
    wanted.set(key, { source: ref.source, id: ref.id });
  }
  return [...wanted.values()];
}

/**
 * Asks main, in one call, for the pictures of `refs` the window does not have yet; nothing when it
 * has them all. A failed call keeps nothing, so the next change of the list asks again; the rows keep
 * their letter tiles meanwhile, which is all a missing picture costs.
 */
export async function loadIcons(refs: Iterable<IconRef | null>): Promise<void> {
  const asked = missingRefs(refs);
  if (asked.length === 0) return;
  const keys = asked.map(iconKey);
  for (const key of keys) pending.add(key);
  const mine = session;
  const result = await api().icons.images(asked);
  if (mine !== session) return;
  for (const key of keys) pending.delete(key);
  if (!result.ok || !isVaultUnlocked()) return;
  useIconsStore.getState().receive(asked, result.value);
}

/** Drops every picture and forgets the requests in flight. */
export function clearIcons(): void {
  session += 1;
  pending.clear();
  useIconsStore.getState().reset();
}

/** The picture for `ref`: an image, `null` (main has none), or `undefined` while it has not arrived. */
export function useIconPicture(ref: IconRef | null | undefined): IconPicture | undefined {
  const key = ref ? iconKey(ref) : null;
  return useIconsStore((s) => (key === null ? null : s.pictures[key]));
}

// What the window learnt from an open vault goes when it locks (as shared/reset.ts does for the rest).
useVaultStore.subscribe((state, previous) => {
  if (previous.status?.status === 'unlocked' && state.status?.status !== 'unlocked') clearIcons();
});
