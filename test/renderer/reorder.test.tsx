// SPDX-License-Identifier: GPL-3.0-or-later
import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { keyboardMove, moveEntry } from '../../renderer/codes/reorder';
import { entry, fail } from './fake-api';
import { flush, renderUnlocked, rowNames } from './helpers';

const names = (): string[] => rowNames().map((n) => n.split(',')[0] ?? '');

function fakeTransfer() {
  return { setData: vi.fn(), setDragImage: vi.fn(), effectAllowed: 'all', dropEffect: 'none' };
}

describe('reorder', () => {
  it('moves the focused account with Alt+↓ and Alt+↑, keeps it focused and says where it went', async () => {
    const a = entry({ issuer: 'Alpha', sortOrder: 0 });
    const b = entry({ issuer: 'Bravo', sortOrder: 1 });
    const c = entry({ issuer: 'Charlie', sortOrder: 2 });
    const fake = await renderUnlocked([a, b, c], []);
    const user = userEvent.setup();
    const alpha = screen.getByRole('button', { name: /^Alpha/ });
    alpha.focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await flush();
    expect(fake.api.entries.reorder).toHaveBeenLastCalledWith([b.id, a.id, c.id]);
    expect(names()).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Alpha/ }));
    expect(screen.getByTestId('list-announcer').textContent).toBe(`Moved Alpha, ${a.account} to position 2 of 3.`);

    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await flush();
    expect(fake.api.entries.reorder).toHaveBeenLastCalledWith([a.id, b.id, c.id]);
    expect(names()).toEqual(['Alpha', 'Bravo', 'Charlie']);
    // Already first: nothing to do.
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(fake.api.entries.reorder).toHaveBeenCalledTimes(2);
  });

  it('keeps favourites on top', async () => {
    const fav = entry({ issuer: 'Fav', favourite: true, sortOrder: 5 });
    const a = entry({ issuer: 'Alpha', sortOrder: 0 });
    const fake = await renderUnlocked([fav, a], []);
    const user = userEvent.setup();
    screen.getByRole('button', { name: /^Alpha/ }).focus();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await flush();
    expect(fake.api.entries.reorder).not.toHaveBeenCalled();
    expect(screen.getByTestId('list-announcer').textContent).toBe('Favourites always stay at the top.');
  });

  it('moves an account by dragging its grip onto another row', async () => {
    const a = entry({ issuer: 'Alpha', sortOrder: 0 });
    const b = entry({ issuer: 'Bravo', sortOrder: 1 });
    const c = entry({ issuer: 'Charlie', sortOrder: 2 });
    const fake = await renderUnlocked([a, b, c], []);
    const grips = document.querySelectorAll<HTMLElement>('.row-grip');
    const rows = document.querySelectorAll<HTMLElement>('li.row');
    const dataTransfer = fakeTransfer();
    act(() => {
      fireEvent.dragStart(grips[0] as HTMLElement, { dataTransfer });
    });
    expect(document.querySelector('.code-list-dragging')).toBeTruthy();
    act(() => {
      fireEvent.dragOver(rows[2] as HTMLElement, { dataTransfer, clientY: 100 });
    });
    expect(rows[2]?.classList.contains('row-drop-after')).toBe(true);
    act(() => {
      fireEvent.drop(rows[2] as HTMLElement, { dataTransfer });
    });
    await flush();
    expect(fake.api.entries.reorder).toHaveBeenCalledExactlyOnceWith([b.id, c.id, a.id]);
    expect(names()).toEqual(['Bravo', 'Charlie', 'Alpha']);
    expect(document.querySelector('.code-list-dragging')).toBeNull();
  });

  it('does not start a drag from anywhere but the grip', async () => {
    await renderUnlocked([entry({ issuer: 'Alpha' }), entry({ issuer: 'Bravo' })], []);
    const event = fireEvent.dragStart(screen.getByRole('button', { name: /^Alpha/ }), { dataTransfer: fakeTransfer() });
    expect(event).toBe(false); // default prevented
    expect(document.querySelector('.code-list-dragging')).toBeNull();
  });

  it('puts the old order back when main refuses', async () => {
    const a = entry({ issuer: 'Alpha', sortOrder: 0 });
    const b = entry({ issuer: 'Bravo', sortOrder: 1 });
    const fake = await renderUnlocked([a, b], []);
    vi.mocked(fake.api.entries.reorder).mockResolvedValueOnce(
      fail({
        code: 'invalid-entry',
        field: 'ids',
        message: 'The new order must list every account exactly once. Try again.',
      }),
    );
    screen.getByRole('button', { name: /^Alpha/ }).focus();
    const user = userEvent.setup();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await flush();
    expect(names()).toEqual(['Alpha', 'Bravo']);
    expect(await screen.findByText(/must list every account/)).toBeTruthy();
  });
});

describe('reorder arithmetic', () => {
  const a = entry({ issuer: 'A', sortOrder: 0 });
  const b = entry({ issuer: 'B', sortOrder: 1 });
  const c = entry({ issuer: 'C', sortOrder: 2 });
  const f = entry({ issuer: 'F', sortOrder: 3, favourite: true });

  it('moves before or after a target, favourites first, and skips no-ops', () => {
    expect(moveEntry([a, b, c, f], c.id, a.id, 'before')).toEqual([f.id, c.id, a.id, b.id]);
    expect(moveEntry([a, b, c, f], a.id, c.id, 'after')).toEqual([f.id, b.id, c.id, a.id]);
    expect(moveEntry([a, b, c, f], a.id, b.id, 'before')).toBeNull();
    expect(moveEntry([a, b, c, f], a.id, f.id, 'before')).toBeNull();
    expect(moveEntry([a, b], a.id, 'missing', 'after')).toBeNull();
  });

  it('finds the visible neighbour for a keyboard move', () => {
    expect(keyboardMove([a, c], c.id, -1)).toEqual({ targetId: a.id, position: 'before' });
    expect(keyboardMove([a, c], a.id, 1)).toEqual({ targetId: c.id, position: 'after' });
    expect(keyboardMove([a, c], a.id, -1)).toBeNull();
  });
});
