// SPDX-License-Identifier: GPL-3.0-or-later
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../electron/domain';
import { installFakeApi, VAULT_PATH } from './fake-api';
import { renderApp } from './helpers';

function unreadable(
  previousGenerationAvailable: boolean,
  code: 'corrupt' | 'unsupported-version' = 'corrupt',
): VaultStatus {
  return {
    status: 'unreadable',
    path: VAULT_PATH,
    error: { code, message: 'The vault file is damaged: its header could not be read.' },
    previousGenerationAvailable,
  };
}

describe('unreadable vault', () => {
  it('shows the error, the path and that the file is untouched, with no destructive action', async () => {
    installFakeApi({ status: unreadable(true) });
    renderApp();
    expect(await screen.findByRole('heading', { name: /can’t open your vault/ })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The vault file is damaged');
    expect(screen.getByText(VAULT_PATH)).toBeTruthy();
    expect(screen.getByText(/left untouched/)).toBeTruthy();
    expect(screen.getByText(/previous generation of the vault/)).toBeTruthy();
    const buttons = screen.getAllByRole('button').map((b) => b.textContent ?? '');
    expect(buttons).toEqual(['Open the previous version', 'Check again']);
  });

  it('opens the previous version on request and then asks for the password', async () => {
    const fake = installFakeApi({ status: unreadable(true) });
    renderApp();
    (await screen.findByRole('button', { name: 'Open the previous version' })).click();
    expect(await screen.findByLabelText('Master password')).toBeTruthy();
    expect(fake.api.vault.usePrevious).toHaveBeenCalledTimes(1);
  });

  it('does not mention a previous generation when there is none, and advises updating for a newer format', async () => {
    installFakeApi({ status: unreadable(false, 'unsupported-version') });
    renderApp();
    await screen.findByText(/left untouched/);
    expect(screen.queryByText(/previous generation/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open the previous version' })).toBeNull();
    expect(screen.getByText(/newer version of Tessera/)).toBeTruthy();
  });
});
