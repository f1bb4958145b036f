// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock in the codes window: a warning when main measured this computer's clock off by more
 * than it allows (codes may be refused), with the way out ("Use the corrected time"), and, while
 * the corrected time is in use, a note saying so with the way back. Plain words first; the server,
 * the exact difference and the round trip are behind "Details".
 */
import { useState } from 'react';
import type { ClockMeasurement, ClockStatus, Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';
import { AlertIcon } from '../shared/Icons';
import { useClockStore } from './clock-store';
import { clockSentence, signedMs } from './clock-words';

/** A measurement's time as the user's locale writes it. */
export function measuredAtText(at: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "Measured against pool.ntp.org on …: difference +42,317 ms, round trip 18 ms." */
export function measurementFacts(m: ClockMeasurement): string {
  return `Measured against ${m.server} on ${measuredAtText(m.at)}: difference ${signedMs(m.offsetMs)}, round trip ${m.roundTripMs} ms.`;
}

/** Runs a clock request; a refusal is shown, the answer goes to the store (main pushes it too). */
function useClockAction(): {
  readonly error: string | null;
  readonly busy: boolean;
  run(request: () => Promise<Result<ClockStatus>>): Promise<void>;
} {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    error,
    busy,
    async run(request) {
      if (busy) return;
      setBusy(true);
      const result = await request();
      setBusy(false);
      setError(result.ok ? null : result.error.message);
      if (result.ok) useClockStore.getState().setStatus(result.value);
    },
  };
}

export function ClockNotice() {
  const status = useClockStore((s) => s.status);
  const action = useClockAction();
  if (!status) return null;
  const { measured, correction } = status;

  if (correction) {
    return (
      <div className="callout clock-notice" role="status" data-testid="clock-notice">
        <div className="clock-notice-body">
          <p>
            <strong>Codes use the corrected time.</strong> {clockSentence(correction.offsetMs)}
          </p>
          <FormAlert message={action.error} />
          <div className="clock-notice-actions">
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={action.busy}
              onClick={() => void action.run(() => api().clock.useSystem())}
            >
              Use the computer’s clock
            </button>
            <details className="clock-details">
              <summary>Details</summary>
              <p>{measurementFacts(correction)}</p>
              <p>
                Tessera computes codes with this difference, on this computer only. It measures again after each unlock
                and when the computer wakes up (while “Check the clock” is on in Settings), and follows the clock. Once
                the computer’s clock is set right, choose “Use the computer’s clock”.
              </p>
            </details>
          </div>
        </div>
      </div>
    );
  }

  if (!status.warning || !measured) return null;
  return (
    <div className="callout callout-warning clock-notice" role="alert" data-testid="clock-notice">
      <AlertIcon />
      <div className="clock-notice-body">
        <p>
          <strong>{clockSentence(measured.offsetMs)}</strong> Codes may be refused.
        </p>
        <FormAlert message={action.error} />
        <div className="clock-notice-actions">
          <button
            type="button"
            className="button button-primary"
            aria-disabled={action.busy}
            onClick={() => void action.run(() => api().clock.useCorrected())}
          >
            Use the corrected time
          </button>
          <details className="clock-details">
            <summary>Details</summary>
            <p>{measurementFacts(measured)}</p>
            <p>
              Best: set the computer’s clock right (turn on automatic date and time in the system settings); this
              warning goes at the next check. Until then, “Use the corrected time” makes Tessera compute codes with the
              measured difference, on this computer only.
            </p>
          </details>
        </div>
      </div>
    </div>
  );
}
