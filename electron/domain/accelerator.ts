// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Checks and normalises the accelerator string of the global shortcut before it reaches
 * `globalShortcut.register`, which only answers "false" for a string it cannot parse. Pure (no
 * Electron import): the settings validator and the tests use it as is.
 *
 * Policy: exactly one key, last; at least one modifier other than Shift (a global Shift+A would
 * take the capital A from every application), except for F13–F24, which no keyboard layout types.
 * @see https://www.electronjs.org/docs/latest/api/accelerator
 */

/** Modifier spellings Electron accepts, each mapped to its canonical name and a group for duplicates. */
const MODIFIERS: Readonly<Record<string, { readonly name: string; readonly group: string }>> = {
  command: { name: 'Command', group: 'command' },
  cmd: { name: 'Command', group: 'command' },
  control: { name: 'Control', group: 'control' },
  ctrl: { name: 'Control', group: 'control' },
  commandorcontrol: { name: 'CommandOrControl', group: 'command-or-control' },
  cmdorctrl: { name: 'CommandOrControl', group: 'command-or-control' },
  alt: { name: 'Alt', group: 'alt' },
  option: { name: 'Alt', group: 'alt' },
  altgr: { name: 'AltGr', group: 'altgr' },
  shift: { name: 'Shift', group: 'shift' },
  super: { name: 'Super', group: 'super' },
  meta: { name: 'Super', group: 'super' },
};

/** Named keys (lower-case spelling → canonical name). */
const NAMED_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'PrintScreen',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
    ...Array.from({ length: 10 }, (_, i) => `num${i}`),
    ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
  ].map((name) => [name.toLowerCase(), name]),
);
const ALIASES: Readonly<Record<string, string>> = { enter: 'Return', esc: 'Escape' };
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{]}[|\\\'"']);
const MAX_LENGTH = 100;

export type AcceleratorCheck =
  { readonly ok: true; readonly accelerator: string } | { readonly ok: false; readonly message: string };

function keyName(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (PUNCTUATION.has(token)) return token;
  const lower = token.toLowerCase();
  return ALIASES[lower] ?? NAMED_KEYS[lower] ?? null;
}

/** Keys that may stand without a modifier: F13–F24 exist on few keyboards and type nothing. */
function mayStandAlone(key: string): boolean {
  const f = /^F(\d+)$/.exec(key);
  return f !== null && Number(f[1]) >= 13;
}

/**
 * Validates `raw` as a global-shortcut accelerator and returns its canonical spelling
 * (`ctrl+alt+t` → `Control+Alt+T`). The empty string means "no shortcut" and is valid.
 */
export function checkAccelerator(raw: string): AcceleratorCheck {
  const text = raw.trim();
  if (text === '') return { ok: true, accelerator: '' };
  if (text.length > MAX_LENGTH) return { ok: false, message: `A shortcut is at most ${MAX_LENGTH} characters long.` };
  const tokens = text.split('+').map((t) => t.trim());
  if (tokens.some((t) => t === '')) {
    return { ok: false, message: 'Write a shortcut as keys joined by “+”, e.g. Control+Alt+T (use “Plus” for +).' };
  }
  const last = tokens[tokens.length - 1] ?? '';
  const key = keyName(last);
  if (key === null || MODIFIERS[last.toLowerCase()]) {
    return { ok: false, message: `“${last}” is not a key a shortcut can end with.` };
  }
  const groups = new Set<string>();
  const names: string[] = [];
  for (const token of tokens.slice(0, -1)) {
    const modifier = MODIFIERS[token.toLowerCase()];
    if (!modifier)
      return { ok: false, message: `“${token}” is not a modifier (Control, Alt, Shift, Super, Command…).` };
    if (groups.has(modifier.group)) return { ok: false, message: `“${token}” appears twice in the shortcut.` };
    groups.add(modifier.group);
    names.push(modifier.name);
  }
  const hasRealModifier = [...groups].some((g) => g !== 'shift');
  if (!hasRealModifier && !mayStandAlone(key)) {
    return { ok: false, message: 'Add Control, Alt, Super or Command: a global shortcut must not take a plain key.' };
  }
  return { ok: true, accelerator: [...names, key].join('+') };
}
