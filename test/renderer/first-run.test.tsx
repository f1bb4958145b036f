// SPDX-License-Identifier: GPL-3.0-or-later
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import type { VaultStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { fail, installFakeApi, RECOVERY_KEY, unlockedStatus, VAULT_PATH } from './fake-api';
import { deferred, flush, renderApp } from './helpers';

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

  it('sends the password once, clears the inputs, shows progress, then the recovery-key offer', async () => {
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
    expect(await screen.findByRole('heading', { name: 'Keep a way back in' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
    expect(fake.api.vault.createRecoveryKey).not.toHaveBeenCalled();
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

describe('first run: keep a way back in', () => {
  const PASSWORD = 'correct horse battery';

  /** Creates the vault through the form; answers at the recovery-key offer. */
  async function createVault() {
    const fake = await openFirstRun();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Master password'), PASSWORD);
    await user.type(screen.getByLabelText('Confirm master password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    await screen.findByRole('heading', { name: 'Keep a way back in' });
    return { fake, user };
  }

  it('stays on the first run when main announces the open vault before create answers', async () => {
    const fake = await openFirstRun();
    const answer = deferred<Result<VaultStatus>>();
    vi.mocked(fake.api.vault.create).mockReturnValueOnce(answer.promise);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Master password'), PASSWORD);
    await user.type(screen.getByLabelText('Confirm master password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    fake.emitStatus(unlockedStatus());
    await flush();
    expect(screen.queryByRole('heading', { name: 'No accounts yet' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Creating vault…' })).toBeTruthy();
    answer.resolve({ ok: true, value: unlockedStatus() });
    expect(await screen.findByRole('heading', { name: 'Keep a way back in' })).toBeTruthy();
  });

  it('offers a recovery key, skippable, in plain words', async () => {
    await createVault();
    expect(screen.getByText(/a recovery key is the only way back in/)).toBeTruthy();
    expect(screen.getByText('You can also make one later, in Settings.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Make a recovery key' }));
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('makes the key with the password just chosen, shows it, and goes on to the codes once its copy is checked', async () => {
    const { fake, user } = await createVault();
    await user.click(screen.getByRole('button', { name: 'Make a recovery key' }));
    expect(fake.api.vault.createRecoveryKey).toHaveBeenCalledWith(PASSWORD);
    expect(await screen.findByRole('heading', { name: 'Your recovery key' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Recovery key' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(RECOVERY_KEY.split('-'));
    expect(document.activeElement).toBe(list);
    expect(screen.getByRole('button', { name: 'Save as file…' })).toBeTruthy();

    const done = screen.getByRole('button', { name: 'Done' }) as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    await user.type(screen.getByLabelText('Type groups 8 and 9 to check your copy'), '8S1F-QK3T');
    expect(done.disabled).toBe(false);
    await user.click(done);
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
    // The status was asked again: Settings will say the vault has a key.
    expect(fake.api.vault.status).toHaveBeenCalledTimes(2);
  });

  it('leaving before the check asks whether the key was kept; staying keeps it on screen', async () => {
    const { fake, user } = await createVault();
    await user.click(screen.getByRole('button', { name: 'Make a recovery key' }));
    await screen.findByRole('heading', { name: 'Your recovery key' });
    await user.click(screen.getByRole('button', { name: 'Continue without checking' }));
    const question = screen.getByRole('group', { name: 'Did you keep your recovery key?' });
    await user.click(within(question).getByRole('button', { name: 'Stay' }));
    expect(screen.getByRole('heading', { name: 'Your recovery key' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue without checking' }));
    await user.click(screen.getByRole('button', { name: 'Yes, I kept it' }));
    expect(fake.api.vault.forgetRecoveryKey).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
  });

  it('says why when main cannot make the key, and "Not now" still goes on', async () => {
    const { fake, user } = await createVault();
    vi.mocked(fake.api.vault.createRecoveryKey).mockResolvedValueOnce(
      fail({ code: 'io', message: 'The vault file could not be saved: the disk is full.' }),
    );
    await user.click(screen.getByRole('button', { name: 'Make a recovery key' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The vault file could not be saved: the disk is full.');
    await user.click(screen.getByRole('button', { name: 'Make a recovery key' }));
    expect(fake.api.vault.createRecoveryKey).toHaveBeenCalledTimes(2);
    expect(fake.api.vault.createRecoveryKey).toHaveBeenLastCalledWith(PASSWORD);
    expect(await screen.findByRole('heading', { name: 'Your recovery key' })).toBeTruthy();
  });

  it('a lock during the offer ends the first run: the next unlock shows the codes', async () => {
    const { fake } = await createVault();
    fake.emitStatus({ status: 'locked', path: VAULT_PATH, lastLockReason: 'idle' });
    expect(await screen.findByRole('heading', { name: 'Unlock Tessera' })).toBeTruthy();
    fake.emitStatus(unlockedStatus());
    expect(await screen.findByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
  });
});
