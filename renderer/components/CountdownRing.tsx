// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time left for a code as a ring and a number: the track, and over it the period's shared
 * animated image (renderer/lib/ring-images.ts), which the compositor steps once a second in phase
 * with the clock. No timer, no re-render, no main-thread work per second, whatever the number of
 * rows (ARCHITECTURE.md §4). Decorative for screen readers: the row carries the time left.
 */
import { memo, useEffect } from 'react';
import { useRingImage } from '../hooks/useRingImage';
import { periodSeconds } from '../lib/countdown';
import { RING_SIZE } from '../lib/ring-frames';
import { sharedRingImages } from '../lib/ring-images';

export const CountdownRing = memo(function CountdownRing({
  validFrom,
  validUntil,
}: {
  validFrom: number;
  validUntil: number;
}) {
  const period = periodSeconds(validFrom, validUntil);
  const image = useRingImage(period);
  // Each new code: still in phase? (A suspended machine's animation clock stood still.)
  useEffect(() => sharedRingImages().checkPhase(), [validFrom]);
  return (
    <span className="ring" aria-hidden="true" data-period={period}>
      <span className="ring-track" />
      {image ? (
        <img className="ring-image" src={image} alt="" width={RING_SIZE} height={RING_SIZE} draggable={false} />
      ) : null}
    </span>
  );
});
