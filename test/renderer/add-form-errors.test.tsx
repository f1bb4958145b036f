// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Add form's errors (issue 13, item 9): every field's problem at once (checked here first, then
 * by main), nothing typed is lost when main refuses, and a field's error goes as soon as that field
 * changes. The plain sentence comes first; main's technical detail is behind "Details".
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fail } from './fake-api';
import { renderUnlocked } from './helpers';

async function openDialog() {
  const fake = await renderUnlocked([], []);
  const user = userEvent.setup();
  await user.click(screen.getAllByRole('button', { name: 'Add account' })[0] as HTMLElement);
  const dialog = screen.getByRole('dialog', { name: 'Add account' });
  const field = (label: string) => within(dialog).getByLabelText(label) as HTMLInputElement;
  const submit = () => user.click(within(dialog).getByRole('button', { name: 'Add account' }));
  return { fake, user, dialog, field, submit };
}

/** The error shown for an input (its last aria-describedby target), or null. */
function errorOf(input: HTMLElement): string | null {
  if (input.getAttribute('aria-invalid') !== 'true') return null;
  const id = input.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '';
  return document.getElementById(id)?.textContent ?? null;
}

describe('add form: every error at once, nothing lost', () => {
  it('checks every field before sending: no names, 12 digits, period 0 and a bad secret, all shown', async () => {
    const { fake, user, field, submit } = await openDialog();
    await user.type(field('Secret key'), 'JBSW!Y3DP');
    await user.clear(field('Digits'));
    await user.type(field('Digits'), '12');
    await user.clear(field('Period (seconds)'));
    await user.type(field('Period (seconds)'), '0');
    await submit();

    expect(fake.api.entries.add).not.toHaveBeenCalled();
    expect(errorOf(field('Account'))).toBe('Enter the service’s name or your account name (or both).');
    expect(errorOf(field('Digits'))).toBe('Codes must have 5 to 10 digits (most sites use 6).');
    expect(errorOf(field('Period (seconds)'))).toBe('The period must be 1 to 3600 seconds (most sites use 30).');
    expect(errorOf(field('Secret key'))).toMatch(/letters A to Z and the digits 2 to 7/);
    expect(errorOf(field('Issuer'))).toBeNull();
    // Focus on the first field in error, in the form's order.
    expect(document.activeElement).toBe(field('Account'));
    // Nothing typed is gone.
    expect(field('Secret key').value).toBe('JBSW!Y3DP');
    expect(field('Digits').value).toBe('12');
  });

  it('drops a field’s error as soon as that field changes, and only that one', async () => {
    const { user, field, submit } = await openDialog();
    await user.clear(field('Digits'));
    await user.type(field('Digits'), '12');
    await user.clear(field('Period (seconds)'));
    await user.type(field('Period (seconds)'), '0');
    await submit();
    expect(errorOf(field('Digits'))).not.toBeNull();

    await user.type(field('Digits'), '{Backspace}');
    expect(errorOf(field('Digits'))).toBeNull();
    expect(errorOf(field('Period (seconds)'))).not.toBeNull();
    expect(errorOf(field('Secret key'))).not.toBeNull();
    await user.type(field('Secret key'), 'J');
    expect(errorOf(field('Secret key'))).toBeNull();
    expect(errorOf(field('Account'))).not.toBeNull();
  });

  it('keeps everything typed when main refuses, with every field main names and the detail behind “Details”', async () => {
    const { fake, user, dialog, field, submit } = await openDialog();
    vi.mocked(fake.api.entries.add).mockResolvedValueOnce(
      fail({
        code: 'invalid-entry',
        field: 'issuer',
        message: 'The issuer contains invisible control characters: type it again without them.',
        fields: {
          issuer: 'The issuer contains invisible control characters: type it again without them.',
          secret: 'The secret key is too short: copy the whole key again.',
        },
        details: "Invalid 'issuer': contains control characters.",
      }),
    );
    await user.type(field('Issuer'), 'GitHub');
    await user.type(field('Account'), 'alice');
    await user.type(field('Secret key'), 'JBSWY3DPEHPK3PXP');
    await submit();

    expect(fake.api.entries.add).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog', { name: 'Add account' })).toBe(dialog);
    expect(field('Secret key').value).toBe('JBSWY3DPEHPK3PXP');
    expect(field('Issuer').value).toBe('GitHub');
    expect(errorOf(field('Issuer'))).toBe(
      'The issuer contains invisible control characters: type it again without them.',
    );
    expect(errorOf(field('Secret key'))).toBe('The secret key is too short: copy the whole key again.');
    expect(errorOf(field('Account'))).toBeNull();
    const issuerField = field('Issuer').closest('.field') as HTMLElement;
    const details = within(issuerField).getByText('Details').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("Invalid 'issuer': contains control characters.");
    // The plain sentence comes before the disclosure.
    const error = within(issuerField).getByRole('alert');
    expect(error.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(document.activeElement).toBe(field('Issuer'));
  });

  it('keeps a pasted link when main refuses it, with the detail behind “Details”', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('tab', { name: 'Paste link' }));
    vi.mocked(fake.api.entries.addUri).mockResolvedValueOnce(
      fail({
        code: 'invalid-entry',
        field: 'digits',
        message: 'This link cannot be used. Codes must have 5 to 10 digits (most sites use 6).',
        details: "Invalid 'digits' parameter: must be a whole number from 5 to 10.",
      }),
    );
    const input = within(dialog).getByLabelText('otpauth:// link') as HTMLTextAreaElement;
    const link = 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12';
    await user.click(input);
    await user.paste(link);
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(input.value).toBe(link);
    expect(errorOf(input)).toBe('This link cannot be used. Codes must have 5 to 10 digits (most sites use 6).');
    expect(within(dialog).getByText('Details').closest('details')?.textContent).toContain("Invalid 'digits' parameter");
    await user.type(input, ' ');
    expect(errorOf(input)).toBeNull();
  });
});
