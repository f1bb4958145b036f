// SPDX-License-Identifier: GPL-3.0-or-later
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { entry, installFakeApi, lockedStatus, snapshot } from './fake-api';
import { deferred, renderApp } from './helpers';

describe('unlock', () => {
  it('focuses the password field and shows why the vault was locked', async () => {
    installFakeApi({ status: lockedStatus('idle') });
    renderApp();
    const input = await screen.findByLabelText('Master password');
    expect(document.activeElement).toBe(input);
    expect(screen.getByText('Locked after a period without activity.')).toBeTruthy();
  });

  it.each([
    ['suspend', 'Locked when the computer went to sleep.'],
    ['screen-lock', 'Locked when the screen was locked.'],
    ['manual', 'You locked Tessera.'],
  ] as const)('names the lock reason %s', async (reason, text) => {
    installFakeApi({ status: lockedStatus(reason) });
    renderApp();
    expect(await screen.findByText(text)).toBeTruthy();
  });

  it('reports a wrong password, clears and refocuses the field, then unlocks with the right one', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice@example.com' });
    const fake = installFakeApi({
      password: 'the right password',
      entries: [github],
      codes: [snapshot(github.id, '123456', Date.now() + 20_000)],
    });
    renderApp();
    const user = userEvent.setup();
    const input = (await screen.findByLabelText('Master password')) as HTMLInputElement;

    await user.type(input, 'the wrong password{Enter}');
    expect(fake.api.vault.unlock).toHaveBeenCalledWith('the wrong password');
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not open the vault/);
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);

    await user.type(input, 'the right password{Enter}');
    expect(await screen.findByRole('button', { name: 'GitHub, alice@example.com, code 123 456' })).toBeTruthy();
    expect(fake.api.vault.unlock).toHaveBeenCalledTimes(2);
  });

  it('shows progress while main derives the key and ignores a second submit', async () => {
    const fake = installFakeApi();
    const answer = deferred<Result<VaultStatus>>();
    vi.mocked(fake.api.vault.unlock).mockReturnValueOnce(answer.promise);
    renderApp();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Master password'), 'anything at all{Enter}');
    expect(screen.getByRole('progressbar', { name: 'Unlocking…' })).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(fake.api.vault.unlock).toHaveBeenCalledTimes(1);
    answer.resolve({ ok: false, error: { code: 'wrong-password-or-tampered', message: 'x' } });
    await screen.findByRole('alert');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('follows status pushes from main', async () => {
    const fake = installFakeApi({ status: lockedStatus('manual') });
    renderApp();
    await screen.findByText('You locked Tessera.');
    fake.emitStatus(lockedStatus('suspend'));
    expect(screen.getByText('Locked when the computer went to sleep.')).toBeTruthy();
  });
});
