// SPDX-License-Identifier: GPL-3.0-or-later
/** The settings' backups section: automatic backups, how many to keep, the folder, "Back up now", export. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BackupStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { backupClockText, backupTimeText } from '../../renderer/settings/backup-words';
import { DEFAULT_BACKUP_STATUS, entry, fail, ok, type FakeState } from './fake-api';
import { deferred, flush, renderUnlocked } from './helpers';

const VERIFIED_AT = Date.UTC(2025, 2, 14, 9, 26, 41);
/** As main reports it: the file's whole path (backup-service status(), newestGoodBackup). */
const VERIFIED_FILE = `${DEFAULT_BACKUP_STATUS.folder}/tessera-backup-20250314-092641.tessera`;
const VERIFIED: BackupStatus = {
  ...DEFAULT_BACKUP_STATUS,
  lastVerified: { file: VERIFIED_FILE, time: VERIFIED_AT },
};

/** The folder, shown as text with its buttons, in a group named "Backup folder". */
const folderGroup = (section: HTMLElement) => within(section).getByRole('group', { name: 'Backup folder' });

async function openBackups(state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], { state });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Backups and export' });
  return { fake, user, dialog, section };
}

describe('settings: backups', () => {
  it('shows the settings and the status, then follows backups:changed', async () => {
    const { fake, section } = await openBackups();
    const auto = within(section).getByRole('checkbox', { name: 'Back up automatically after each change' });
    expect((auto as HTMLInputElement).checked).toBe(true);
    expect((within(section).getByLabelText('Number of backups to keep') as HTMLInputElement).value).toBe('10');
    expect(within(folderGroup(section)).getByText(DEFAULT_BACKUP_STATUS.folder)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Use the default' })).toBeNull();
    expect(within(section).getByText('No verified backup yet')).toBeTruthy();

    fake.emitBackups(VERIFIED);
    const line = within(section).getByText(/^Last verified backup:/);
    expect(line.textContent).toBe(`Last verified backup: ${backupTimeText(VERIFIED_AT)}, ${VERIFIED_FILE}`);
    expect(line.textContent).toMatch(/2025/);
    expect(line.querySelector('time')?.getAttribute('dateTime')).toBe('2025-03-14T09:26:41.000Z');
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

  it('shows the folder as text, not a field to type in, with a tooltip and a screen reader name', async () => {
    const long = `/media/alice/USB stick with a long name/${'nested folder/'.repeat(8)}tessera backups`;
    const { section } = await openBackups({
      backupStatus: { ...DEFAULT_BACKUP_STATUS, folder: long, defaultFolder: false },
    });
    const group = folderGroup(section);
    expect(within(group).queryByRole('textbox')).toBeNull();
    expect(group.querySelector('input, textarea, [contenteditable]')).toBeNull();
    // What "Backup folder" names is the group, not a field.
    expect(within(section).getByLabelText('Backup folder')).toBe(group);
    const path = within(group).getByText(long);
    expect(path.getAttribute('title')).toBe(long);
    expect(within(group).getByRole('button', { name: 'Change folder…' })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Use the default' })).toBeTruthy();
  });

  it('changes the folder in main’s dialog, shows a refusal next to it, and goes back to the default', async () => {
    const { fake, user, section } = await openBackups();
    const group = folderGroup(section);
    vi.mocked(fake.api.backups.chooseFolder).mockResolvedValueOnce(
      fail({
        code: 'io',
        message: 'Tessera cannot write to /mnt/readonly. Choose another folder.',
        details: 'EACCES: permission denied',
      }),
    );
    await user.click(within(group).getByRole('button', { name: 'Change folder…' }));
    await flush();
    expect(fake.api.backups.chooseFolder).toHaveBeenCalledTimes(1);
    const alert = within(group).getByRole('alert');
    expect(alert.textContent).toContain('Tessera cannot write to /mnt/readonly. Choose another folder.');
    expect(within(alert).getByText('Details').closest('details')?.textContent).toContain('EACCES: permission denied');
    expect(within(group).getByText(DEFAULT_BACKUP_STATUS.folder)).toBeTruthy();

    const chosen: BackupStatus = { ...DEFAULT_BACKUP_STATUS, folder: '/media/usb/tessera', defaultFolder: false };
    vi.mocked(fake.api.backups.chooseFolder).mockResolvedValueOnce(ok(chosen));
    await user.click(within(group).getByRole('button', { name: 'Change folder…' }));
    await flush();
    expect(within(group).getByText('/media/usb/tessera')).toBeTruthy();
    expect(within(group).queryByRole('alert')).toBeNull();

    await user.click(within(group).getByRole('button', { name: 'Use the default' }));
    await flush();
    expect(fake.api.backups.useDefaultFolder).toHaveBeenCalledTimes(1);
    expect(within(group).getByText(DEFAULT_BACKUP_STATUS.folder)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Use the default' })).toBeNull();
    // The button went away: the focus goes to its neighbour, not to the dialog.
    expect(document.activeElement).toBe(within(group).getByRole('button', { name: 'Change folder…' }));
  });

  it('says "Backing up…" while it works, then "Backed up: <file>, verified" and the time', async () => {
    const { fake, user, section } = await openBackups();
    const answer = deferred<Result<BackupStatus>>();
    vi.mocked(fake.api.backups.runNow).mockReturnValueOnce(answer.promise);
    const button = within(section).getByRole('button', { name: 'Back up now' });
    await user.click(button);
    const note = within(section).getByText('Backing up…');
    const live = note.closest('[role="status"]');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    // Beside the button.
    expect(live?.parentElement).toBe(button.parentElement);
    expect(document.activeElement).toBe(button);

    answer.resolve(ok(VERIFIED));
    await flush();
    expect(fake.api.backups.runNow).toHaveBeenCalledTimes(1);
    expect(live?.textContent).toBe(
      `Backed up: tessera-backup-20250314-092641.tessera, verified at ${backupClockText(VERIFIED_AT)}.`,
    );
    expect(live?.querySelector('time')?.getAttribute('dateTime')).toBe('2025-03-14T09:26:41.000Z');
    expect(within(section).queryByText('Backing up…')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(within(section).getByText(/^Last verified backup:/).textContent).toContain(VERIFIED_FILE);
  });

  it('says plainly why "Back up now" failed, with the detail behind Details', async () => {
    const { fake, user, section } = await openBackups();
    const button = within(section).getByRole('button', { name: 'Back up now' });
    vi.mocked(fake.api.backups.runNow).mockResolvedValueOnce(ok(VERIFIED));
    await user.click(button);
    await flush();
    expect(within(section).getByText(/^Backed up: /)).toBeTruthy();

    vi.mocked(fake.api.backups.runNow).mockResolvedValueOnce(
      fail({
        code: 'io',
        message: 'The backup could not be written: the disk is full.',
        details: 'ENOSPC: no space left on device',
      }),
    );
    await user.click(button);
    await flush();
    const alert = within(section).getByRole('alert');
    expect(alert.textContent).toContain('The backup could not be written: the disk is full.');
    const details = within(alert).getByText('Details').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('ENOSPC: no space left on device');
    // The earlier confirmation is gone: it would contradict the failure.
    expect(within(section).queryByText(/^Backed up: /)).toBeNull();
    expect(document.activeElement).toBe(button);
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
