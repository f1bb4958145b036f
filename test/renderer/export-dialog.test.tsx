// SPDX-License-Identifier: GPL-3.0-or-later
/** The export dialog's file exports: the steps per format, the master password, saving and closing. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportFileFormat } from '../../electron/domain';
import { ExportDialog, PASSWORD_AGAIN_NOTE } from '../../renderer/export/ExportDialog';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import { entry, fail, installFakeApi, ok, unlockedStatus } from './fake-api';
import { flush } from './helpers';

const MASTER = 'correct horse battery';
const STRONG = 'mauve tangerine quarry drum';

beforeAll(async () => {
  await loadStrengthChecker();
}, 60_000);

/** Opens and closes the dialog like the settings do, so closing unmounts it. */
function Host() {
  const [open, setOpen] = useState(true);
  return open ? (
    <ExportDialog onClose={() => setOpen(false)} />
  ) : (
    <button type="button" onClick={() => setOpen(true)}>
      Open export
    </button>
  );
}

function renderExport() {
  const entries = Array.from({ length: 12 }, () => entry());
  const fake = installFakeApi({ status: unlockedStatus(entries.length), entries });
  render(<Host />);
  const user = userEvent.setup();
  const dialog = () => screen.getByRole('dialog', { name: 'Export accounts' });
  return { fake, user, dialog };
}

type Opened = ReturnType<typeof renderExport>;

/** Picks a choice on step 1 and continues. */
async function choose({ user, dialog }: Opened, label: string): Promise<void> {
  await user.click(within(dialog()).getByRole('radio', { name: label }));
  await user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
}

/** Types the master password on step 2 and continues. */
async function authorize({ user, dialog }: Opened, password = MASTER): Promise<void> {
  await user.type(within(dialog()).getByLabelText('Master password'), password);
  await user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
  await flush();
}

