// SPDX-License-Identifier: GPL-3.0-or-later
/** The rings' shared animated images (shared-ring-images.ts), seen from React. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useCodesStore } from '../codes-store';
import { sharedRingImages } from './shared-ring-images';

/** The shared animated ring image of a period; null until it is ready. */
export function useRingImage(period: number): string | null {
  const subscribe = useCallback((listener: () => void) => sharedRingImages().subscribe(period, listener), [period]);
  return useSyncExternalStore(subscribe, () => sharedRingImages().get(period));
}

/**
 * On each new set of codes (a push, a rollover): are the rings still in phase with the clock? A
 * suspended machine's animation clock stood still while the wall clock went on. One check for the
 * whole list, not one per row.
 */
export function useRingPhaseCheck(): void {
  useEffect(
    () =>
      useCodesStore.subscribe((state, previous) => {
        if (state.list !== previous.list || state.rolledAt !== previous.rolledAt) sharedRingImages().checkPhase();
      }),
    [],
  );
}
