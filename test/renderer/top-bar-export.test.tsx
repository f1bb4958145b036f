// SPDX-License-Identifier: GPL-3.0-or-later
/** Export in the top bar, beside Import: it opens "Export accounts" and the focus comes back to it. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { entry } from './fake-api';
import { flush, renderUnlocked } from './helpers';

async function renderCodes() {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], []);
  const user = userEvent.setup();
  const bar = screen.getByRole('banner');
  return { fake, user, bar };
}

describe('top bar: Export', () => {
  it('stands beside Import, named by a word that narrow windows hide only visually', async () => {
    const { bar } = await renderCodes();
    const names = within(bar)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(names).toEqual(['Add account', 'Import', 'Export', 'Settings', 'Lock']);
    const button = within(bar).getByRole('button', { name: 'Export' });
    // The word is the button's text (in the span the narrow layout hides visually), not only a label.
    expect(button.querySelector('span')?.textContent).toBe('Export');
    expect(button.getAttribute('title')).toBeTruthy();
  });

  it('opens the export dialog over the codes, and the focus returns to Export when it closes', async () => {
    const { fake, user, bar } = await renderCodes();
    const button = within(bar).getByRole('button', { name: 'Export' });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Export accounts' });
    expect(within(dialog).getByRole('radio', { name: 'Tessera backup (encrypted)' })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    expect(document.querySelector('.codes-main')?.hasAttribute('inert')).toBe(true);
    expect(dialog.contains(document.activeElement)).toBe(true);

    await user.keyboard('{Escape}');
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.api.exports.end).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(within(screen.getByRole('banner')).getByRole('button', { name: 'Export' }));

    // …and again from the keyboard, closed with its Close button.
    await user.keyboard('{Enter}');
    const again = screen.getByRole('dialog', { name: 'Export accounts' });
    await user.click(within(again).getByRole('button', { name: 'Close' }));
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(within(screen.getByRole('banner')).getByRole('button', { name: 'Export' }));
  });
});
