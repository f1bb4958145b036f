// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings in sections a person can jump to: a list of the sections at the top of the one dialog,
 * each moving to its section and putting the focus on its heading, from the mouse and the keyboard.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entry } from './fake-api';
import { flush, renderUnlocked } from './helpers';

/** The sections, top to bottom: the name of the link and of the heading it moves to. */
const SECTIONS = [
  'Security',
  'Appearance',
  'Desktop',
  'Clock',
  'Master password',
  'Recovery key',
  'Quick unlock',
  'Backups and export',
  'Icon packs',
  'Vault file',
  'About this vault',
];

async function openSettings() {
  await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], []);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  const nav = within(dialog).getByRole('navigation', { name: 'Settings sections' });
  return { user, dialog, nav };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings: sections to jump to', () => {
  it('lists every section at the top, in the order of their headings', async () => {
    const { dialog, nav } = await openSettings();
    const links = within(nav).getAllByRole('button');
    expect(links.map((l) => l.textContent)).toEqual(SECTIONS);
    // The list comes before the sections.
    const headings = within(dialog).getAllByRole('heading', { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual(SECTIONS);
    for (const heading of headings) {
      expect(nav.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      // A real heading with an id, naming its section.
      expect(heading.id).not.toBe('');
      expect(within(dialog).getByRole('region', { name: heading.textContent ?? '' })).toBeTruthy();
    }
  });

  it('moves to a section and focuses its heading, for each link', async () => {
    const { user, dialog, nav } = await openSettings();
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    for (const name of SECTIONS) {
      await user.click(within(nav).getByRole('button', { name }));
      const heading = within(dialog).getByRole('heading', { level: 3, name });
      expect(document.activeElement).toBe(heading);
      expect(scrolled.mock.contexts.at(-1)).toBe(heading);
      expect(scrolled.mock.calls.at(-1)?.[0]).toMatchObject({ block: 'start' });
    }
    expect(scrolled).toHaveBeenCalledTimes(SECTIONS.length);
  });

  it('works from the keyboard: the list is reached first, Enter jumps, Tab goes on into the section', async () => {
    const { user, dialog, nav } = await openSettings();
    // The first thing the focus reaches in the dialog is the section list.
    expect(document.activeElement).toBe(within(nav).getByRole('button', { name: 'Security' }));
    within(nav).getByRole('button', { name: 'Backups and export' }).focus();
    await user.keyboard('{Enter}');
    const heading = within(dialog).getByRole('heading', { level: 3, name: 'Backups and export' });
    expect(document.activeElement).toBe(heading);
    await user.tab();
    const section = within(dialog).getByRole('region', { name: 'Backups and export' });
    expect(section.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(
      within(section).getByRole('checkbox', { name: 'Back up automatically after each change' }),
    );
    // Escape still closes Settings from a heading.
    heading.focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stays one dialog that saves each change at once: no Save button', async () => {
    const { dialog } = await openSettings();
    expect(screen.getAllByRole('dialog')).toEqual([dialog]);
    expect(within(dialog).queryByRole('button', { name: /^save/i })).toBeNull();
  });
});
