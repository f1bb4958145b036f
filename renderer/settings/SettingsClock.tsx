// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings, clock part: whether Tessera checks this computer's clock against a time server (one
 * small network request after each unlock and wake-up; off means no network at all), which server,
 * the last result, "Check now", and the way back from the corrected time.
 */
import { useState } from 'react';
import type { ClockStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { useClockStore } from '../clock/clock-store';
import { clockSentence } from '../clock/clock-words';
import { measuredAtText } from '../clock/ClockNotice';
import { BusyNote } from '../shared/BusyNote';
import { FormAlert } from '../shared/FormAlert';
import { SettingToggle } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsDraftField, type DraftReading } from './SettingsDraftField';
import { SettingsSection } from './SettingsSection';

export function SettingsClock(section: SectionProps) {
  const { settings } = section;
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
      <SettingToggle
        section={section}
        setting="clockCheck"
        id="set-clock-check"
        label="Check the clock"
        hint="Codes are only right when this computer’s clock is. After each unlock and when the computer wakes up, Tessera asks a time server once. Off: Tessera uses no network at all."
      />
      <SettingsDraftField
        id="set-clock-server"
        label="Time server"
        hint="A name such as pool.ntp.org, or an address; add :port when it is not 123 ([…]:port for IPv6)."
        value={settings.clockServer}
        error={section.errors.clockServer ?? null}
        read={readServer}
        onCommit={(clockServer) => void section.update({ clockServer })}
        input={{ type: 'text', spellCheck: false, autoComplete: 'off' }}
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

/** The time server: any name or address (main checks it); only an empty one is refused here. */
function readServer(draft: string): DraftReading<string> {
  const server = draft.trim();
  return server === '' ? { problem: 'Enter a time server, for example pool.ntp.org.' } : { value: server };
}
