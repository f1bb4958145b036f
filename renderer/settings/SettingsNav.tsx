// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The list of settings sections at the top of the dialog (beside it in wide windows). Each entry
 * scrolls its section to the top and puts the focus on its heading, so a screen reader reads where
 * it landed and the next Tab goes on from there. Buttons, not links: nothing navigates, and the
 * dialog's focus handling (useDialogFocus) counts buttons among its controls.
 */
import { SETTINGS_SECTION_ORDER, SETTINGS_SECTIONS } from './settings-sections';

/** Moves to the heading with this id: scrolled to the top of the dialog, then focused without a second scroll. */
function jumpTo(id: string): void {
  const heading = document.getElementById(id);
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

export function SettingsNav() {
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul>
        {SETTINGS_SECTION_ORDER.map((key) => {
          const { id, title } = SETTINGS_SECTIONS[key];
          return (
            <li key={id}>
              <button type="button" className="settings-nav-link" onClick={() => jumpTo(id)}>
                {title}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
