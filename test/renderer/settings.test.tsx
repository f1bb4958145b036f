// SPDX-License-Identifier: GPL-3.0-or-later
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import { entry, fail, installFakeApi, lockedStatus } from './fake-api';
import { flush, renderApp, renderUnlocked, settingsView } from './helpers';

beforeAll(async () => {
  await loadStrengthChecker();
}, 60_000);

async function openSettings(state: Parameters<typeof renderUnlocked>[2] = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], state);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  return { fake, user, dialog };
}

describe('settings dialog', () => {
  it('opens from the toolbar and with Ctrl+, and shows every setting', async () => {
    const { user, dialog } = await openSettings();
    const get = (name: string | RegExp) => within(dialog).getByLabelText(name);
    expect((get('Lock after inactivity') as HTMLSelectElement).value).toBe('5');
    expect((get('Clear copied codes after') as HTMLSelectElement).value).toBe('20');
    expect((get('Lock when the computer goes to sleep') as HTMLInputElement).checked).toBe(true);
    expect((get('Lock when the screen locks') as HTMLInputElement).checked).toBe(true);
    expect((get('Hide codes until revealed') as HTMLInputElement).checked).toBe(false);
    expect((get('Same as the system') as HTMLInputElement).checked).toBe(true);
    expect((get(/Keep running in the tray/) as HTMLInputElement).checked).toBe(false);
    expect((get('Start minimised') as HTMLInputElement).checked).toBe(false);
    expect((get('Global shortcut') as HTMLInputElement).value).toBe('Off');
    expect(within(dialog).getByRole('button', { name: 'Change master password…' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('{Control>},{/Control}');
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('saves each change at once, and shows the vault’s key derivation and file', async () => {
    const { fake, user, dialog } = await openSettings();
    await user.selectOptions(within(dialog).getByLabelText('Lock after inactivity'), 'Never');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ autoLockMinutes: 0 });
    await user.selectOptions(within(dialog).getByLabelText('Clear copied codes after'), '45 seconds');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ clipboardClearSeconds: 45 });
    await user.click(within(dialog).getByLabelText('Lock when the computer goes to sleep'));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ lockOnSuspend: false });
    await user.click(within(dialog).getByLabelText(/Keep running in the tray/));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ closeToTray: true });
    expect((within(dialog).getByLabelText(/Keep running in the tray/) as HTMLInputElement).checked).toBe(true);
    expect(
      within(dialog).getByText(/^Argon2id, 3 passes, 256 MiB of memory per guess; computed by the native/),
    ).toBeTruthy();
    expect(within(dialog).getByText('/home/alice/.config/Tessera/vault.tessera')).toBeTruthy();
  });

  it('applies the theme to the document, also before unlocking', async () => {
    const { user, dialog } = await openSettings();
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    await user.click(within(dialog).getByLabelText('Dark'));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    await user.click(within(dialog).getByLabelText('Same as the system'));
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('follows settings:changed pushes (e.g. from the tray or another window)', async () => {
    installFakeApi({ status: lockedStatus(), settings: settingsView({ theme: 'light' }) });
    renderApp();
    await flush();
    expect(document.documentElement.dataset['theme']).toBe('light');
  });

  it('records the global shortcut from a key press and clears it', async () => {
    const { fake, user, dialog } = await openSettings();
    const field = within(dialog).getByLabelText('Global shortcut');
    await user.click(field);
    expect((field as HTMLInputElement).value).toBe('Press the keys…');
    fireEvent.keyDown(field, { key: 't', code: 'KeyT', ctrlKey: true, altKey: true });
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ globalShortcut: 'CommandOrControl+Alt+T' });
    await flush();
    fireEvent.blur(field);
    expect((field as HTMLInputElement).value).toBe('Ctrl+Alt+T');

    fireEvent.keyDown(field, { key: 'k', code: 'KeyK' });
    expect(within(dialog).getByText(/must not take a plain key/)).toBeTruthy();
    expect(fake.api.settings.update).toHaveBeenCalledTimes(1);

    await user.click(within(dialog).getByRole('button', { name: 'Clear' }));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ globalShortcut: '' });
  });

  it('shows main’s refusal and its notes next to the right control', async () => {
    const { fake, user, dialog } = await openSettings({
      state: {
        settings: settingsView({ globalShortcut: 'CommandOrControl+Alt+T' }, [
          { setting: null, message: 'Your settings file could not be read, so the defaults are in use.' },
          { setting: 'globalShortcut', message: 'Another application probably uses it.' },
        ]),
      },
    });
    expect(within(dialog).getByRole('note').textContent).toMatch(/could not be read/);
    const field = within(dialog).getByLabelText('Global shortcut');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('Another application probably uses it.')).toBeTruthy();

    vi.mocked(fake.api.settings.update).mockResolvedValueOnce(
      fail({ code: 'invalid-request', message: 'The auto-lock time must be a whole number.' }),
    );
    await user.selectOptions(within(dialog).getByLabelText('Lock after inactivity'), '10 minutes');
    const select = within(dialog).getByLabelText('Lock after inactivity');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('The auto-lock time must be a whole number.')).toBeTruthy();
  });
});

describe('change master password', () => {
  async function openForm() {
    const opened = await openSettings();
    await opened.user.click(within(opened.dialog).getByRole('button', { name: 'Change master password…' }));
    const get = (name: string) => within(opened.dialog).getByLabelText(name) as HTMLInputElement;
    return {
      ...opened,
      current: get('Current master password'),
      next: get('New master password'),
      confirm: get('Confirm new master password'),
    };
  }

  it('rates the new password and refuses a weak one without calling main', async () => {
    const { fake, user, dialog, current, next, confirm } = await openForm();
    expect(document.activeElement).toBe(current);
    await user.type(current, 'correct horse battery');
    await user.type(next, 'password1234');
    expect(await within(dialog).findByText(/Very weak|Weak/, { selector: 'strong' })).toBeTruthy();
    await user.type(confirm, 'password1234');
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
    expect(within(dialog).getByText(/too easy to guess/)).toBeTruthy();
    expect(fake.api.vault.changePassword).not.toHaveBeenCalled();
  });

  it('sends current and new once, empties the fields and says so', async () => {
    const { fake, user, dialog, current, next, confirm } = await openForm();
    await user.type(current, 'correct horse battery');
    await user.type(next, 'mauve tangerine quarry drum');
    await user.type(confirm, 'mauve tangerine quarry drum');
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
    expect(fake.api.vault.changePassword).toHaveBeenCalledExactlyOnceWith(
      'correct horse battery',
      'mauve tangerine quarry drum',
    );
    expect(await screen.findByText('Master password changed. Use the new one from now on.')).toBeTruthy();
    expect(within(dialog).queryByLabelText('Current master password')).toBeNull();
  });

  it('points at the current password when main says it is wrong', async () => {
    const { fake, user, dialog, current, next, confirm } = await openForm();
    vi.mocked(fake.api.vault.changePassword).mockResolvedValueOnce(
      fail({ code: 'wrong-password-or-tampered', message: 'The current password is wrong. Nothing was changed.' }),
    );
    await user.type(current, 'not my password');
    await user.type(next, 'mauve tangerine quarry drum');
    await user.type(confirm, 'mauve tangerine quarry drum');
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
    await act(async () => undefined);
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(current.value).toBe('');
    expect(document.activeElement).toBe(current);
  });
});
