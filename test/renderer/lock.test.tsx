// SPDX-License-Identifier: GPL-3.0-or-later
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useCodesStore } from '../../renderer/codes/codes-store';
import { useEntriesStore } from '../../renderer/codes/entries-store';
import { useToastStore } from '../../renderer/shared/toast-store';
import { entry, lockedStatus, snapshot } from './fake-api';
import { renderUnlocked } from './helpers';

describe('lock', () => {
  it('the Lock button locks and every session store is emptied', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^GitHub/ }));
    await screen.findByText(/^Copied the code/);
    expect(useEntriesStore.getState().entries).toHaveLength(1);
    expect(Object.keys(useCodesStore.getState().byId)).toEqual([github.id]);

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(fake.api.vault.lock).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('You locked Tessera.')).toBeTruthy();
    expect(useEntriesStore.getState()).toMatchObject({ entries: [], loaded: false });
    expect(useCodesStore.getState()).toMatchObject({ byId: {}, loaded: false });
    expect(useToastStore.getState().toast).toBeNull();
    expect(document.body.textContent).not.toContain('123');
    expect(document.body.textContent).not.toContain('GitHub');
  });

  it('a lock pushed by main (idle) empties the stores and unsubscribes from pushes', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    expect(fake.listenerCount('codes:update')).toBe(1);
    fake.emitStatus(lockedStatus('idle'));
    expect(screen.getByText('Locked after a period without activity.')).toBeTruthy();
    expect(useEntriesStore.getState().entries).toEqual([]);
    expect(useCodesStore.getState().byId).toEqual({});
    expect(fake.listenerCount('codes:update')).toBe(0);
    expect(fake.listenerCount('entries:changed')).toBe(0);
  });

  it('drops a list answer that arrives after the vault locked', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], []);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const list = fake.api.entries.list as unknown as { mockImplementationOnce: (f: () => unknown) => void };
    list.mockImplementationOnce(async () => {
      await gate;
      return { ok: true, value: [github] };
    });
    fake.emitStatus(lockedStatus('idle'));
    fake.emitStatus({
      status: 'unlocked',
      path: '/v',
      entryCount: 1,
      kdf: { algorithm: 'argon2id13', opslimit: 3, memlimitBytes: 1, deriveMs: 1, engine: null },
      recoveryKey: false,
    });
    fake.emitStatus(lockedStatus('idle'));
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(useEntriesStore.getState().entries).toEqual([]);
  });
});
