// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Records the global shortcut: focus the field and press the keys (e.g. Ctrl+Alt+T). Tab and
 * Shift+Tab still move focus; Backspace or "Clear" turns the shortcut off. Main checks the result
 * and registers it with the system, and says so when another application holds it.
 */
import { useState, type KeyboardEvent } from 'react';
import { Field } from '../shared/Field';
import { isMacPlatform } from '../shared/shortcut-label';
import { acceleratorFromKeyPress, acceleratorLabel } from './accelerator';

export interface ShortcutFieldProps {
  readonly value: string;
  readonly error: string | null;
  /** Saves the accelerator ('' = off); resolves false when main refused it. */
  readonly onChange: (accelerator: string) => Promise<boolean>;
}

export function ShortcutField({ value, error, onChange }: ShortcutFieldProps) {
  const [recording, setRecording] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const mac = isMacPlatform();

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    if ((event.key === 'Backspace' || event.key === 'Delete') && !event.ctrlKey && !event.altKey && !event.metaKey) {
      setHint(null);
      void onChange('');
      return;
    }
    if (event.key === 'Escape') return event.currentTarget.blur();
    const accelerator = acceleratorFromKeyPress(event, mac);
    if (accelerator === null) return;
    if (!event.ctrlKey && !event.altKey && !event.metaKey && !/^F(1[3-9]|2[0-4])$/.test(event.code)) {
      setHint('Hold Ctrl, Alt or Super with the key: a global shortcut must not take a plain key.');
      return;
    }
    setHint(null);
    void onChange(accelerator);
  }

  const shown = acceleratorLabel(value, mac);
  return (
    <Field
      id="set-shortcut"
      label="Global shortcut"
      hint="Shows Tessera with the search field ready, from any application."
      error={hint ?? error}
    >
      {(a11y) => (
        <div className="input-with-button">
          <input
            {...a11y}
            className="mono"
            readOnly
            value={recording ? (shown ? `${shown} — press new keys` : 'Press the keys…') : shown || 'Off'}
            onFocus={() => setRecording(true)}
            onBlur={() => {
              setRecording(false);
              setHint(null);
            }}
            onKeyDown={onKeyDown}
            aria-keyshortcuts={value || undefined}
          />
          <button
            type="button"
            className="button button-ghost button-small"
            disabled={value === ''}
            onClick={() => void onChange('')}
          >
            Clear
          </button>
        </div>
      )}
    </Field>
  );
}
