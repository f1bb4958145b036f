// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Recovery key (issue 19): whether the vault has one, making one (or a new one) and
 * removing it after the master password, and the key shown once: its 9 groups, "Save as file…",
 * "Print…", the last two groups typed back before "Done", and "Did you keep your recovery key?"
 * when leaving before that. Main is told to forget the key whenever it leaves the screen.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECOVERY_KEY_ABOUT } from '../../renderer/settings/SettingsRecoveryKey';
import { entry, fail, NEXT_RECOVERY_KEY, RECOVERY_KEY, unlockedStatus, type FakeState } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const PASSWORD = 'correct horse battery';
const GROUPS = RECOVERY_KEY.split('-');

async function openSection(state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], { state });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const settings = () => screen.getByRole('dialog', { name: 'Settings' });
  const section = () => within(settings()).getByRole('region', { name: 'Recovery key' });
  return { fake, user, settings, section };
}

/** Opens Settings and makes a key with the master password; answers the key's dialog. */
async function makeKey(state: Partial<FakeState> = {}) {
  const opened = await openSection(state);
  const { user, section } = opened;
  await user.click(within(section()).getByRole('button', { name: /^Make a (new )?recovery key…$/ }));
  await user.type(within(section()).getByLabelText('Master password'), `${PASSWORD}{Enter}`);
  const dialog = await screen.findByRole('dialog', { name: 'Your recovery key' });
  return { ...opened, dialog };
}

