// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Conflict copies in the window (issue #18): main's report (`vault:conflict-copies`) shown as one
 * toast in plain words ("Merged 1 conflict copy from DESKTOP-ABC."), which file is another vault,
 * and for a copy saved with another password a button that asks for it once, in a dialog that
 * makes the screen behind inert; a wrong password is said on the field; the report is followed
 * from the app's start so one sent right after unlock is not missed.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConflictCopiesReport } from '../../electron/domain';
import { mergedSentence, reportSentences } from '../../renderer/codes/conflict-copies';
import { entry, installFakeApi, lockedStatus, unlockedStatus } from './fake-api';
import { flush, renderApp, renderUnlocked } from './helpers';

const NONE: ConflictCopiesReport = { merged: [], needPassword: [], otherVaults: [], failed: [] };
const SYNCTHING = 'vault.sync-conflict-20261205-101010-ABCDEF1.tessera';
const OTHER = 'vault (conflicted copy).tessera';

const toastText = (): string => document.querySelector('.toast-text')?.textContent ?? '';

describe('conflict copies: words', () => {
  it('names the devices a copy came from, but not Syncthing’s (the device whose change won)', () => {
    const copy = { file: 'x', passwordFromCopy: false };
    expect(mergedSentence([{ ...copy, tool: 'dropbox', device: 'DESKTOP-ABC' }])).toBe(
      'Merged 1 conflict copy from DESKTOP-ABC. It was moved to the backups folder.',
    );
    expect(
      mergedSentence([
        { ...copy, tool: 'dropbox', device: 'DESKTOP-ABC' },
        { ...copy, tool: 'onedrive', device: 'Laptop' },
        { ...copy, tool: 'nextcloud', device: 'alice' },
        { ...copy, tool: 'dropbox', device: 'DESKTOP-ABC' },
      ]),
    ).toBe('Merged 4 conflict copies from DESKTOP-ABC, Laptop and alice. They were moved to the backups folder.');
    expect(mergedSentence([{ ...copy, tool: 'syncthing', device: 'ABCDEF1' }])).toBe(
      'Merged 1 conflict copy. It was moved to the backups folder.',
    );
    expect(mergedSentence([{ ...copy, tool: null, device: null, passwordFromCopy: true }])).toMatch(
      /saved later with another password, so that password now opens your vault\.$/,
    );
    expect(mergedSentence([])).toBeNull();
  });

  it('says which file is another vault, and passes main’s sentence for a failure on', () => {
    expect(
      reportSentences({
        ...NONE,
        otherVaults: [OTHER],
        failed: [{ file: 'vault 2.tessera', message: 'vault 2.tessera could not be read.' }],
      }),
    ).toEqual([
      'vault (conflicted copy).tessera is a different vault from the one open; Tessera left it where it is.',
      'vault 2.tessera could not be read.',
    ]);
  });
});

describe('conflict copies: the toast and the password dialog', () => {
  it('shows what was merged', async () => {
    const fake = await renderUnlocked([entry()], []);
    fake.emitConflictCopies({
      ...NONE,
      merged: [{ file: 'x.tessera', tool: 'dropbox', device: 'DESKTOP-ABC', passwordFromCopy: false }],
    });
    expect(toastText()).toBe('Merged 1 conflict copy from DESKTOP-ABC. It was moved to the backups folder.');
    expect(document.querySelector('.toast-info')).not.toBeNull();
  });

  it('a report sent right after unlock, before the codes screen is up, is shown there', async () => {
    const fake = installFakeApi({ status: lockedStatus(), entries: [entry()] });
    renderApp();
    await flush();
    fake.emitConflictCopies({ ...NONE, otherVaults: [OTHER] });
    fake.emitStatus(unlockedStatus(1));
    await screen.findByRole('main');
    expect(toastText()).toBe(
      'vault (conflicted copy).tessera is a different vault from the one open; Tessera left it where it is.',
    );
  });

  it('asks for a copy’s own password once: a wrong one is said on the field, the right one merges it', async () => {
    const fake = await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    fake.emitConflictCopies({ ...NONE, needPassword: [SYNCTHING] });
    expect(toastText()).toBe(
      `A copy of your vault saved with another password was found: ${SYNCTHING}. Enter that password to merge it.`,
    );
    await user.click(screen.getByRole('button', { name: 'Enter password…' }));
    const dialog = screen.getByRole('dialog', { name: 'Merge a copy of your vault' });
    expect(dialog.textContent).toContain(SYNCTHING);
    // The screen behind is inert while it is open.
    expect(document.querySelector('.codes-main')?.hasAttribute('inert')).toBe(true);

    const field = within(dialog).getByLabelText('Master password');
    expect(document.activeElement).toBe(field);
    await user.type(field, 'not the one');
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await flush();
    expect(fake.api.vault.mergeCopy).toHaveBeenLastCalledWith(SYNCTHING, 'not the one');
    expect(within(dialog).getByText('That password does not open this copy.')).toBeTruthy();

    await user.clear(field);
    await user.type(field, fake.state.conflictCopyPassword);
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await flush();
    expect(fake.api.vault.mergeCopy).toHaveBeenLastCalledWith(SYNCTHING, fake.state.conflictCopyPassword);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.querySelector('.codes-main')?.hasAttribute('inert')).toBe(false);
    expect(toastText()).toBe('Merged 1 conflict copy. It was moved to the backups folder.');
  });

  it('"Not now" closes the dialog and asks nothing of main', async () => {
    const fake = await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    fake.emitConflictCopies({ ...NONE, needPassword: [SYNCTHING] });
    await user.click(screen.getByRole('button', { name: 'Enter password…' }));
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.api.vault.mergeCopy).not.toHaveBeenCalled();
  });

  it('a failure is an error toast in main’s words', async () => {
    const fake = await renderUnlocked([entry()], []);
    fake.emitConflictCopies({
      ...NONE,
      failed: [{ file: 'vault 2.tessera', message: 'vault 2.tessera could not be read. Tessera left it where it is.' }],
    });
    expect(toastText()).toBe('vault 2.tessera could not be read. Tessera left it where it is.');
    expect(document.querySelector('.toast-error')).not.toBeNull();
  });

  it('stops listening when the app goes away', async () => {
    const fake = installFakeApi({ status: unlockedStatus(0) });
    const view = renderApp();
    await flush();
    expect(fake.listenerCount('vault:conflict-copies')).toBe(1);
    view.unmount();
    expect(fake.listenerCount('vault:conflict-copies')).toBe(0);
  });
});
