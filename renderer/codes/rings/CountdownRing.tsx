// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time left for a code as a ring and a number: the track, and over it the period's shared
 * animated image (ring-images.ts), which the compositor steps once a second in phase
 * with the clock. No timer, no re-render, no main-thread work per second, whatever the number of
 * rows, so a long list costs no more each second than a short one. Decorative for screen readers: the row carries the time left.
 * It depends on the period alone, so a new code does not render it again (the phase check that
 * each new code calls for is one for the whole list: useRingImage.ts `useRingPhaseCheck`).
 * While no image in phase is ready, the ring shows the number as it is when drawn, for a second.
 */
import { memo } from 'react';
import { appNow } from '../../clock/app-clock';
import { MAX_LABELLED_PERIOD } from '../countdown';
import { phaseMs, RING_SIZE } from './ring-frames';
import { useRingImage } from './useRingImage';

/** The seconds left in the current period, as a ring shows them. */
function secondsLeftNow(period: number): number {
  return period - Math.floor(phaseMs(appNow(), period) / 1000);
}

export const CountdownRing = memo(function CountdownRing({ period }: { period: number }) {
  const image = useRingImage(period);
  return (
    <span className="ring" aria-hidden="true" data-period={period}>
      <span className="ring-track" />
      {image ? (
        <img className="ring-image" src={image} alt="" width={RING_SIZE} height={RING_SIZE} draggable={false} />
      ) : period <= MAX_LABELLED_PERIOD ? (
        // Until an image in phase is shown (a new period's first second): the number, right when
        // drawn, and gone after a second (styles/codes.css) rather than ever wrong.
        <span className="ring-fallback">{secondsLeftNow(period)}</span>
      ) : null}
    </span>
  );
});
