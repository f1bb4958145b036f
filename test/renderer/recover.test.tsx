// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Forgot your password?" on the unlock screen (issue 19): the recovery key as written down (any
 * spacing or case), a new master password twice with the same rules as at first run, main's refusal
 * in its plain words on the field it is about, Back to the password, and once open the codes with a
 * notice that the new password is set and the recovery key still works.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { RECOVERED_NOTICE } from '../../renderer/auth/RecoverScreen';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import { entry, fail, installFakeApi, lockedStatus, RECOVERY_KEY, snapshot, unlockedStatus } from './fake-api';
import { deferred, flush, renderApp } from './helpers';

const NEW_PASSWORD = 'mauve tangerine quarry drum';

beforeAll(async () => {
  await loadStrengthChecker();
}, 60_000);

async function openRecover(state: Parameters<typeof installFakeApi>[0] = {}) {
  const github = entry({ issuer: 'GitHub', account: 'alice@example.com' });
  const fake = installFakeApi({
    status: lockedStatus('manual'),
    password: 'the forgotten password',
    recoveryKey: RECOVERY_KEY,
    entries: [github],
    codes: [snapshot(github.id, '123456', Date.now() + 20_000)],
    ...state,
  });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Forgot your password?' }));
  await screen.findByRole('heading', { name: 'Use your recovery key' });
  return { fake, user };
}

const keyField = () => screen.getByLabelText('Recovery key') as HTMLInputElement;
const passwordField = () => screen.getByLabelText('New master password') as HTMLInputElement;
const confirmField = () => screen.getByLabelText('Confirm new master password') as HTMLInputElement;

async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>, key: string, password = NEW_PASSWORD) {
  await user.clear(keyField());
  await user.type(keyField(), key);
  await user.type(passwordField(), password);
  await user.type(confirmField(), password);
  await user.click(screen.getByRole('button', { name: 'Set password and unlock' }));
}

