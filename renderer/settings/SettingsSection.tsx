// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One settings section: a region named by its heading. The heading can take the focus from script
 * (tabIndex -1, not in the Tab order), so the section list can move a keyboard or screen reader user
 * there and the next Tab goes on into the section.
 */
import type { ReactNode } from 'react';
import { SETTINGS_SECTIONS, type SettingsSectionKey } from './settings-sections';

export function SettingsSection({ section, children }: { section: SettingsSectionKey; children: ReactNode }) {
  const { id, title } = SETTINGS_SECTIONS[section];
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h3 id={id} className="settings-heading" tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  );
}
