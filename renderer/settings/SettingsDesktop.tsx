// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings, appearance and desktop part: theme, the compact list, always showing the next code, close
 * to tray, start minimised, global shortcut.
 */
import type { SettingsNote, ThemePreference } from '../../electron/domain';
import { SettingToggle } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsSection } from './SettingsSection';
import { ShortcutField } from './ShortcutField';

const THEMES: ReadonlyArray<readonly [ThemePreference, string]> = [
  ['system', 'Same as the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

export function SettingsDesktop({ notes, ...section }: SectionProps & { notes: readonly SettingsNote[] }) {
  const { settings, errors, update } = section;
  const shortcutNote = notes.find((n) => n.setting === 'globalShortcut')?.message ?? null;
  return (
    <>
      <SettingsSection section="appearance">
        <fieldset className="radio-group">
          <legend>Theme</legend>
          {THEMES.map(([value, label]) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="theme"
                value={value}
                checked={settings.theme === value}
                onChange={() => void update({ theme: value })}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <SettingToggle
          section={section}
          setting="compactView"
          id="set-compact-view"
          label="Compact list"
          hint="One line per account, for long lists and small windows. Edit and delete are then in each account’s ⋯ menu."
        />
        <SettingToggle
          section={section}
          setting="alwaysShowNextCode"
          id="set-always-next"
          label="Always show the next code"
          hint="Shows the code that comes next under each time-based code all the time, not only in its last 5 seconds."
        />
      </SettingsSection>
      <SettingsSection section="desktop">
        <SettingToggle
          section={section}
          setting="closeToTray"
          id="set-close-tray"
          label="Keep running in the tray when the window is closed"
          hint="Quit from the tray icon's menu. Where the desktop has no tray, closing quits."
        />
        <SettingToggle
          section={section}
          setting="startMinimised"
          id="set-start-minimised"
          label="Start minimised"
          hint="Tessera starts in the tray (or minimised where there is none)."
        />
        <ShortcutField
          value={settings.globalShortcut}
          error={errors.globalShortcut ?? shortcutNote}
          onChange={(globalShortcut) => update({ globalShortcut })}
        />
      </SettingsSection>
    </>
  );
}
