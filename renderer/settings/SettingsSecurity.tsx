// SPDX-License-Identifier: GPL-3.0-or-later
/** Settings, security part: auto-lock, lock on sleep and screen lock, clipboard, privacy mode. */
import { Field } from '../shared/Field';
import { SettingsCheckbox } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsSection } from './SettingsSection';

const AUTO_LOCK_MINUTES = [0, 1, 2, 5, 10, 15, 30, 60];
const CLIPBOARD_SECONDS = [0, 10, 20, 30, 45, 60, 90];

/** The presets, plus the current value if the file holds another one. */
function choices(presets: readonly number[], current: number): number[] {
  return presets.includes(current) ? [...presets] : [...presets, current].sort((a, b) => a - b);
}

export function SettingsSecurity({ settings, errors, update }: SectionProps) {
  return (
    <SettingsSection section="security">
      <div className="field-row">
        <Field id="set-autolock" label="Lock after inactivity" error={errors.autoLockMinutes ?? null}>
          {(a11y) => (
            <select
              {...a11y}
              value={settings.autoLockMinutes}
              onChange={(e) => void update({ autoLockMinutes: Number(e.target.value) })}
            >
              {choices(AUTO_LOCK_MINUTES, settings.autoLockMinutes).map((m) => (
                <option key={m} value={m}>
                  {m === 0 ? 'Never' : m === 1 ? '1 minute' : `${m} minutes`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="set-clipboard" label="Clear copied codes after" error={errors.clipboardClearSeconds ?? null}>
          {(a11y) => (
            <select
              {...a11y}
              value={settings.clipboardClearSeconds}
              onChange={(e) => void update({ clipboardClearSeconds: Number(e.target.value) })}
            >
              {choices(CLIPBOARD_SECONDS, settings.clipboardClearSeconds).map((s) => (
                <option key={s} value={s}>
                  {s === 0 ? 'Never' : `${s} seconds`}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <SettingsCheckbox
        id="set-lock-suspend"
        label="Lock when the computer goes to sleep"
        checked={settings.lockOnSuspend}
        error={errors.lockOnSuspend}
        onChange={(lockOnSuspend) => void update({ lockOnSuspend })}
      />
      <SettingsCheckbox
        id="set-lock-screen"
        label="Lock when the screen locks"
        hint="Windows and macOS report this; most Linux desktops do not."
        checked={settings.lockOnScreenLock}
        error={errors.lockOnScreenLock}
        onChange={(lockOnScreenLock) => void update({ lockOnScreenLock })}
      />
      <SettingsCheckbox
        id="set-hide-codes"
        label="Hide codes until revealed"
        hint="Codes show as dots; click one (or press Enter on it) to see it until it changes."
        checked={settings.hideCodes}
        error={errors.hideCodes}
        onChange={(hideCodes) => void update({ hideCodes })}
      />
    </SettingsSection>
  );
}
