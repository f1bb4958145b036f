// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The list by keyboard and by ear: one Tab stop for the whole list (a roving tab index), ←/→ to a
 * row's other buttons, Delete asks to delete, F2 edits, typing goes to the search field; names that
 * say favourite and tags, a Steam code read letter by letter; a copy that names the account and
 * shows on the row.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { COPIED_MS } from '../../renderer/codes/copied-store';
import { entry, snapshot } from './fake-api';
import { flush, renderUnlocked, rowNames } from './helpers';

const soon = (): number => Date.now() + 20_000;

/** The elements of the list that Tab stops at. */
function listTabStops(): HTMLElement[] {
  const list = document.querySelector('.code-list');
  return [...(list?.querySelectorAll<HTMLElement>('button, [href], input, [tabindex]') ?? [])].filter(
    (el) => el.tabIndex >= 0,
  );
}

async function threeRows() {
  const github = entry({ issuer: 'GitHub', account: 'alice', sortOrder: 0 });
  const bank = entry({ issuer: 'Bank', account: 'bob', sortOrder: 1 });
  const mail = entry({ issuer: 'Mail', account: 'carol', sortOrder: 2 });
  const fake = await renderUnlocked(
    [github, bank, mail],
    [snapshot(github.id, '111111', soon()), snapshot(bank.id, '222222', soon()), snapshot(mail.id, '333333', soon())],
  );
  return { fake, github, bank, mail };
}

describe('the list by keyboard', () => {
  it('is one Tab stop, which follows the selection', async () => {
    await threeRows();
    expect(listTabStops().map((el) => el.getAttribute('aria-label'))).toEqual(['GitHub, alice, code 111 111']);
    const user = userEvent.setup();
    act(() => screen.getByRole('button', { name: /^GitHub/ }).focus());
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Bank, bob, code 222 222');
    expect(listTabStops().map((el) => el.getAttribute('aria-label'))).toEqual(['Bank, bob, code 222 222']);
    await user.tab();
    expect(document.activeElement?.closest('.code-list')).toBeNull(); // out of the list in one Tab
  });

  it('reaches a row’s Edit, Delete and More actions with the side arrows', async () => {
    await threeRows();
    const user = userEvent.setup();
    act(() => screen.getByRole('button', { name: /^Bank/ }).focus());
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit Bank, bob');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Delete Bank, bob');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('More actions for Bank, bob');
    await user.keyboard('{ArrowRight}{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Bank, bob, code 222 222');
  });

  it('asks to delete with the Delete key, and edits with F2', async () => {
    await threeRows();
    const user = userEvent.setup();
    act(() => screen.getByRole('button', { name: /^Mail/ }).focus());
    await user.keyboard('{Delete}');
    expect(screen.getByRole('alertdialog', { name: /Delete Mail/ })).toBeTruthy();
    await user.keyboard('{Escape}');
    act(() => screen.getByRole('button', { name: /^Mail/ }).focus());
    await user.keyboard('{F2}');
    expect(screen.getByRole('dialog', { name: /Edit/ })).toBeTruthy();
  });

  it('sends what is typed on a row to the search field', async () => {
    await threeRows();
    const user = userEvent.setup();
    act(() => screen.getByRole('button', { name: /^GitHub/ }).focus());
    await user.keyboard('ba');
    const search = screen.getByRole('searchbox', { name: 'Search accounts' }) as HTMLInputElement;
    expect(document.activeElement).toBe(search);
    expect(search.value).toBe('ba');
    expect(rowNames()).toEqual(['Bank, bob, code 222 222']);
  });
});

describe('what the rows say', () => {
  it('names a favourite and its tag, and reads a Steam code letter by letter', async () => {
    const work = entry({ issuer: 'GitHub', account: 'alice', favourite: true, tags: ['Work'], sortOrder: 0 });
    const steam = entry({ issuer: 'Steam', account: 'gabe', type: 'steam', digits: 5, sortOrder: 1 });
    await renderUnlocked([work, steam], [snapshot(work.id, '123456', soon()), snapshot(steam.id, '6DRJN', soon())]);
    expect(rowNames()).toEqual(['GitHub, alice, favourite, tag Work, code 123 456', 'Steam, gabe, code 6 D R J N']);
    // What is shown stays as it was.
    expect([...document.querySelectorAll('.row-code')].map((c) => c.textContent)).toEqual(['123 456', '6DRJN']);
  });

  it('a copy names the account in the toast and shows “Copied” on the row for a moment', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const github = entry({ issuer: 'GitHub', account: 'alice', sortOrder: 0 });
    const bank = entry({ issuer: 'Bank', account: 'bob', sortOrder: 1 });
    await renderUnlocked([github, bank], [snapshot(github.id, '111111', soon()), snapshot(bank.id, '222222', soon())], {
      fakeTimers: true,
    });
    act(() => screen.getByRole('button', { name: /^Bank/ }).click());
    await flush();
    expect(screen.getByText('Copied the code of Bank, bob — the clipboard clears in 20 s')).toBeTruthy();
    const copied = [...document.querySelectorAll('.row-copied')];
    expect(copied).toHaveLength(1);
    expect(copied[0]?.closest('li')?.textContent).toContain('Bank');
    act(() => {
      vi.advanceTimersByTime(COPIED_MS + 10);
    });
    expect(document.querySelectorAll('.row-copied')).toHaveLength(0);
  });
});