describe('export dialog: choosing and authorising', () => {
  it('offers the eleven exports under three headings, the Tessera backup first and chosen', () => {
    const { dialog } = renderExport();
    const radios = within(dialog()).getAllByRole('radio');
    expect(radios.map((r) => computedName(r))).toEqual([
      'Tessera backup (encrypted)',
      'Aegis vault (encrypted)',
      'Aegis vault (not encrypted)',
      '2FAS backup (encrypted)',
      '2FAS backup (not encrypted)',
      'Bitwarden (not encrypted)',
      'Ente Auth (not encrypted)',
      'KeePassXC database (encrypted)',
      'List of otpauth:// links (not encrypted)',
      'Transfer to Google Authenticator (QR codes)',
      'QR code per account',
    ]);
    expect((radios[0] as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(radios[0]);
    // One radio group (one name: the arrow keys move through every choice), under three headings.
    expect(new Set(radios.map((r) => (r as HTMLInputElement).name))).toEqual(new Set(['export-format']));
    const sections = within(dialog()).getByRole('group', { name: 'What do you want to export?' });
    expect(
      ['For Tessera', 'For another app', 'To scan with a phone'].map(
        (name) => within(within(sections).getByRole('group', { name })).getAllByRole('radio').length,
      ),
    ).toEqual([1, 8, 2]);
  });

  it('asks for the master password, and keeps the field with an error when it is wrong', async () => {
    const opened = renderExport();
    await choose(opened, 'Aegis vault (encrypted)');
    expect(within(opened.dialog()).getByText('Enter your master password to export.')).toBeTruthy();
    const field = within(opened.dialog()).getByLabelText('Master password') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    await authorize(opened, 'not my password');
    expect(opened.fake.api.exports.authorize).toHaveBeenCalledExactlyOnceWith('not my password');
    expect(within(opened.dialog()).getByText('The password is wrong.')).toBeTruthy();
    expect(field.isConnected).toBe(true);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(within(opened.dialog()).queryByLabelText('Export password')).toBeNull();
  });

  it('says so when the password field is empty, without asking main', async () => {
    const opened = renderExport();
    await choose(opened, 'Tessera backup (encrypted)');
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Continue' }));
    expect(within(opened.dialog()).getByText('Type your master password.')).toBeTruthy();
    expect(opened.fake.api.exports.authorize).not.toHaveBeenCalled();
  });

  it('goes back from the password step to the choice, keeping what was chosen', async () => {
    const opened = renderExport();
    await choose(opened, 'QR code per account');
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Back' }));
    const radio = within(opened.dialog()).getByRole('radio', { name: 'QR code per account' }) as HTMLInputElement;
    expect(radio.checked).toBe(true);
  });
});

describe('export dialog: encrypted files', () => {
  it('Tessera backup with the master password sends the same password as the export password', async () => {
    const opened = renderExport();
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    const dialog = opened.dialog();
    expect((within(dialog).getByRole('radio', { name: 'Use my master password' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(within(dialog).queryByLabelText('Export password')).toBeNull();
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(opened.fake.api.exports.save).toHaveBeenCalledExactlyOnceWith('tessera', MASTER);
    expect(within(opened.dialog()).getByRole('status').textContent).toBe(
      'Saved 12 accounts to /home/alice/export.tessera',
    );
    expect(document.activeElement).toBe(within(opened.dialog()).getByRole('button', { name: 'Done' }));
  });

  it('Tessera backup with a different password needs it twice, matching, and rates it', async () => {
    const opened = renderExport();
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    const dialog = opened.dialog();
    await opened.user.click(within(dialog).getByRole('radio', { name: 'Use a different password' }));
    expect(within(dialog).getByRole('meter', { name: 'Password strength' })).toBeTruthy();
    const password = within(dialog).getByLabelText('Export password') as HTMLInputElement;
    const confirm = within(dialog).getByLabelText('Confirm export password') as HTMLInputElement;
    await opened.user.type(password, STRONG);
    await opened.user.type(confirm, `${STRONG}!`);
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    expect(within(dialog).getByText(/do not match/)).toBeTruthy();
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(opened.fake.api.exports.save).not.toHaveBeenCalled();

    await opened.user.clear(confirm);
    await opened.user.type(confirm, STRONG);
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(opened.fake.api.exports.save).toHaveBeenCalledExactlyOnceWith('tessera', STRONG);
  });

  it('refuses a weak different password without calling main', async () => {
    const opened = renderExport();
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    const dialog = opened.dialog();
    await opened.user.click(within(dialog).getByRole('radio', { name: 'Use a different password' }));
    await opened.user.type(within(dialog).getByLabelText('Export password'), 'password1234');
    await opened.user.type(within(dialog).getByLabelText('Confirm export password'), 'password1234');
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    expect(within(dialog).getByText(/too easy to guess/)).toBeTruthy();
    expect(opened.fake.api.exports.save).not.toHaveBeenCalled();
  });

  it.each<[string, ExportFileFormat, string]>([
    ['2FAS backup (encrypted)', '2fas', 'You will type it when importing.'],
    ['KeePassXC database (encrypted)', 'keepass', 'You will type it to open it in KeePassXC.'],
  ])('%s asks for its own password twice and sends it', async (label, format, note) => {
    const opened = renderExport();
    await choose(opened, label);
    await authorize(opened);
    const dialog = opened.dialog();
    expect(within(dialog).queryByRole('radio', { name: 'Use my master password' })).toBeNull();
    expect(within(dialog).getByText(note, { exact: false })).toBeTruthy();
    const password = within(dialog).getByLabelText('Export password');
    expect(document.activeElement).toBe(password);
    await opened.user.type(password, STRONG);
    await opened.user.type(within(dialog).getByLabelText('Confirm export password'), `${STRONG}?`);
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    expect(within(dialog).getByText(/do not match/)).toBeTruthy();
    expect(opened.fake.api.exports.save).not.toHaveBeenCalled();
    await opened.user.clear(within(dialog).getByLabelText('Confirm export password'));
    await opened.user.type(within(dialog).getByLabelText('Confirm export password'), STRONG);
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(opened.fake.api.exports.save).toHaveBeenCalledExactlyOnceWith(format, STRONG);
    expect(within(opened.dialog()).getByText('Saved 12 accounts to /home/alice/export.tessera')).toBeTruthy();
  });

  it('Aegis encrypted asks for its own password and confirmation, and shows main’s refusal on it', async () => {
    const opened = renderExport();
    await choose(opened, 'Aegis vault (encrypted)');
    await authorize(opened);
    const dialog = opened.dialog();
    expect(within(dialog).queryByRole('radio', { name: 'Use my master password' })).toBeNull();
    const password = within(dialog).getByLabelText('Export password');
    expect(document.activeElement).toBe(password);
    vi.mocked(opened.fake.api.exports.save).mockResolvedValueOnce(
      fail({ code: 'weak-password', field: 'exportPassword', message: 'Choose a longer export password.' }),
    );
    await opened.user.type(password, STRONG);
    await opened.user.type(within(dialog).getByLabelText('Confirm export password'), STRONG);
    await opened.user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(opened.fake.api.exports.save).toHaveBeenCalledExactlyOnceWith('aegis', STRONG);
    expect(within(dialog).getByText('Choose a longer export password.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Export password').getAttribute('aria-invalid')).toBe('true');
    // Handed over once: the fields are empty again.
    expect((within(dialog).getByLabelText('Export password') as HTMLInputElement).value).toBe('');
  });
});

describe('export dialog: files without encryption', () => {
  it.each<[string, ExportFileFormat]>([
    ['Aegis vault (not encrypted)', 'aegis-plain'],
    ['2FAS backup (not encrypted)', '2fas-plain'],
    ['Bitwarden (not encrypted)', 'bitwarden'],
    ['Ente Auth (not encrypted)', 'ente'],
    ['List of otpauth:// links (not encrypted)', 'uri-list'],
  ])('%s warns and needs “I understand” before Save', async (label, format) => {
    const opened = renderExport();
    await choose(opened, label);
    await authorize(opened);
    const dialog = opened.dialog();
    expect(within(dialog).getByText('This file is not encrypted.')).toBeTruthy();
    expect(within(dialog).getByText(/Anyone who reads it can generate your codes/)).toBeTruthy();
    expect(within(dialog).queryByLabelText('Export password')).toBeNull();
    const save = within(dialog).getByRole('button', { name: 'Save…' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await opened.user.click(save);
    expect(opened.fake.api.exports.save).not.toHaveBeenCalled();

    const understand = within(dialog).getByRole('checkbox', { name: 'I understand' });
    expect(understand.getAttribute('aria-describedby')).toBeTruthy();
    await opened.user.click(understand);
    expect(save.disabled).toBe(false);
    await opened.user.click(save);
    await flush();
    expect(opened.fake.api.exports.save).toHaveBeenCalledTimes(1);
    expect(vi.mocked(opened.fake.api.exports.save).mock.calls[0]).toEqual([format]);
    expect(within(opened.dialog()).getByText('Saved 12 accounts to /home/alice/export.tessera')).toBeTruthy();
  });
});

describe('export dialog: after save', () => {
  it('lists what the format could not carry', async () => {
    const opened = renderExport();
    vi.mocked(opened.fake.api.exports.save).mockResolvedValueOnce(
      ok({
        status: 'saved',
        path: '/home/alice/links.txt',
        count: 1,
        warnings: ['Steam (bob): few apps other than Tessera read Steam Guard accounts from otpauth:// links'],
      }),
    );
    await choose(opened, 'List of otpauth:// links (not encrypted)');
    await authorize(opened);
    await opened.user.click(within(opened.dialog()).getByRole('checkbox', { name: 'I understand' }));
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    const dialog = opened.dialog();
    expect(within(dialog).getByText('Saved 1 account to /home/alice/links.txt')).toBeTruthy();
    expect(within(dialog).getByRole('listitem').textContent).toMatch(/^Steam \(bob\): few apps/);
  });

  it('goes back to the choice without a message when the save dialog is cancelled', async () => {
    const opened = renderExport();
    vi.mocked(opened.fake.api.exports.save).mockResolvedValueOnce(ok({ status: 'cancelled' }));
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    const dialog = opened.dialog();
    const radio = within(dialog).getByRole('radio', { name: 'Tessera backup (encrypted)' }) as HTMLInputElement;
    expect(radio.checked).toBe(true);
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(dialog.textContent).not.toMatch(/Saved/);
  });

  it('goes back to the password step with a note when the authorisation ran out', async () => {
    const opened = renderExport();
    vi.mocked(opened.fake.api.exports.save).mockResolvedValueOnce(
      fail({ code: 'password-required', message: 'Enter your master password again to export.' }),
    );
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(within(opened.dialog()).getByRole('note').textContent).toBe(PASSWORD_AGAIN_NOTE);
    await authorize(opened);
    expect(opened.fake.api.exports.authorize).toHaveBeenCalledTimes(2);
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(opened.fake.api.exports.save).toHaveBeenLastCalledWith('tessera', MASTER);
    expect(within(opened.dialog()).getByText(/^Saved 12 accounts/)).toBeTruthy();
  });

  it('shows other refusals on the step and stays there', async () => {
    const opened = renderExport();
    vi.mocked(opened.fake.api.exports.save).mockResolvedValueOnce(
      fail({ code: 'io', message: 'The file could not be written: the disk is full.' }),
    );
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(within(opened.dialog()).getByRole('alert').textContent).toBe(
      'The file could not be written: the disk is full.',
    );
    expect(within(opened.dialog()).getByRole('button', { name: 'Save…' })).toBeTruthy();
  });

  it('does not ask the password again for another export while authorised', async () => {
    const opened = renderExport();
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Export something else' }));
    await choose(opened, 'Aegis vault (not encrypted)');
    expect(within(opened.dialog()).getByRole('checkbox', { name: 'I understand' })).toBeTruthy();
    expect(opened.fake.api.exports.authorize).toHaveBeenCalledTimes(1);
  });
});

describe('export dialog: closing', () => {
  it('ends the authorisation on Esc and forgets the password', async () => {
    const opened = renderExport();
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    expect(opened.fake.api.exports.end).not.toHaveBeenCalled();
    await opened.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opened.fake.api.exports.end).toHaveBeenCalledTimes(1);

    await opened.user.click(screen.getByRole('button', { name: 'Open export' }));
    await choose(opened, 'Tessera backup (encrypted)');
    expect(within(opened.dialog()).getByLabelText('Master password')).toBeTruthy();
  });

  it('ends the authorisation from the Close button, the Cancel button and Done', async () => {
    const opened = renderExport();
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Close' }));
    expect(opened.fake.api.exports.end).toHaveBeenCalledTimes(1);

    await opened.user.click(screen.getByRole('button', { name: 'Open export' }));
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Cancel' }));
    expect(opened.fake.api.exports.end).toHaveBeenCalledTimes(2);

    await opened.user.click(screen.getByRole('button', { name: 'Open export' }));
    await choose(opened, 'Tessera backup (encrypted)');
    await authorize(opened);
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Save…' }));
    await flush();
    await opened.user.click(within(opened.dialog()).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opened.fake.api.exports.end).toHaveBeenCalledTimes(3);
  });
});

/** A radio's accessible name, as the role query computes it. */
function computedName(radio: HTMLElement): string {
  const named = within(radio.closest('fieldset') as HTMLElement)
    .getAllByRole('radio')
    .map((r) => ({ r, name: r.getAttribute('aria-labelledby') }));
  const id = named.find(({ r }) => r === radio)?.name ?? '';
  const text = document.getElementById(id)?.textContent?.trim() ?? '';
  // The role query must find the radio by exactly this name.
  return within(radio.closest('fieldset') as HTMLElement).getByRole('radio', { name: text }) === radio ? text : '';
}
