// SPDX-License-Identifier: GPL-3.0-or-later
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fail } from './fake-api';
import { renderUnlocked, rowNames } from './helpers';

async function openDialog() {
  const fake = await renderUnlocked([], []);
  const user = userEvent.setup();
  await user.click(screen.getAllByRole('button', { name: 'Add account' })[0] as HTMLElement);
  const dialog = screen.getByRole('dialog', { name: 'Add account' });
  return { fake, user, dialog };
}

describe('add account', () => {
  it('is a modal dialog that takes focus and closes with Esc, giving focus back', async () => {
    const { user, dialog } = await openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.querySelector('.codes-main')?.hasAttribute('inert')).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement?.textContent).toBe('Add account');
  });

  it('adds a TOTP account from the manual form and sends the secret once', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText('Issuer'), 'GitHub');
    await user.type(within(dialog).getByLabelText('Account'), 'alice@example.com');
    await user.type(within(dialog).getByLabelText('Secret key'), 'JBSWY3DPEHPK3PXP');
    await user.clear(within(dialog).getByLabelText('Digits'));
    await user.type(within(dialog).getByLabelText('Digits'), '8');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(fake.api.entries.add).toHaveBeenCalledExactlyOnceWith({
      type: 'totp',
      issuer: 'GitHub',
      account: 'alice@example.com',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rowNames()).toEqual(['GitHub, alice@example.com, code loading']);
    expect(await screen.findByText('Added GitHub, alice@example.com')).toBeTruthy();
  });

  it('shows main’s field error next to that input and keeps the secret typed', async () => {
    const { fake, user, dialog } = await openDialog();
    vi.mocked(fake.api.entries.add).mockResolvedValueOnce(
      fail({
        code: 'invalid-entry',
        message: 'The secret key is too short: copy the whole key again.',
        field: 'secret',
      }),
    );
    const secret = within(dialog).getByLabelText('Secret key') as HTMLInputElement;
    await user.type(within(dialog).getByLabelText('Issuer'), 'GitHub');
    await user.type(secret, 'JBSWY3DP');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));

    expect(secret.value).toBe('JBSWY3DP');
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(secret.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '');
    expect(error?.textContent).toBe('The secret key is too short: copy the whole key again.');
    expect(error?.closest('.field')?.contains(secret)).toBe(true);
    expect(within(dialog).getByLabelText('Issuer').getAttribute('aria-invalid')).toBe('false');
    expect(document.activeElement).toBe(secret);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('checks numbers and an empty secret before calling main', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(within(dialog).getByLabelText('Secret key').getAttribute('aria-invalid')).toBe('true');
    await user.type(within(dialog).getByLabelText('Secret key'), 'JBSWY3DPEHPK3PXP');
    await user.clear(within(dialog).getByLabelText('Period (seconds)'));
    await user.type(within(dialog).getByLabelText('Period (seconds)'), 'soon');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(within(dialog).getByLabelText('Period (seconds)').getAttribute('aria-invalid')).toBe('true');
    expect(fake.api.entries.add).not.toHaveBeenCalled();
  });

  it('shows counter for HOTP and hides the parameters for Steam', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'hotp');
    expect(within(dialog).getByLabelText('Counter')).toBeTruthy();
    expect(within(dialog).queryByLabelText('Period (seconds)')).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'steam');
    expect(within(dialog).queryByLabelText('Digits')).toBeNull();
    await user.type(within(dialog).getByLabelText('Issuer'), 'Steam');
    await user.type(within(dialog).getByLabelText('Secret key'), 'JBSWY3DPEHPK3PXP');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(fake.api.entries.add).toHaveBeenCalledWith({
      type: 'steam',
      issuer: 'Steam',
      account: '',
      secret: 'JBSWY3DPEHPK3PXP',
    });
  });

  it('adds from a pasted otpauth:// link and clears it', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('tab', { name: 'Paste link' }));
    expect(within(dialog).getByRole('tab', { name: 'Paste link' }).getAttribute('aria-selected')).toBe('true');
    const uri = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
    const input = within(dialog).getByLabelText('otpauth:// link');
    await user.click(input);
    await user.paste(uri);
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(fake.api.entries.addUri).toHaveBeenCalledExactlyOnceWith(uri);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the link dialog open with main’s error, and refuses non-otpauth text locally', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('tab', { name: 'Paste link' }));
    const input = within(dialog).getByLabelText('otpauth:// link') as HTMLTextAreaElement;
    await user.click(input);
    await user.paste('https://example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(fake.api.entries.addUri).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');

    vi.mocked(fake.api.entries.addUri).mockResolvedValueOnce(
      fail({
        code: 'invalid-entry',
        message: 'This link cannot be used. The period must be 1 to 3600 seconds.',
        field: 'period',
      }),
    );
    await user.clear(input);
    await user.paste('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(
      await within(dialog).findByText('This link cannot be used. The period must be 1 to 3600 seconds.'),
    ).toBeTruthy();
    // Kept, so it can be corrected.
    expect(input.value).toBe('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0');
  });
});
