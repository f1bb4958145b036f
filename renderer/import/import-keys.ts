// SPDX-License-Identifier: GPL-3.0-or-later
/** Keyboard tests for the paste import: Ctrl/Cmd+V outside text fields, where paste keeps its meaning. */

/** Inputs that take typed text (and so their own paste); checkboxes, radios and buttons do not. */
const NON_TEXT_INPUTS: readonly string[] = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'];

/** True for a text input, a textarea or editable content. */
export function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !NON_TEXT_INPUTS.includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** Ctrl+V (Cmd+V on macOS) alone, not held down. */
export function isPasteShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    !event.repeat &&
    event.key.toLowerCase() === 'v'
  );
}