/** The groups as the dialog lists them. */
const shownGroups = (dialog: HTMLElement): string[] =>
  within(within(dialog).getByRole('list', { name: 'Recovery key' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings: recovery key', () => {
  it('says in plain words that the vault has none, and offers to make one', async () => {
    const { section } = await openSection();
    expect(within(section()).getByText('This vault has no recovery key.')).toBeTruthy();
    expect(within(section()).getByText(RECOVERY_KEY_ABOUT)).toBeTruthy();
    expect(RECOVERY_KEY_ABOUT).toBe(
      'If you forget your master password, a recovery key is the only way back in. Keep it on paper, away from this computer.',
    );
    expect(within(section()).getByRole('button', { name: 'Make a recovery key…' })).toBeTruthy();
    expect(within(section()).queryByRole('button', { name: 'Remove recovery key…' })).toBeNull();
  });

  it('asks for the master password first; a wrong one is refused on the field and nothing is made', async () => {
    const { fake, user, section } = await openSection();
    await user.click(within(section()).getByRole('button', { name: 'Make a recovery key…' }));
    const password = within(section()).getByLabelText('Master password') as HTMLInputElement;
    expect(document.activeElement).toBe(password);
    expect(within(section()).getByText('Enter your master password to make a recovery key.')).toBeTruthy();

    await user.click(within(section()).getByRole('button', { name: 'Make recovery key' }));
    expect(within(section()).getByRole('alert').textContent).toBe('Type your master password.');
    expect(fake.api.vault.createRecoveryKey).not.toHaveBeenCalled();

    await user.type(password, 'not the password{Enter}');
    expect(fake.api.vault.createRecoveryKey).toHaveBeenCalledWith('not the password');
    expect((await within(section()).findByRole('alert')).textContent).toBe('The password is wrong.');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(password);
    expect(screen.queryByRole('dialog', { name: 'Your recovery key' })).toBeNull();

    await user.click(within(section()).getByRole('button', { name: 'Cancel' }));
    expect(within(section()).queryByLabelText('Master password')).toBeNull();
    expect(document.activeElement).toBe(within(section()).getByRole('button', { name: 'Make a recovery key…' }));
  });

  it('shows the key once in 9 groups, focused first, in place of the settings', async () => {
    const { fake, dialog } = await makeKey();
    expect(fake.api.vault.createRecoveryKey).toHaveBeenCalledWith(PASSWORD);
    expect(shownGroups(dialog)).toEqual(GROUPS);
    expect(GROUPS).toHaveLength(9);
    expect(document.activeElement).toBe(within(dialog).getByRole('list', { name: 'Recovery key' }));
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    expect(within(dialog).getByText(/shown only this once/)).toBeTruthy();
  });

  it('"Done" waits for the last two groups, read however they are spaced or cased; then main forgets the key', async () => {
    const { fake, user, dialog, section } = await makeKey();
    const done = within(dialog).getByRole('button', { name: 'Done' }) as HTMLButtonElement;
    const field = within(dialog).getByLabelText('Type groups 8 and 9 to check your copy') as HTMLInputElement;
    expect(done.disabled).toBe(true);

    await user.type(field, '8S1F');
    expect(done.disabled).toBe(true);
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.type(field, 'QK3X');
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'That is not what groups 8 and 9 say. Check your copy against the key above.',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(done.disabled).toBe(true);

    await user.clear(field);
    // Lower case, a space, and an I for the 1: read the way main reads a typed key.
    await user.type(field, '8sif qk3t');
    expect(done.disabled).toBe(false);
    expect(within(dialog).getByText('Your copy matches.')).toBeTruthy();
    expect(fake.api.vault.forgetRecoveryKey).not.toHaveBeenCalled();

    await user.click(done);
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: 'Your recovery key' })).toBeNull();
    expect(screen.queryByText(GROUPS[0] ?? '')).toBeNull();
    // Back in Settings, on the button that made the key; the section now says the vault has one.
    await flush();
    expect(within(section()).getByText('This vault has a recovery key.')).toBeTruthy();
    expect(document.activeElement).toBe(within(section()).getByRole('button', { name: 'Make a new recovery key…' }));
    await new Promise((r) => setTimeout(r, 5));
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
  });

  it('Enter in the check field is "Done" once the groups match', async () => {
    const { fake, user, dialog } = await makeKey();
    const field = within(dialog).getByLabelText('Type groups 8 and 9 to check your copy');
    await user.type(field, '8S1F-QK3{Enter}');
    expect(screen.getByRole('dialog', { name: 'Your recovery key' })).toBeTruthy();
    await user.type(field, 'T{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Your recovery key' })).toBeNull();
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
  });

  it('closing before the check asks "Did you keep your recovery key?", with the choice to stay', async () => {
    const { fake, user, dialog } = await makeKey();
    await user.keyboard('{Escape}');
    const question = within(dialog).getByRole('group', { name: 'Did you keep your recovery key?' });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Stay' }));
    expect(question.getAttribute('aria-describedby')).toBeTruthy();

    // Enter alone stays; so does Esc while asked.
    await user.keyboard('{Enter}');
    expect(within(dialog).queryByRole('group', { name: 'Did you keep your recovery key?' })).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Type groups 8 and 9 to check your copy'));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(within(dialog).getByRole('group', { name: 'Did you keep your recovery key?' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Did you keep your recovery key?' })).toBeNull();
    expect(shownGroups(dialog)).toEqual(GROUPS);
    expect(fake.api.vault.forgetRecoveryKey).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(within(dialog).getByRole('button', { name: 'Yes, I kept it' }));
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: 'Your recovery key' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('after the check, Close and Esc just close', async () => {
    const { fake, user, dialog } = await makeKey();
    await user.type(within(dialog).getByLabelText('Type groups 8 and 9 to check your copy'), '8S1FQK3T');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Your recovery key' })).toBeNull();
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
  });

  it('"Save as file…" names where main wrote it; a cancelled save dialog says nothing; a failure says why', async () => {
    const { fake, user, dialog } = await makeKey();
    const save = within(dialog).getByRole('button', { name: 'Save as file…' });
    await user.click(save);
    expect(fake.api.vault.saveRecoveryKey).toHaveBeenCalledTimes(1);
    const saved = within(dialog)
      .getAllByRole('status')
      .find((s) => s.textContent?.startsWith('Saved to'));
    expect(saved?.textContent).toMatch(/^Saved to \/home\/alice\/Documents\/Tessera recovery key\.txt\. /);

    fake.state.recoveryKeySavePath = null;
    await user.click(save);
    expect(fake.api.vault.saveRecoveryKey).toHaveBeenCalledTimes(2);
    expect(within(dialog).queryByText(/^Saved to/)).toBeNull();
    expect(within(dialog).queryByRole('alert')).toBeNull();

    vi.mocked(fake.api.vault.saveRecoveryKey).mockResolvedValueOnce(
      fail({ code: 'io', message: 'The file could not be written: the folder is read-only.' }),
    );
    await user.click(save);
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'The file could not be written: the folder is read-only.',
    );
    // Nothing of this closes the key.
    expect(shownGroups(dialog)).toEqual(GROUPS);
  });

  it('"Print…" prints the window\'s own page of the key, which is hidden on screen', async () => {
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true });
    const { fake, user, dialog } = await makeKey();
    const page = screen.getByTestId('recovery-print');
    expect(page.hidden).toBe(true);
    expect(page.parentElement).toBe(document.body);
    expect(page.textContent).toContain(GROUPS.join(' '));
    expect(page.textContent).toContain('Forgot your password?');
    await user.click(within(dialog).getByRole('button', { name: 'Print…' }));
    expect(print).toHaveBeenCalledTimes(1);
    // Printing asks nothing of main.
    expect(fake.api.vault.saveRecoveryKey).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText('Type groups 8 and 9 to check your copy'), '8S1FQK3T{Enter}');
    expect(screen.queryByTestId('recovery-print')).toBeNull();
  });

  it('a key that leaves the screen without Done is forgotten in main too (the vault locked)', async () => {
    const { fake } = await makeKey();
    act(() => {
      fake.emitStatus({ status: 'locked', path: fake.state.status.path, lastLockReason: 'idle' });
    });
    await flush();
    expect(screen.queryByRole('dialog', { name: 'Your recovery key' })).toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
  });

  it('with a key: "Make a new recovery key…" says the old one stops working', async () => {
    const { fake, user, section } = await openSection({ status: unlockedStatus(1, true), recoveryKey: RECOVERY_KEY });
    expect(within(section()).getByText('This vault has a recovery key.')).toBeTruthy();
    expect(within(section()).getByText(/the key you have now stops working/)).toBeTruthy();
    await user.click(within(section()).getByRole('button', { name: 'Make a new recovery key…' }));
    expect(within(section()).getByRole('note').textContent).toBe(
      'The recovery key you have now stops working as soon as the new one is made.',
    );
    fake.state.nextRecoveryKey = NEXT_RECOVERY_KEY;
    await user.type(within(section()).getByLabelText('Master password'), `${PASSWORD}{Enter}`);
    const dialog = await screen.findByRole('dialog', { name: 'Your recovery key' });
    expect(shownGroups(dialog)).toEqual(NEXT_RECOVERY_KEY.split('-'));
  });

  it('removes the key after a warning and the master password', async () => {
    const { fake, user, section } = await openSection({ status: unlockedStatus(1, true), recoveryKey: RECOVERY_KEY });
    await user.click(within(section()).getByRole('button', { name: 'Remove recovery key…' }));
    expect(within(section()).getByRole('note').textContent).toMatch(
      /^Without a recovery key, only your master password opens this vault/,
    );
    expect(within(section()).getByText('Enter your master password to remove the recovery key.')).toBeTruthy();
    const remove = within(section()).getByRole('button', { name: 'Remove recovery key' });
    expect(remove.className).toContain('button-danger');

    await user.type(within(section()).getByLabelText('Master password'), 'wrong password{Enter}');
    expect((await within(section()).findByRole('alert')).textContent).toBe('The password is wrong.');
    expect(fake.state.recoveryKey).toBe(RECOVERY_KEY);

    await user.clear(within(section()).getByLabelText('Master password'));
    await user.type(within(section()).getByLabelText('Master password'), `${PASSWORD}{Enter}`);
    expect(fake.api.vault.removeRecoveryKey).toHaveBeenLastCalledWith(PASSWORD);
    expect(await within(section()).findByText('This vault has no recovery key.')).toBeTruthy();
    expect(within(section()).queryByRole('button', { name: 'Remove recovery key…' })).toBeNull();
    expect(document.activeElement).toBe(within(section()).getByRole('button', { name: 'Make a recovery key…' }));
    expect(screen.getByText('Recovery key removed. Only your master password opens this vault now.')).toBeTruthy();
  });

  it('Cancel leaves the key in place and gives the focus back to "Remove recovery key…"', async () => {
    const { fake, user, section } = await openSection({ status: unlockedStatus(1, true), recoveryKey: RECOVERY_KEY });
    await user.click(within(section()).getByRole('button', { name: 'Remove recovery key…' }));
    await user.click(within(section()).getByRole('button', { name: 'Cancel' }));
    expect(fake.api.vault.removeRecoveryKey).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(section()).getByRole('button', { name: 'Remove recovery key…' }));
  });
});
