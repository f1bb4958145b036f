// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A message about a password goes as soon as that password changes (issue 13, item 9): "too easy
 * to guess" or main's "too short" is about the password that was refused, not the one being typed.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../electron/domain';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import { entry, fail, installFakeApi, VAULT_PATH } from './fake-api';
import { flush, renderApp, renderUnlocked } from './helpers';

beforeAll(async () => {
  await loadStrengthChecker();
}, 60_000);

describe('first run', () => {
  async function openFirstRun() {
    const absent: VaultStatus = { status: 'absent', path: VAULT_PATH };
    const fake = installFakeApi({ status: absent });
    renderApp();
    await screen.findByRole('heading', { name: 'Create your vault' });
    return fake;
  }

  it('drops “too easy to guess” at the first key press in the password', async () => {
    await openFirstRun();
    const user = userEvent.setup();
    const password = screen.getByLabelText('Master password');
    await user.type(password, 'password123');
    await user.type(screen.getByLabelText('Confirm master password'), 'password123');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect(screen.getByText(/too easy to guess/)).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');

    await user.type(password, '!');
    expect(screen.queryByText(/too easy to guess/)).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBe('false');
  });

  it('drops main’s refusal and “do not match” when their field changes', async () => {
    const fake = await openFirstRun();
    const user = userEvent.setup();
    const password = screen.getByLabelText('Master password');
    const confirm = screen.getByLabelText('Confirm master password');
    await user.type(password, 'mauve tangerine quarry drum');
    await user.type(confirm, 'mauve tangerine quarry dru');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect(screen.getByText(/do not match/)).toBeTruthy();
    await user.type(confirm, 'm');
    expect(screen.queryByText(/do not match/)).toBeNull();

    vi.mocked(fake.api.vault.create).mockResolvedValueOnce(
      fail({
        code: 'weak-password',
        field: 'password',
        message: 'Choose a master password of at least 10 characters.',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect(await screen.findByText('Choose a master password of at least 10 characters.')).toBeTruthy();
    await user.type(screen.getByLabelText('Master password'), 'x');
    expect(screen.queryByText('Choose a master password of at least 10 characters.')).toBeNull();
  });
});

describe('change master password', () => {
  it('drops “too easy to guess” at the first key press in the new password', async () => {
    await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await flush();
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.click(within(dialog).getByRole('button', { name: 'Change master password…' }));
    const next = within(dialog).getByLabelText('New master password');
    await user.type(within(dialog).getByLabelText('Current master password'), 'correct horse battery');
    await user.type(next, 'password1234');
    await user.type(within(dialog).getByLabelText('Confirm new master password'), 'password1234');
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
    expect(within(dialog).getByText(/too easy to guess/)).toBeTruthy();

    await user.type(next, 'x');
    expect(within(dialog).queryByText(/too easy to guess/)).toBeNull();
    expect(next.getAttribute('aria-invalid')).toBe('false');
  });
});
