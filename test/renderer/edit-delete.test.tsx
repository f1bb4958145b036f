// SPDX-License-Identifier: GPL-3.0-or-later
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, fail, snapshot } from './fake-api';
import { renderUnlocked, rowNames } from './helpers';

describe('edit and delete', () => {
  it('edits issuer, tags, notes and favourite, sending only what changed', async () => {
    const a = entry({ issuer: 'Alpha', account: 'one', sortOrder: 0 });
    const b = entry({ issuer: 'Bravo', account: 'two', sortOrder: 1 });
    const fake = await renderUnlocked([a, b], [snapshot(b.id, '123456', Date.now() + 20_000)]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit Bravo, two' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Bravo, two' });
    await user.clear(within(dialog).getByLabelText('Issuer'));
    await user.type(within(dialog).getByLabelText('Issuer'), 'Bravo Bank');
    await user.type(within(dialog).getByRole('combobox', { name: 'Tags' }), 'Money, Bills');
    await user.type(within(dialog).getByLabelText('Notes'), 'recovery codes in the safe');
    await user.click(within(dialog).getByLabelText('Favourite (shown at the top)'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(fake.api.entries.update).toHaveBeenCalledExactlyOnceWith(b.id, {
      issuer: 'Bravo Bank',
      tags: ['Money', 'Bills'],
      notes: 'recovery codes in the safe',
      favourite: true,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rowNames()).toEqual([
      'Bravo Bank, two, favourite, tags Money, Bills, code 123 456',
      'Alpha, one, code loading',
    ]);
  });

  it('shows an edit error next to its field', async () => {
    const a = entry({ issuer: 'Alpha', account: 'one' });
    const fake = await renderUnlocked([a], []);
    vi.mocked(fake.api.entries.update).mockResolvedValueOnce(
      fail({ code: 'invalid-entry', message: 'The account name is too long.', field: 'account' }),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit Alpha, one' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Account'), 'x'.repeat(20));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByLabelText('Account').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('The account name is too long.')).toBeTruthy();
  });

  it('deletes only after confirmation; Cancel has the focus', async () => {
    const a = entry({ issuer: 'Alpha', account: 'one', sortOrder: 0 });
    const b = entry({ issuer: 'Bravo', account: 'two', sortOrder: 1 });
    const fake = await renderUnlocked([a, b], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete Alpha, one' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Alpha, one?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(fake.api.entries.remove).not.toHaveBeenCalled();
    expect(rowNames()).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Delete Alpha, one' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(fake.api.entries.remove).toHaveBeenCalledExactlyOnceWith(a.id);
    expect(rowNames()).toEqual(['Bravo, two, code loading']);
    expect(await screen.findByText('Deleted Alpha, one')).toBeTruthy();
  });
});
