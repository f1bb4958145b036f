// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The global-shortcut field records a key press as an Electron accelerator string (main validates
 * it again, electron/platform/accelerator.ts) and shows one in the platform's words.
 * @see https://www.electronjs.org/docs/latest/api/accelerator
 */

/** The parts of a KeyboardEvent the recorder reads. */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

const CODE_KEYS: Readonly<Record<string, string>> = {
  Space: 'Space',
  Enter: 'Return',
  NumpadEnter: 'Return',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

/** The key part, from the physical key so that the layout does not change it; null for a bare modifier. */
function keyOf(press: KeyPress): string | null {
  const letter = /^Key([A-Z])$/.exec(press.code);
  if (letter?.[1]) return letter[1];
  const digit = /^Digit(\d)$/.exec(press.code);
  if (digit?.[1]) return digit[1];
  const numpad = /^Numpad(\d)$/.exec(press.code);
  if (numpad?.[1]) return `num${numpad[1]}`;
  if (/^F([1-9]|1\d|2[0-4])$/.test(press.code)) return press.code;
  return CODE_KEYS[press.code] ?? null;
}

/**
 * The accelerator for a key press, or null while only modifiers are held. Ctrl is written
 * CommandOrControl off macOS, so the setting means the same thing if the vault moves to a Mac.
 */
export function acceleratorFromKeyPress(press: KeyPress, isMac: boolean): string | null {
  const key = keyOf(press);
  if (key === null) return null;
  const parts: string[] = [];
  if (press.ctrlKey) parts.push(isMac ? 'Control' : 'CommandOrControl');
  if (press.metaKey) parts.push(isMac ? 'Command' : 'Super');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  return [...parts, key].join('+');
}

const WORDS: Readonly<Record<string, readonly [mac: string, other: string]>> = {
  CommandOrControl: ['⌘', 'Ctrl'],
  Command: ['⌘', 'Super'],
  Control: ['⌃', 'Ctrl'],
  Alt: ['⌥', 'Alt'],
  Shift: ['⇧', 'Shift'],
  Super: ['⌘', 'Super'],
};

/** "Ctrl+Alt+T" or "⌘⌥T"; '' stays ''. */
export function acceleratorLabel(accelerator: string, isMac: boolean): string {
  if (accelerator === '') return '';
  const parts = accelerator.split('+').map((part) => WORDS[part]?.[isMac ? 0 : 1] ?? part);
  return isMac ? parts.join('') : parts.join('+');
}
