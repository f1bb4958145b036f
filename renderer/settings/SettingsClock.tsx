// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings, clock part: whether Tessera checks this computer's clock against a time server (one
 * small network request after each unlock and wake-up; off means no network at all), which server,
 * the last result, "Check now", and the way back from the corrected time.
 */
import { useState } from 'react';
import type { ClockStatus, Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { useClockStore } from '../clock/clock-store';
import { clockSentence } from '../clock/clock-words';
import { measuredAtText } from '../clock/ClockNotice';
import { BusyNote } from '../shared/BusyNote';
import { Field } from '../shared/Field';
import { FormAlert } from '../shared/FormAlert';
import { SettingsCheckbox } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsSection } from './SettingsSection';

export function SettingsClock({ settings, errors, update }: SectionProps) {
  const status = useClockStore((s) => s.status);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const checking = asking || status?.checking === true;

  /** A clock request; its refusal shows here, its answer goes to the store (main pushes it too). */
  async function request(call: () => Promise<Result<ClockStatus>>): Promise<void> {
    const result = await call();
    setError(result.ok ? null : result.error.message);
    if (result.ok) useClockStore.getState().setStatus(result.value);
  }

  async function checkNow(): Promise<void> {
    if (checking) return;
    setAsking(true);
    await request(() => api().clock.check());
    setAsking(false);
  }

  return (
    <SettingsSection section="clock">
      <SettingsCheckbox
        id="set-clock-check"
        label="Check the clock"
        hint="Codes are only right when this computer’s clock is. After each unlock and when the computer wakes up, Tessera asks a time server once. Off: Tessera uses no network at all."
        checked={settings.clockCheck}
        error={errors.clockCheck}
        onChange={(clockCheck) => void update({ clockCheck })}
      />
      <ServerField
        value={settings.clockServer}
        error={errors.clockServer ?? null}
        onCommit={(clockServer) => void update({ clockServer })}
      />
      <LastCheck status={status} on={settings.clockCheck} />
      <FormAlert message={error} />
      {checking ? <BusyNote label="Checking the clock…" /> : null}
      <div className="settings-actions">
        {settings.clockCheck ? (
          // aria-disabled, not disabled: a disabled button would drop the keyboard focus while it works.
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={checking}
            onClick={() => void checkNow()}
          >
            Check now
          </button>
        ) : null}
        {status?.correction ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void request(() => api().clock.useSystem())}
          >
            Use the computer’s clock
          </button>
        ) : null}
      </div>
    </SettingsSection>
  );
}

/** The last result in words, and whether codes use the corrected time. */
function LastCheck({ status, on }: { status: ClockStatus | null; on: boolean }) {
  if (!status) return null;
  const { measured, problem, correction } = status;
  return (
    <>
      <p className="clock-last" role="status">
        {measured ? (
          <>
            Last check, <time dateTime={new Date(measured.at).toISOString()}>{measuredAtText(measured.at)}</time>:{' '}
            {clockSentence(measured.offsetMs)}
          </>
        ) : on ? (
          'Not checked yet: Tessera checks after each unlock.'
        ) : (
          'The clock is not checked.'
        )}
        {correction ? ' Codes use the corrected time.' : null}
      </p>
      {problem ? (
        <div className="callout callout-warning" role="alert">
          <p>The last check did not work.</p>
          <p>{problem}</p>
        </div>
      ) : null}
    </>
  );
}

interface ServerFieldProps {
  readonly value: string;
  readonly error: string | null;
  readonly onCommit: (server: string) => void;
}

/** The time server: typed freely, saved on Enter or when the field is left; main checks it. */
function ServerField({ value, error, onCommit }: ServerFieldProps) {
  /** What is being typed; null shows the saved value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function commit(): void {
    if (draft === null) return;
    const server = draft.trim();
    if (server === '') {
      setProblem('Enter a time server, for example pool.ntp.org.');
      return;
    }
    setProblem(null);
    setDraft(null);
    if (server !== value) onCommit(server);
  }

  return (
    <Field
      id="set-clock-server"
      label="Time server"
      hint="A name such as pool.ntp.org, or an address; add :port when it is not 123 ([…]:port for IPv6)."
      error={problem ?? error}
    >
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={draft ?? value}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      )}
    </Field>
  );
}
