// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time left for a code as a ring and a number. The compositor runs it (renderer/lib/
 * ring-animation.ts): started once per row, repeating in phase with the clock, put back in phase
 * when a new code arrives if the clock jumped. No timer, no re-render, no main-thread work per
 * second, whatever the number of rows (ARCHITECTURE.md §4). Decorative for screen readers: the
 * row carries the time left.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { MAX_LABELLED_PERIOD, periodSeconds, URGENT_SECONDS } from '../lib/countdown';
import { resyncRing, startRingAnimations } from '../lib/ring-animation';

/** The numbers the label steps through, one per line: period … 6, then 5 … 1 (shown urgent). */
function labels(period: number): [calm: string, urgent: string] {
  const lines = Array.from({ length: period }, (_, i) => String(period - i));
  const cut = Math.max(0, period - URGENT_SECONDS);
  return [lines.slice(0, cut).join('\n'), lines.slice(cut).join('\n')];
}

/** Two half-rings that turn away as the period passes. */
function Arcs({ urgent }: { urgent: boolean }) {
  return (
    <span className={urgent ? 'ring-arcs ring-arcs-urgent' : 'ring-arcs'}>
      <span className="ring-half ring-half-right">
        <span className="ring-arc" />
      </span>
      <span className="ring-half ring-half-left">
        <span className="ring-arc" />
      </span>
    </span>
  );
}

/** Everything inside the ring: it depends on the period only, so a new code re-renders none of it. */
function RingParts({ period }: { period: number }) {
  const [calm, urgent] = labels(period);
  return (
    <>
      <span className="ring-track" />
      <Arcs urgent={false} />
      <Arcs urgent />
      {period <= MAX_LABELLED_PERIOD ? (
        <span className="ring-label">
          <span className="ring-strip">
            {calm}
            {period > URGENT_SECONDS ? '\n' : null}
            <span className="ring-strip-urgent">{urgent}</span>
          </span>
        </span>
      ) : null}
    </>
  );
}

export const CountdownRing = memo(function CountdownRing({
  validFrom,
  validUntil,
}: {
  validFrom: number;
  validUntil: number;
}) {
  const period = periodSeconds(validFrom, validUntil);
  const ref = useRef<HTMLSpanElement>(null);
  const animations = useRef<Animation[]>([]);

  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    const started = startRingAnimations(root, period);
    animations.current = started;
    return () => {
      for (const animation of started) {
        // cancel() rejects `finished`; browsers mark that rejection handled, not every DOM does.
        animation.finished.catch(() => undefined);
        animation.cancel();
      }
    };
  }, [period]);

  // Each new code: still in phase? (A suspended machine's animation clock stood still.)
  useEffect(() => resyncRing(animations.current, period), [validFrom, period]);

  const parts = useMemo(() => <RingParts period={period} />, [period]);
  return (
    <span ref={ref} className="ring" aria-hidden="true" data-period={period}>
      {parts}
    </span>
  );
});
