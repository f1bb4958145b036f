// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A labelled on/off setting with an optional hint and error, wired for screen readers, and
 * SettingToggle, the same checkbox bound to one of the settings.
 */
import type { Settings, SettingsPatch } from '../../electron/domain';
import type { SectionProps } from './SettingsDialog';

export interface SettingsCheckboxProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly checked: boolean;
  readonly error?: string | undefined;
  readonly onChange: (checked: boolean) => void;
}

export function SettingsCheckbox({ id, label, hint, checked, error, onChange }: SettingsCheckboxProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="settings-check">
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The settings that are on or off. */
type ToggleSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

export interface SettingToggleProps extends Omit<SettingsCheckboxProps, 'checked' | 'error' | 'onChange'> {
  /** The section's settings, their refusals and the way to change them. */
  readonly section: SectionProps;
  readonly setting: ToggleSetting;
}

/** A checkbox for one on/off setting: ticked as saved, a change sent to main, main's refusal beside it. */
export function SettingToggle({ section, setting, ...shown }: SettingToggleProps) {
  return (
    <SettingsCheckbox
      {...shown}
      checked={section.settings[setting]}
      error={section.errors[setting]}
      // A computed key widens to every setting; `setting` is one whose value is a boolean.
      onChange={(on) => void section.update({ [setting]: on } as SettingsPatch)}
    />
  );
}
