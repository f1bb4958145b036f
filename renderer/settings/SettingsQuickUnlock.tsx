// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Quick unlock: opening Tessera on this computer with a short PIN (or Touch ID) instead
 * of the master password. Where this computer cannot protect it (no keyring Tessera can use), the
 * section says why and offers nothing. Otherwise: what it is and what it risks, whether it is on
 * (how, and until when), setting it up (QuickUnlockSetup: how, then the master password), "Switch
 * off", and the two policies, which are settings like the others and apply from the next setup.
 */
import { useEffect, useRef, useState } from 'react';
import type { QuickUnlockStatus } from '../../electron/domain';
import { api } from '../api';
import { QUICK_UNLOCK_LIMITS } from '../shared/domain-values';
import { FormAlert } from '../shared/FormAlert';
import { refreshQuickUnlock, useQuickUnlockStore } from '../shared/quick-unlock-store';
import { showToast } from '../shared/toast-store';
import { QuickUnlockSetup } from './QuickUnlockSetup';
import { SettingToggle } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsDraftField, type DraftReading } from './SettingsDraftField';
import { SettingsSection } from './SettingsSection';

/** What quick unlock is, and what it risks, in plain words. */
export function quickUnlockAbout(touchIdAvailable: boolean): string {
  const how = touchIdAvailable ? 'a short PIN (or Touch ID)' : 'a short PIN';
  return (
    `Open Tessera on this computer with ${how} instead of the master password. Anyone who knows the PIN and ` +
    `uses this computer account can open the vault; ${QUICK_UNLOCK_LIMITS.maxFailures} wrong PINs switch it off.`
  );
}

/** A moment as the user's locale writes a date and time ("14 March 2030 at 12:00"). */
export function quickUnlockDateText(time: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(time);
}

/** Said once quick unlock is off again. */
export const SWITCHED_OFF_NOTICE = 'Quick unlock is off. Tessera asks for the master password.';

export function SettingsQuickUnlock(section: SectionProps) {
  const status = useQuickUnlockStore((s) => s.status);
  const loadError = useQuickUnlockStore((s) => s.loadError);
  const [settingUp, setSettingUp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);
  const setUpButton = useRef<HTMLButtonElement>(null);
  const offButton = useRef<HTMLButtonElement>(null);
  /** The button to focus once the form or the "on" state it replaced is gone. */
  const focusNext = useRef<'set-up' | 'off' | null>(null);
  // Tries left and an expiry are read when asked.
  useEffect(() => void refreshQuickUnlock(), []);
  useEffect(() => {
    if (focusNext.current === null) return;
    const button = focusNext.current === 'off' ? offButton.current : setUpButton.current;
    if (!button) return;
    focusNext.current = null;
    button.focus();
  });

  function enabled(now: QuickUnlockStatus): void {
    useQuickUnlockStore.getState().setStatus(now);
    focusNext.current = 'off';
    setSettingUp(false);
    showToast(now.method === 'touch-id' ? 'Quick unlock is on: use Touch ID.' : 'Quick unlock is on: use your PIN.');
  }

  async function switchOff(): Promise<void> {
    if (switching) return;
    setSwitching(true);
    const result = await api().quickUnlock.disable();
    setSwitching(false);
    setError(result.ok ? null : result.error.message);
    if (!result.ok) return;
    focusNext.current = 'set-up';
    useQuickUnlockStore.getState().setStatus(result.value);
    showToast(SWITCHED_OFF_NOTICE);
  }

  if (status === null) {
    return (
      <SettingsSection section="quickUnlock">
        {loadError ? <FormAlert message={loadError.message} /> : <p className="field-hint">Loading…</p>}
      </SettingsSection>
    );
  }
  if (!status.available) {
    return (
      <SettingsSection section="quickUnlock">
        <p className="quick-unlock-state" role="status">
          {status.unavailableReason ?? 'Quick unlock cannot be used on this computer.'}
        </p>
      </SettingsSection>
    );
  }
  return (
    <SettingsSection section="quickUnlock">
      <p className="quick-unlock-state" role="status">
        <strong>{stateText(status)}</strong>
        {status.enabled ? <> {untilText(status)}</> : null}
      </p>
      <p className="field-hint">{quickUnlockAbout(status.touchIdAvailable)}</p>
      {!status.enabled && status.lapsedReason ? (
        <div className="callout callout-warning" role="note">
          {status.lapsedReason}
        </div>
      ) : null}
      {settingUp ? (
        <QuickUnlockSetup
          touchIdAvailable={status.touchIdAvailable}
          onEnabled={enabled}
          onCancel={() => {
            focusNext.current = 'set-up';
            setSettingUp(false);
          }}
        />
      ) : (
        <div className="settings-actions">
          {status.enabled ? (
            // aria-disabled, not disabled: the focus stays on the button while main works.
            <button
              ref={offButton}
              type="button"
              className="button button-secondary"
              aria-disabled={switching}
              onClick={() => void switchOff()}
            >
              Switch off
            </button>
          ) : (
            <button
              ref={setUpButton}
              type="button"
              className="button button-secondary"
              onClick={() => setSettingUp(true)}
            >
              Set up quick unlock…
            </button>
          )}
        </div>
      )}
      <FormAlert message={error} />
      <QuickUnlockPolicies section={section} on={status.enabled} />
    </SettingsSection>
  );
}

