// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock in the codes window: a warning when main measured this computer's clock off by more
 * than it allows (codes may be refused), with the way out ("Use the corrected time"), and, while
 * the corrected time is in use, a note saying so with the way back. Plain words first; the server,
 * the exact difference and the round trip are behind "Details".
 */
import { useState, type ReactNode } from 'react';
import type { ClockMeasurement, ClockStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
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

interface ClockAction {
  readonly error: string | null;
  readonly busy: boolean;
  run(request: () => Promise<Result<ClockStatus>>): Promise<void>;
}

/** Runs a clock request; a refusal is shown, the answer goes to the store (main pushes it too). */
function useClockAction(): ClockAction {
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
        <ClockNoticeBody
          sentence={
            <>
              <strong>Codes use the corrected time.</strong> {clockSentence(correction.offsetMs)}
            </>
          }
          action={action}
          button={{ className: 'button button-secondary', label: 'Use the computer’s clock' }}
          request={() => api().clock.useSystem()}
          measurement={correction}
          explanation="Tessera computes codes with this difference, on this computer only. It measures again after each unlock and when the computer wakes up (while “Check the clock” is on in Settings), and follows the clock. Once the computer’s clock is set right, choose “Use the computer’s clock”."
        />
      </div>
    );
  }

  if (!status.warning || !measured) return null;
  return (
    <div className="callout callout-warning clock-notice" role="alert" data-testid="clock-notice">
      <AlertIcon />
      <ClockNoticeBody
        sentence={
          <>
            <strong>{clockSentence(measured.offsetMs)}</strong> Codes may be refused.
          </>
        }
        action={action}
        button={{ className: 'button button-primary', label: 'Use the corrected time' }}
        request={() => api().clock.useCorrected()}
        measurement={measured}
        explanation="Best: set the computer’s clock right (turn on automatic date and time in the system settings); this warning goes at the next check. Until then, “Use the corrected time” makes Tessera compute codes with the measured difference, on this computer only."
      />
    </div>
  );
}

interface ClockNoticeBodyProps {
  readonly sentence: ReactNode;
  readonly action: ClockAction;
  /** The way out (or back), which runs `request`. */
  readonly button: { readonly className: string; readonly label: string };
  readonly request: () => Promise<Result<ClockStatus>>;
  /** The measurement behind "Details", with what to do about it. */
  readonly measurement: ClockMeasurement;
  readonly explanation: string;
}

/** What a notice says, its one action and, behind "Details", the measurement and what to do. */
function ClockNoticeBody({ sentence, action, button, request, measurement, explanation }: ClockNoticeBodyProps) {
  return (
    <div className="clock-notice-body">
      <p>{sentence}</p>
      <FormAlert message={action.error} />
      <div className="clock-notice-actions">
        <button
          type="button"
          className={button.className}
          aria-disabled={action.busy}
          onClick={() => void action.run(request)}
        >
          {button.label}
        </button>
        <details className="clock-details">
          <summary>Details</summary>
          <p>{measurementFacts(measurement)}</p>
          <p>{explanation}</p>
        </details>
      </div>
    </div>
  );
}
