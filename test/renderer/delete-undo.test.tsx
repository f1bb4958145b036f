// SPDX-License-Identifier: GPL-3.0-or-later
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, installFakeApi, VAULT_PATH } from './fake-api';
import { flush, renderApp, renderUnlocked, rowNames } from './helpers';

const names = (): string[] => rowNames().map((n) => n.split(',')[0] ?? '');

async function deleteAlpha() {
  const a = entry({ issuer: 'Alpha', account: 'one', sortOrder: 0 });
  const b = entry({ issuer: 'Bravo', account: 'two', sortOrder: 1 });
  const fake = await renderUnlocked([a, b], []);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Delete Alpha, one' }));
  await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
  return { fake, user, a, b };
}

describe('delete with undo', () => {
  it('offers Undo in the toast, which brings the account back', async () => {
    const { fake, user, a } = await deleteAlpha();
    expect(names()).toEqual(['Bravo']);
    const toast = document.querySelector('.toast-region') as HTMLElement;
    expect(within(toast).getByText('Deleted Alpha, one')).toBeTruthy();
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await flush();
    expect(fake.api.entries.undoRemove).toHaveBeenCalledExactlyOnceWith(a.id);
    expect(names()).toEqual(['Alpha', 'Bravo']);
    expect(screen.getByText('Restored Alpha, one')).toBeTruthy();
  });

  it('undoes with Ctrl+Z outside text fields', async () => {
    const { fake, user, a } = await deleteAlpha();
    await user.keyboard('{Control>}z{/Control}');
    await flush();
    expect(fake.api.entries.undoRemove).toHaveBeenCalledExactlyOnceWith(a.id);
    expect(names()).toEqual(['Alpha', 'Bravo']);
    // Nothing left to undo: Ctrl+Z does nothing more.
    await user.keyboard('{Control>}z{/Control}');
    expect(fake.api.entries.undoRemove).toHaveBeenCalledTimes(1);
  });

  it('keeps the Undo on screen for the whole undo time, then it is gone', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { fake } = await deleteAlpha();
    act(() => {
      vi.advanceTimersByTime(9_000);
    });
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1_100);
    });
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(fake.api.entries.undoRemove).not.toHaveBeenCalled();
  });

  it('says so when main can no longer undo', async () => {
    const { fake, user } = await deleteAlpha();
    fake.state.removed.clear();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('That deletion can no longer be undone.')).toBeTruthy();
    expect(names()).toEqual(['Bravo']);
  });

  it('tells on the unlock screen that a lock kept accounts being deleted', async () => {
    installFakeApi({
      status: { status: 'locked', path: VAULT_PATH, lastLockReason: 'suspend', cancelledDeletions: 2 },
    });
    renderApp();
    await flush();
    expect(screen.getByText(/2 accounts you were deleting were kept/)).toBeTruthy();
  });
});