/** Whether quick unlock is on, and how. */
function stateText(status: QuickUnlockStatus): string {
  if (!status.enabled) return 'Quick unlock is off.';
  return status.method === 'touch-id' ? 'Quick unlock is on, with Touch ID.' : 'Quick unlock is on, with a PIN.';
}

/** Until when quick unlock works before the master password is asked again. */
function untilText(status: QuickUnlockStatus) {
  const date =
    status.expiresAt === null ? null : (
      <time dateTime={new Date(status.expiresAt).toISOString()}>{quickUnlockDateText(status.expiresAt)}</time>
    );
  if (status.untilRestart && date) return <>It works until Tessera restarts, and at most until {date}.</>;
  if (status.untilRestart) return <>It works until Tessera restarts.</>;
  if (date) return <>It works until {date}.</>;
  return null;
}

/** "Ask for the master password after Tessera restarts" and "… every N days": settings for the next setup. */
function QuickUnlockPolicies({ section, on }: { section: SectionProps; on: boolean }) {
  return (
    <div className="quick-unlock-policies">
      <SettingToggle
        section={section}
        setting="quickUnlockUntilRestart"
        id="set-quick-unlock-restart"
        label="Ask for the master password after Tessera restarts"
        hint="Quick unlock then lasts until Tessera quits, and nothing of it is kept on disk."
      />
      <SettingsDraftField
        id="set-quick-unlock-days"
        label="Ask for the master password every (days)"
        hint={`A whole number of days from 1 to ${QUICK_UNLOCK_LIMITS.everyDaysMax}.`}
        className="quick-unlock-days"
        value={section.settings.quickUnlockEveryDays}
        error={section.errors.quickUnlockEveryDays ?? null}
        read={readEveryDays}
        onCommit={(quickUnlockEveryDays) => void section.update({ quickUnlockEveryDays })}
        input={{ type: 'number', inputMode: 'numeric', min: 1, max: QUICK_UNLOCK_LIMITS.everyDaysMax, step: 1 }}
      />
      <p className="field-hint">
        {on
          ? 'Changes here apply the next time you set up quick unlock: switch it off and set it up again to use them now.'
          : 'Changes here apply the next time you set up quick unlock.'}
      </p>
    </div>
  );
}

/** Days between master passwords: a whole number from 1 to 90. */
function readEveryDays(draft: string): DraftReading<number> {
  const days = Number(draft.trim());
  if (draft.trim() === '' || !Number.isInteger(days) || days < 1 || days > QUICK_UNLOCK_LIMITS.everyDaysMax) {
    return { problem: `Choose a whole number of days from 1 to ${QUICK_UNLOCK_LIMITS.everyDaysMax}.` };
  }
  return { value: days };
}
