// SPDX-License-Identifier: GPL-3.0-or-later
/** Restoring a Tessera backup through the review: merge by default, replace with a warning and a confirmation. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, importCandidate, ok, reviewStep, type FakeApi } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const inDialog = () => within(screen.getByRole('dialog', { name: 'Import accounts' }));
const MERGE = 'Merge: add the accounts the vault does not have';
const REPLACE = 'Replace: the vault will hold exactly the backup’s accounts';

async function openBackup(): Promise<{ fake: FakeApi; user: ReturnType<typeof userEvent.setup> }> {
  const fake = await renderUnlocked([entry(), entry()], [], {
    state: {
      importStep: reviewStep({
        kind: 'backup',
        title: 'Tessera backup',
        summary: 'tessera-backup-2030-01-01.tessera',
        canScanMore: false,
        vaultEntryCount: 5,
        candidates: [
          importCandidate({ key: 'c1', issuer: 'GitHub', account: 'alice' }),
          importCandidate({
            key: 'c2',
            issuer: 'GitLab',
            account: 'alice',
            duplicate: { of: 'vault', id: '00000000-0000-4000-8000-000000000009', label: 'GitLab (alice)' },
          }),
        ],
      }),
    },
  });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
  await flush();
  return { fake, user };
}

describe('restoring a backup', () => {
  it('merges by default, adding what the vault does not have', async () => {
    const { fake, user } = await openBackup();
    expect((inDialog().getByRole('radio', { name: MERGE }) as HTMLInputElement).checked).toBe(true);
    expect(inDialog().queryByText(/will be removed/)).toBeNull();
    expect(inDialog().queryByRole('button', { name: 'Scan screen' })).toBeNull();
    await user.click(inDialog().getByRole('button', { name: 'Restore 1 account' }));
    await flush();
    expect(fake.api.imports.commit).toHaveBeenCalledExactlyOnceWith(['c1'], 'merge');
    expect(screen.getByText('Restored 1 account')).toBeTruthy();
  });

  it('replace warns how many accounts go, asks once more, then commits with mode replace', async () => {
    const { fake, user } = await openBackup();
    vi.mocked(fake.api.imports.commit).mockResolvedValueOnce(ok({ added: 2, removed: 5 }));
    await user.click(inDialog().getByRole('radio', { name: REPLACE }));
    expect(
      inDialog().getByText('All 5 accounts in your vault now will be removed and replaced by the backup’s.'),
    ).toBeTruthy();
    // The vault's copy goes in a replace, so the backup's copy is no longer a duplicate.
    expect((inDialog().getByRole('checkbox', { name: 'GitLab, alice' }) as HTMLInputElement).checked).toBe(true);
    await user.click(inDialog().getByRole('button', { name: 'Replace with 2 accounts…' }));
    expect(fake.api.imports.commit).not.toHaveBeenCalled();
    expect(inDialog().getByRole('heading', { name: 'Replace the accounts in your vault?' })).toBeTruthy();
    expect(document.activeElement).toBe(inDialog().getByRole('button', { name: 'Go back' }));
    await user.click(inDialog().getByRole('button', { name: 'Replace vault' }));
    await flush();
    expect(fake.api.imports.commit).toHaveBeenCalledExactlyOnceWith(['c1', 'c2'], 'replace');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Restored 2 accounts and removed 5')).toBeTruthy();
  });

  it('goes back from the confirmation without committing', async () => {
    const { fake, user } = await openBackup();
    await user.click(inDialog().getByRole('radio', { name: REPLACE }));
    await user.click(inDialog().getByRole('button', { name: 'Replace with 2 accounts…' }));
    await user.click(inDialog().getByRole('button', { name: 'Go back' }));
    expect(fake.api.imports.commit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(inDialog().getByRole('heading', { name: 'Tessera backup' }));
    await user.click(inDialog().getByRole('radio', { name: MERGE }));
    expect((inDialog().getByRole('checkbox', { name: 'GitLab, alice' }) as HTMLInputElement).checked).toBe(false);
  });
});
