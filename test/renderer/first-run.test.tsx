// SPDX-License-Identifier: GPL-3.0-or-later
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import type { VaultStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { fail, installFakeApi, unlockedStatus, VAULT_PATH } from './fake-api';
import { deferred, renderApp } from './helpers';

const absent: VaultStatus = { status: 'absent', path: VAULT_PATH };

async function openFirstRun() {
  const fake = installFakeApi({ status: absent });
  renderApp();
  await screen.findByRole('heading', { name: 'Create your vault' });
  return fake;
}

// The dictionaries are large: load them once, before the timed tests.
beforeAll(async () => {
  await loadStrengthChecker();
}, 60_000);

describe('first run', () => {
  it('says the password cannot be recovered and shows where the vault will live', async () => {
    await openFirstRun();
    expect(screen.getByText(/cannot be recovered/i)).toBeTruthy();
    expect(screen.getByText(VAULT_PATH)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Master password'));
  });

  it('refuses a password shorter than 10 characters without calling main', async () => {
    const fake = await openFirstRun();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Master password'), 'short1234');
    await user.type(screen.getByLabelText('Confirm master password'), 'short1234');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    const input = screen.getByLabelText('Master password');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/at least 10 characters \(this one has 9 characters\)/);
    expect(input.getAttribute('aria-describedby')).toContain('new-password-error');
    expect(fake.api.vault.create).not.toHaveBeenCalled();
  });

  it('refuses a confirmation that does not match', async () => {
    const fake = await openFirstRun();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Master password'), 'long enough password');
    await user.type(screen.getByLabelText('Confirm master password'), 'long enough passwort');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect(screen.getByLabelText('Confirm master password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/do not match/);
    expect(fake.api.vault.create).not.toHaveBeenCalled();
  });

  it('sends the password once, clears the inputs, shows progress, then the codes screen', async () => {
    const fake = await openFirstRun();
    const answer = deferred<Result<VaultStatus>>();
    vi.mocked(fake.api.vault.create).mockReturnValueOnce(answer.promise);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Master password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Confirm master password'), 'correct horse battery');
    await user.keyboard('{Enter}');

    expect(fake.api.vault.create).toHaveBeenCalledTimes(1);
    expect(fake.api.vault.create).toHaveBeenCalledWith('correct horse battery');
    expect((screen.getByLabelText('Master password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Confirm master password') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Creating vault…' }).hasAttribute('disabled')).toBe(true);

    answer.resolve({ ok: true, value: unlockedStatus() });
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
  });

  it('shows an error from main next to the password field', async () => {
    const fake = await openFirstRun();
    vi.mocked(fake.api.vault.create).mockResolvedValueOnce(
      fail({
        code: 'weak-password',
        message: 'Choose a master password of at least 10 characters.',
        field: 'password',
      }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Master password'), 'ten chars!');
    await user.type(screen.getByLabelText('Confirm master password'), 'ten chars!');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a master password of at least 10 characters.');
    expect(screen.getByLabelText('Master password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Create your vault' })).toBeTruthy();
  });

  it('rates the password as it is typed, and refuses a long but guessable one', async () => {
    const fake = await openFirstRun();
    const user = userEvent.setup();
    const password = screen.getByLabelText('Master password');
    expect(screen.getByText(/type a password to see how hard it is to guess/)).toBeTruthy();
    await user.type(password, 'password123');
    expect(await screen.findByText(/Very weak|Weak/)).toBeTruthy();
    expect(password.getAttribute('aria-describedby')).toContain('new-password-strength');
    await user.type(screen.getByLabelText('Confirm master password'), 'password123');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect(screen.getByRole('alert').textContent).toMatch(/too easy to guess/);
    expect(fake.api.vault.create).not.toHaveBeenCalled();

    await user.clear(password);
    await user.type(password, 'mauve tangerine quarry drum');
    expect(await screen.findByText('Very strong')).toBeTruthy();
    expect(document.querySelector('meter')?.getAttribute('value')).toBe('4');
  });
});
