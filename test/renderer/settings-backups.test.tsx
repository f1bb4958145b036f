// SPDX-License-Identifier: GPL-3.0-or-later
/** The settings' backups section: automatic backups, how many to keep, the folder, "Back up now", export. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BackupStatus } from '../../electron/ipc/contract';
import { backupTimeText } from '../../renderer/components/SettingsBackups';
import { DEFAULT_BACKUP_STATUS, entry, fail, ok, type FakeState } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const VERIFIED_AT = Date.UTC(2025, 2, 14, 9, 26);
const VERIFIED: BackupStatus = {
  ...DEFAULT_BACKUP_STATUS,
  lastVerified: { file: 'tessera-2025-03-14T09-26-00.tessera', time: VERIFIED_AT },
};

async function openBackups(state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], { state });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Backups' });
  return { fake, user, dialog, section };
}

describe('settings: backups', () => {
  it('shows the settings and the status, then follows backups:changed', async () => {
    const { fake, section } = await openBackups();
    const auto = within(section).getByRole('checkbox', { name: 'Back up automatically after each change' });
    expect((auto as HTMLInputElement).checked).toBe(true);
    expect((within(section).getByLabelText('Number of backups to keep') as HTMLInputElement).value).toBe('10');
    expect((within(section).getByLabelText('Backup folder') as HTMLInputElement).value).toBe(
      DEFAULT_BACKUP_STATUS.folder,
    );
    expect(within(section).queryByRole('button', { name: 'Use default' })).toBeNull();
    expect(within(section).getByText('No verified backup yet')).toBeTruthy();

    fake.emitBackups(VERIFIED);
    const line = within(section).getByText(/^Last verified backup:/);
    expect(line.textContent).toBe(
      `Last verified backup: ${backupTimeText(VERIFIED_AT)}, ${VERIFIED.lastVerified?.file}`,
    );
    expect(line.textContent).toMatch(/2025/);
    expect(line.querySelector('time')?.getAttribute('dateTime')).toBe('2025-03-14T09:26:00.000Z');
    expect(within(section).queryByText('No verified backup yet')).toBeNull();

    fake.emitBackups({ ...VERIFIED, lastError: 'The backup folder is not writable.' });
    expect(within(section).getByRole('alert').textContent).toContain('The backup folder is not writable.');
  });

  it('turns automatic backups off and on', async () => {
    const { fake, user, section } = await openBackups();
    const auto = within(section).getByRole('checkbox', { name: 'Back up automatically after each change' });
    await user.click(auto);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ autoBackup: false });
    expect((auto as HTMLInputElement).checked).toBe(false);
    await user.click(auto);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ autoBackup: true });
  });

  it('saves how many backups to keep when the field is left or Enter is pressed, within 1–100', async () => {
    const { fake, user, section } = await openBackups();
    const keep = within(section).getByLabelText('Number of backups to keep') as HTMLInputElement;
    await user.clear(keep);
    await user.type(keep, '5');
    expect(fake.api.settings.update).not.toHaveBeenCalled();
    await user.tab();
    expect(fake.api.settings.update).toHaveBeenCalledExactlyOnceWith({ backupKeep: 5 });
    await flush();
    expect(keep.value).toBe('5');

    await user.clear(keep);
    await user.type(keep, '101{Enter}');
    expect(within(section).getByText('Choose a whole number from 1 to 100.')).toBeTruthy();
    expect(keep.getAttribute('aria-invalid')).toBe('true');
    await user.clear(keep);
    await user.type(keep, '0{Enter}');
    expect(fake.api.settings.update).toHaveBeenCalledTimes(1);

    await user.clear(keep);
    await user.type(keep, '100{Enter}');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ backupKeep: 100 });
    expect(within(section).queryByText('Choose a whole number from 1 to 100.')).toBeNull();
  });

  it('changes the folder in main’s dialog, shows a refusal next to it, and goes back to the default', async () => {
    const { fake, user, section } = await openBackups();
    const folder = within(section).getByLabelText('Backup folder') as HTMLInputElement;
    vi.mocked(fake.api.backups.chooseFolder).mockResolvedValueOnce(
      fail({ code: 'io', message: 'Tessera cannot write to /mnt/readonly. Choose another folder.' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Change folder…' }));
    await flush();
    expect(fake.api.backups.chooseFolder).toHaveBeenCalledTimes(1);
    expect(within(section).getByText('Tessera cannot write to /mnt/readonly. Choose another folder.')).toBeTruthy();
    expect(folder.getAttribute('aria-invalid')).toBe('true');
    expect(folder.value).toBe(DEFAULT_BACKUP_STATUS.folder);

    const chosen: BackupStatus = { ...DEFAULT_BACKUP_STATUS, folder: '/media/usb/tessera', defaultFolder: false };
    vi.mocked(fake.api.backups.chooseFolder).mockResolvedValueOnce(ok(chosen));
    await user.click(within(section).getByRole('button', { name: 'Change folder…' }));
    await flush();
    expect(folder.value).toBe('/media/usb/tessera');
    expect(folder.getAttribute('aria-invalid')).toBe('false');

    await user.click(within(section).getByRole('button', { name: 'Use default' }));
    await flush();
    expect(fake.api.backups.useDefaultFolder).toHaveBeenCalledTimes(1);
    expect(folder.value).toBe(DEFAULT_BACKUP_STATUS.folder);
    expect(within(section).queryByRole('button', { name: 'Use default' })).toBeNull();
  });

  it('backs up now and shows the new backup, or why it failed', async () => {
    const { fake, user, section } = await openBackups();
    vi.mocked(fake.api.backups.runNow).mockResolvedValueOnce(ok(VERIFIED));
    await user.click(within(section).getByRole('button', { name: 'Back up now' }));
    await flush();
    expect(fake.api.backups.runNow).toHaveBeenCalledTimes(1);
    expect(within(section).getByText(/^Last verified backup:/).textContent).toContain(VERIFIED.lastVerified?.file);

    vi.mocked(fake.api.backups.runNow).mockResolvedValueOnce(
      fail({ code: 'io', message: 'The backup could not be written: the disk is full.' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Back up now' }));
    await flush();
    expect(within(section).getByRole('alert').textContent).toBe('The backup could not be written: the disk is full.');
  });

  it('opens the export dialog in place of the settings and comes back to its button', async () => {
    const { fake, user, section } = await openBackups();
    await user.click(within(section).getByRole('button', { name: 'Export accounts…' }));
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    const exportDialog = screen.getByRole('dialog', { name: 'Export accounts' });
    expect(within(exportDialog).getByRole('radio', { name: 'Tessera backup (encrypted)' })).toBeTruthy();

    await user.keyboard('{Escape}');
    expect(fake.api.exports.end).toHaveBeenCalledTimes(1);
    const settings = screen.getByRole('dialog', { name: 'Settings' });
    expect(document.activeElement).toBe(within(settings).getByRole('button', { name: 'Export accounts…' }));
  });
});
