// SPDX-License-Identifier: GPL-3.0-or-later
/** Settings, security part: auto-lock, lock on sleep and screen lock, clipboard, privacy mode. */
import { Field } from '../shared/Field';
import { SettingToggle } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsSection } from './SettingsSection';

const AUTO_LOCK_MINUTES = [0, 1, 2, 5, 10, 15, 30, 60];
const CLIPBOARD_SECONDS = [0, 10, 20, 30, 45, 60, 90];

/** The presets, plus the current value if the file holds another one. */
function choices(presets: readonly number[], current: number): number[] {
  return presets.includes(current) ? [...presets] : [...presets, current].sort((a, b) => a - b);
}

export function SettingsSecurity(section: SectionProps) {
  const { settings, errors, update } = section;
  return (
    <SettingsSection section="security">
      <div className="field-row">
        <PresetSelect
          id="set-autolock"
          label="Lock after inactivity"
          error={errors.autoLockMinutes ?? null}
          presets={AUTO_LOCK_MINUTES}
          value={settings.autoLockMinutes}
          text={(m) => (m === 0 ? 'Never' : m === 1 ? '1 minute' : `${m} minutes`)}
          onChange={(autoLockMinutes) => void update({ autoLockMinutes })}
        />
        <PresetSelect
          id="set-clipboard"
          label="Clear copied codes after"
          error={errors.clipboardClearSeconds ?? null}
          presets={CLIPBOARD_SECONDS}
          value={settings.clipboardClearSeconds}
          text={(s) => (s === 0 ? 'Never' : `${s} seconds`)}
          onChange={(clipboardClearSeconds) => void update({ clipboardClearSeconds })}
        />
      </div>
      <SettingToggle
        section={section}
        setting="lockOnSuspend"
        id="set-lock-suspend"
        label="Lock when the computer goes to sleep"
      />
      <SettingToggle
        section={section}
        setting="lockOnScreenLock"
        id="set-lock-screen"
        label="Lock when the screen locks"
        hint="Windows and macOS report this; most Linux desktops do not."
      />
      <SettingToggle
        section={section}
        setting="hideCodes"
        id="set-hide-codes"
        label="Hide codes until revealed"
        hint="Codes show as dots; click one (or press Enter on it) to see it until it changes."
      />
    </SettingsSection>
  );
}

interface PresetSelectProps {
  readonly id: string;
  readonly label: string;
  readonly error: string | null;
  readonly presets: readonly number[];
  readonly value: number;
  /** How an option reads, e.g. "5 minutes". */
  readonly text: (value: number) => string;
  readonly onChange: (value: number) => void;
}

/** A number chosen from presets (and the current value when the settings file holds another). */
function PresetSelect({ id, label, error, presets, value, text, onChange }: PresetSelectProps) {
  return (
    <Field id={id} label={label} error={error}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {choices(presets, value).map((n) => (
            <option key={n} value={n}>
              {text(n)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
