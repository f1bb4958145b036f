// SPDX-License-Identifier: GPL-3.0-or-later
/** The shared animated ring image of a period (renderer/lib/ring-images.ts); null until it is ready. */
import { useCallback, useSyncExternalStore } from 'react';
import { sharedRingImages } from '../lib/ring-images';

export function useRingImage(period: number): string | null {
  const subscribe = useCallback((listener: () => void) => sharedRingImages().subscribe(period, listener), [period]);
  return useSyncExternalStore(subscribe, () => sharedRingImages().get(period));
}
