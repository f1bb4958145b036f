// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time left for a code as a ring and a number, computed from `validUntil` against the shared
 * clock (no timer of its own). Urgent in the last few seconds. Decorative for screen readers: the
 * row's name carries the code, and a number changing every second would be noise.
 */
import { URGENT_SECONDS, periodSeconds, secondsLeft } from '../lib/countdown';
import { useNow } from '../hooks/useNow';

const RADIUS = 15;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function CountdownRing({ validFrom, validUntil }: { validFrom: number; validUntil: number }) {
  const now = useNow();
  const left = secondsLeft(validUntil, now);
  const fraction = Math.min(1, left / periodSeconds(validFrom, validUntil));
  const urgent = left <= URGENT_SECONDS;
  return (
    <span className={urgent ? 'ring ring-urgent' : 'ring'} data-seconds-left={left} aria-hidden="true">
      <svg viewBox="0 0 36 36" width="36" height="36" focusable="false">
        <circle className="ring-track" cx="18" cy="18" r={RADIUS} />
        <circle
          className="ring-progress"
          cx="18"
          cy="18"
          r={RADIUS}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          transform="rotate(-90 18 18)"
        />
      </svg>
      <span className="ring-label">{left}</span>
    </span>
  );
}