describe('forgot your password: the recovery key', () => {
  it('"Forgot your password?" leads to the key and a new password; Back returns to the password', async () => {
    const { user } = await openRecover();
    expect(document.activeElement).toBe(keyField());
    expect(screen.getByText(/Spaces, dashes and capitals do not matter/)).toBeTruthy();
    expect(screen.getByText(/At least 10 characters, rated strong/)).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'Password strength' })).toBeTruthy();
    expect(screen.queryByLabelText('Master password')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    const password = await screen.findByLabelText('Master password');
    expect(document.activeElement).toBe(password);
    expect(screen.getByText('You locked Tessera.')).toBeTruthy();
  });

  it('opens the vault with the key as typed (any spacing and case), sets the new password and says so', async () => {
    const { fake, user } = await openRecover();
    const answer = deferred<Result<VaultStatus>>();
    vi.mocked(fake.api.vault.recover).mockReturnValueOnce(answer.promise);
    const typed = RECOVERY_KEY.toLowerCase().replace(/-/g, ' ');
    await fillAndSubmit(user, typed);

    expect(fake.api.vault.recover).toHaveBeenCalledTimes(1);
    expect(fake.api.vault.recover).toHaveBeenCalledWith(typed, NEW_PASSWORD);
    expect(passwordField().value).toBe('');
    expect(confirmField().value).toBe('');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Unlocking…' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Back' }).hasAttribute('disabled')).toBe(true);

    answer.resolve({ ok: true, value: unlockedStatus(1, true) });
    expect(await screen.findByRole('button', { name: 'GitHub, alice@example.com, code 123 456' })).toBeTruthy();
    expect(screen.getByText(RECOVERED_NOTICE)).toBeTruthy();
    expect(RECOVERED_NOTICE).toMatch(/new master password is set/);
    expect(RECOVERED_NOTICE).toMatch(/recovery key still works/);
  });

  it('the new password works from then on (the fake main re-keyed)', async () => {
    const { fake, user } = await openRecover();
    await fillAndSubmit(user, RECOVERY_KEY);
    await screen.findByRole('button', { name: /^GitHub, alice@example\.com, code/ });
    expect(fake.state.password).toBe(NEW_PASSWORD);
  });

  it('refuses a weak or mismatched new password before anything is sent, like first run', async () => {
    const { fake, user } = await openRecover();
    await fillAndSubmit(user, RECOVERY_KEY, 'short1234');
    expect(screen.getByRole('alert').textContent).toMatch(/at least 10 characters \(this one has 9 characters\)/);
    expect(passwordField().getAttribute('aria-invalid')).toBe('true');

    await user.clear(passwordField());
    await user.clear(confirmField());
    await user.type(passwordField(), 'password123');
    await user.type(confirmField(), 'password123');
    await user.click(screen.getByRole('button', { name: 'Set password and unlock' }));
    expect(screen.getByRole('alert').textContent).toMatch(/too easy to guess/);

    await user.clear(passwordField());
    await user.clear(confirmField());
    await user.type(passwordField(), NEW_PASSWORD);
    await user.type(confirmField(), `${NEW_PASSWORD}x`);
    await user.click(screen.getByRole('button', { name: 'Set password and unlock' }));
    expect(screen.getByRole('alert').textContent).toMatch(/do not match/);
    expect(fake.api.vault.recover).not.toHaveBeenCalled();
    // The key was kept: only the password needs typing again.
    expect(keyField().value).toBe(RECOVERY_KEY);
  });

  it('asks for the key when it is empty', async () => {
    const { fake, user } = await openRecover();
    await user.click(screen.getByRole('button', { name: 'Set password and unlock' }));
    expect(screen.getByRole('alert').textContent).toBe('Type your recovery key.');
    expect(keyField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(keyField());
    expect(fake.api.vault.recover).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a key that does not open this vault',
      {},
      'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD',
      /^This recovery key does not open this vault\./,
    ],
    [
      'a vault without a recovery key',
      { recoveryKey: null },
      RECOVERY_KEY,
      /^This vault has no recovery key, so it can only be opened with its master password/,
    ],
  ])('says main’s plain words for %s on the key field', async (_what, state, key, said) => {
    const { user } = await openRecover(state);
    await fillAndSubmit(user, key);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(said);
    expect(keyField().getAttribute('aria-invalid')).toBe('true');
    expect(keyField().getAttribute('aria-describedby')).toContain('recover-key-error');
    expect(document.activeElement).toBe(keyField());
    expect(keyField().value).toBe(key);
    expect(screen.getByRole('heading', { name: 'Use your recovery key' })).toBeTruthy();
    // The message goes at the first key press in the field: it was about what was typed before.
    await user.type(keyField(), ' ');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a typo (main names the key field) goes on the key; a refused password on the password; anything else above', async () => {
    const { fake, user } = await openRecover();
    vi.mocked(fake.api.vault.recover).mockResolvedValueOnce(
      fail({
        code: 'invalid-request',
        field: 'recoveryKey',
        message:
          'This recovery key has a typo: its last group does not match the others. Check each group against the one you wrote down.',
      }),
    );
    await fillAndSubmit(user, RECOVERY_KEY.replace('7Q2M', '7Q2N'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^This recovery key has a typo/);
    expect(keyField().getAttribute('aria-invalid')).toBe('true');

    vi.mocked(fake.api.vault.recover).mockResolvedValueOnce(
      fail({
        code: 'weak-password',
        field: 'password',
        message: 'Choose a master password of at least 10 characters.',
      }),
    );
    await fillAndSubmit(user, RECOVERY_KEY);
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a master password of at least 10 characters.');
    expect(passwordField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(passwordField());

    vi.mocked(fake.api.vault.recover).mockResolvedValueOnce(
      fail({ code: 'busy', message: 'Tessera is still opening the vault. Try again in a moment.' }),
    );
    await fillAndSubmit(user, RECOVERY_KEY);
    await flush();
    const alert = await screen.findByRole('alert');
    expect(alert.className).toBe('form-alert');
    expect(alert.textContent).toBe('Tessera is still opening the vault. Try again in a moment.');
  });
});
