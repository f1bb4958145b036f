// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes list's order and views: the Sort select (manual, issuer and account A–Z, most and
 * recently used, favourites on top in each), saved as this computer's setting; dragging and Alt+↑/↓
 * only in the manual order; the usage counts asked again after a copy; the compact view (one line,
 * shorter rows for the virtual list, edit and delete in the account menu); the next code shown and
 * said ("next code …"); the account menu's entry points on a row.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CodesSort, EntrySummary, UsageMap } from '../../electron/domain';
import { useAccountMenuStore } from '../../renderer/codes/account-menu/account-menu-store';
import { COMPACT_ROW_STRIDE, visibleRange } from '../../renderer/codes/useVirtualRows';
import { entry, fail, snapshot } from './fake-api';
import { flush, renderUnlocked, rowDescriptions, rowNames, settingsView } from './helpers';

const names = (): string[] => rowNames().map((n) => n.split(',').slice(0, 2).join(','));
const later = (): number => Date.now() + 20_000;

/** Four accounts whose manual, issuer, account and usage orders all differ; Zeta is a favourite. */
function accounts() {
  const github = entry({ issuer: 'GitHub', account: 'zoe', sortOrder: 0 });
  const bank = entry({ issuer: 'Bank', account: 'yann', sortOrder: 1 });
  const mail = entry({ issuer: 'Mail', account: 'amy', sortOrder: 2 });
  const zeta = entry({ issuer: 'Zeta', account: 'bob', sortOrder: 3, favourite: true });
  return { github, bank, mail, zeta, all: [github, bank, mail, zeta] };
}

/** Mail copied most (but long ago), Bank last (once). */
function usageOf(a: ReturnType<typeof accounts>): UsageMap {
  return {
    [a.mail.id]: { count: 5, lastUsed: 1_000 },
    [a.bank.id]: { count: 1, lastUsed: 9_000 },
    [a.github.id]: { count: 2, lastUsed: 5_000 },
  };
}

async function renderSorted(sort: CodesSort, entries: EntrySummary[], usage: UsageMap = {}) {
  return renderUnlocked(
    entries,
    entries.map((e, i) => snapshot(e.id, String(100000 + i), later())),
    { state: { settings: settingsView({ codesSort: sort }), usage } },
  );
}

const sortSelect = (): HTMLSelectElement => screen.getByRole('combobox', { name: 'Sort' });

describe('the order of the codes list', () => {
  it('offers the five orders in a labelled select and saves the one chosen', async () => {
    const a = accounts();
    const fake = await renderSorted('manual', a.all);
    const select = sortSelect();
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Manual order', 'Issuer A–Z', 'Account A–Z', 'Most used', 'Recently used']);
    expect(select.value).toBe('manual');
    expect(names()).toEqual(['Zeta, bob', 'GitHub, zoe', 'Bank, yann', 'Mail, amy']);

    const user = userEvent.setup();
    await user.selectOptions(select, 'Issuer A–Z');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ codesSort: 'issuer' });
    expect(sortSelect().value).toBe('issuer');
    // Favourites stay on top in every order.
    expect(names()).toEqual(['Zeta, bob', 'Bank, yann', 'GitHub, zoe', 'Mail, amy']);

    await user.selectOptions(sortSelect(), 'Account A–Z');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ codesSort: 'account' });
    expect(names()).toEqual(['Zeta, bob', 'Mail, amy', 'Bank, yann', 'GitHub, zoe']);

    await user.selectOptions(sortSelect(), 'Manual order');
    expect(names()).toEqual(['Zeta, bob', 'GitHub, zoe', 'Bank, yann', 'Mail, amy']);
  });

  it('orders by this computer’s usage, most used or most recently used first', async () => {
    const a = accounts();
    const fake = await renderSorted('usage', a.all, usageOf(a));
    expect(fake.api.codes.usage).toHaveBeenCalled();
    expect(names()).toEqual(['Zeta, bob', 'Mail, amy', 'GitHub, zoe', 'Bank, yann']);
    await userEvent.setup().selectOptions(sortSelect(), 'Recently used');
    expect(names()).toEqual(['Zeta, bob', 'Bank, yann', 'GitHub, zoe', 'Mail, amy']);
  });

  it('asks for the usage again after a copy, so the usage orders follow', async () => {
    const a = accounts();
    const fake = await renderSorted('usage', a.all, usageOf(a));
    const asked = vi.mocked(fake.api.codes.usage).mock.calls.length;
    const user = userEvent.setup();
    // Bank: 1 copy so far; four more put it first among the others (5 copies, and the latest).
    for (let i = 0; i < 4; i++) await user.click(screen.getByRole('button', { name: /^Bank, yann, code/ }));
    await flush();
    expect(vi.mocked(fake.api.codes.usage).mock.calls.length).toBe(asked + 4);
    expect(names()).toEqual(['Zeta, bob', 'Bank, yann', 'Mail, amy', 'GitHub, zoe']);
    // The copied row keeps the focus where it went.
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Bank, yann, code/);
  });

  it('keeps search and the tag filter working on the sorted list', async () => {
    const a = accounts();
    const work = [
      { ...a.github, tags: ['Work'] },
      { ...a.bank, tags: ['Home'] },
      { ...a.mail, tags: ['Work'] },
      a.zeta,
    ];
    await renderSorted('account', work);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Work' }));
    expect(names()).toEqual(['Mail, amy', 'GitHub, zoe']);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts' }), 'a');
    // "a" is in Bank, Mail, Zeta (and their accounts): in the account order, favourite first.
    expect(names()).toEqual(['Zeta, bob', 'Mail, amy', 'Bank, yann']);
  });

  it('puts the old order back and says why when main refuses to save it', async () => {
    const a = accounts();
    const fake = await renderSorted('manual', a.all);
    vi.mocked(fake.api.settings.update).mockResolvedValueOnce(
      fail({
        code: 'io',
        message: 'The settings could not be saved: the disk is full. Free some space and try again.',
      }),
    );
    await userEvent.setup().selectOptions(sortSelect(), 'Issuer A–Z');
    await flush();
    expect(sortSelect().value).toBe('manual');
    expect(names()).toEqual(['Zeta, bob', 'GitHub, zoe', 'Bank, yann', 'Mail, amy']);
    expect(screen.getByText(/the disk is full/)).toBeTruthy();
  });
});

describe('rearranging outside the manual order', () => {
  it('has a grip and no hint in the manual order', async () => {
    await renderSorted('manual', accounts().all);
    expect(document.querySelectorAll('.row-grip')).toHaveLength(4);
    expect(screen.queryByText('Switch to manual order to rearrange.')).toBeNull();
    expect(sortSelect().getAttribute('aria-describedby')).toBeNull();
  });

  it('hides the grips, says how to rearrange, and refuses Alt+↑/↓ with that sentence', async () => {
    const a = accounts();
    const fake = await renderSorted('issuer', a.all);
    expect(document.querySelectorAll('.row-grip')).toHaveLength(0);
    const hint = screen.getByText('Switch to manual order to rearrange.');
    expect(sortSelect().getAttribute('aria-describedby')).toBe(hint.id);
    expect(document.getElementById('code-list-help')?.textContent).toContain('Switch to manual order to rearrange.');
    expect(screen.getByRole('button', { name: /^Bank, yann, code/ }).getAttribute('aria-keyshortcuts')).not.toContain(
      'Alt+ArrowUp',
    );

    act(() => screen.getByRole('button', { name: /^Bank, yann, code/ }).focus());
    await userEvent.setup().keyboard('{Alt>}{ArrowDown}{/Alt}');
    await flush();
    expect(fake.api.entries.reorder).not.toHaveBeenCalled();
    expect(screen.getByTestId('list-announcer').textContent).toBe('Switch to manual order to rearrange.');
  });

  it('starts no drag outside the manual order', async () => {
    const a = accounts();
    const fake = await renderSorted('account', a.all);
    const rows = document.querySelectorAll<HTMLElement>('li.row');
    const dataTransfer = { setData: vi.fn(), setDragImage: vi.fn(), effectAllowed: 'all', dropEffect: 'none' };
    act(() => {
      fireEvent.dragStart(rows[1] as HTMLElement, { dataTransfer });
      fireEvent.dragOver(rows[2] as HTMLElement, { dataTransfer, clientY: 100 });
      fireEvent.drop(rows[2] as HTMLElement, { dataTransfer });
    });
    await flush();
    expect(document.querySelector('.code-list-dragging')).toBeNull();
    expect(fake.api.entries.reorder).not.toHaveBeenCalled();
  });
});

describe('the compact view', () => {
  it('is a toggle beside the order, saved as a setting, and shows one line per account', async () => {
    const a = accounts();
    const fake = await renderSorted('manual', a.all);
    const toggle = screen.getByRole('button', { name: 'Compact list' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(document.querySelector('.code-list-compact')).toBeNull();
    expect(screen.getAllByRole('button', { name: /^Edit / })).toHaveLength(4);

    await userEvent.setup().click(toggle);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ compactView: true });
    expect(screen.getByRole('button', { name: 'Compact list' }).getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.code-list-compact')).toBeTruthy();
    // One line: edit and delete are in the account's menu (and on F2 and Delete), ⋯ stays.
    expect(screen.queryAllByRole('button', { name: /^Edit / })).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: /^Delete / })).toHaveLength(0);
    expect(screen.getAllByRole('button', { name: /^More actions for / })).toHaveLength(4);
    // The code's box is sized for this account's codes.
    const box = document.querySelector<HTMLElement>('.row-code-box');
    expect(box?.style.getPropertyValue('--code-chars')).toBe('7');
  });

  it('still edits with F2 and deletes with the Delete key', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', later())], {
      state: { settings: settingsView({ compactView: true }) },
    });
    const user = userEvent.setup();
    act(() => screen.getByRole('button', { name: /^GitHub, alice, code/ }).focus());
    await user.keyboard('{F2}');
    expect(screen.getByRole('dialog', { name: /Edit/ })).toBeTruthy();
  });

  it('gives the virtual list the compact rows’ height', async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => entry({ issuer: `Service ${i}`, sortOrder: i }));
    await renderUnlocked(entries, [], { state: { settings: settingsView({ compactView: true }) } });
    const list = screen.getByRole('list', { name: 'Accounts' });
    const items = within(list).getAllByRole('listitem');
    expect(Number.parseInt(list.style.paddingBottom, 10)).toBe((1000 - items.length) * COMPACT_ROW_STRIDE);
    // A screen of compact rows holds more of them than of the default ones.
    expect(visibleRange(1000, 100, 0, 800, COMPACT_ROW_STRIDE).end).toBeGreaterThan(
      visibleRange(1000, 100, 0, 800).end,
    );
  });
});

describe('the next code', () => {
  it('is shown and said as “next code …” whenever main sends it (all the time with the setting on)', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const steam = entry({ issuer: 'Steam', account: 'gabe', type: 'steam', digits: 5 });
    await renderUnlocked(
      [github, steam],
      [
        snapshot(github.id, '123456', Date.now() + 25_000, { next: '654321' }),
        snapshot(steam.id, 'K7Q2X', Date.now() + 25_000, { next: 'B3M9P' }),
      ],
      { state: { settings: settingsView({ alwaysShowNextCode: true }) } },
    );
    expect(screen.getByText('next 654 321').getAttribute('aria-hidden')).toBe('true');
    expect(rowDescriptions()).toEqual(['next code 654 321 25 seconds left', 'next code B 3 M 9 P']);
  });

  it('is a setting in Settings, Appearance, beside the compact list', async () => {
    const fake = await renderSorted('manual', accounts().all);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const appearance = within(dialog).getByRole('region', { name: 'Appearance' });
    const always = within(appearance).getByLabelText('Always show the next code') as HTMLInputElement;
    expect(always.checked).toBe(false);
    await user.click(always);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ alwaysShowNextCode: true });
    await user.click(within(appearance).getByLabelText('Compact list'));
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ compactView: true });
  });
});

describe('the account menu’s entry points on a row', () => {
  it('opens from ⋯ (by pointer or keyboard), a right-click, Shift+F10 and the Menu key', async () => {
    const a = accounts();
    await renderSorted('manual', a.all);
    const user = userEvent.setup();
    const more = screen.getByRole('button', { name: 'More actions for Bank, yann' });
    expect(more.getAttribute('aria-haspopup')).toBe('menu');
    expect(more.getAttribute('aria-expanded')).toBe('false');

    await user.click(more);
    expect(useAccountMenuStore.getState().open).toMatchObject({ id: a.bank.id, byKeyboard: false });
    expect(screen.getByRole('button', { name: 'More actions for Bank, yann' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    act(() => useAccountMenuStore.setState({ open: null }));

    const row = screen.getByRole('button', { name: /^Mail, amy, code/ }).closest('li') as HTMLElement;
    const event = fireEvent.contextMenu(row, { clientX: 40, clientY: 50 });
    expect(event).toBe(false); // the browser's own menu is not shown
    expect(useAccountMenuStore.getState().open).toEqual({ id: a.mail.id, anchor: { x: 40, y: 50 }, byKeyboard: false });
    act(() => useAccountMenuStore.setState({ open: null }));

    act(() => screen.getByRole('button', { name: /^GitHub, zoe, code/ }).focus());
    await user.keyboard('{Shift>}{F10}{/Shift}');
    expect(useAccountMenuStore.getState().open).toMatchObject({ id: a.github.id, byKeyboard: true });
    act(() => useAccountMenuStore.setState({ open: null }));

    act(() => screen.getByRole('button', { name: /^Zeta, bob, favourite, code/ }).focus());
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ContextMenu' });
    expect(useAccountMenuStore.getState().open).toMatchObject({ id: a.zeta.id, byKeyboard: true });
    // The contextmenu event the browser sends after the Menu key does not open it again by pointer.
    fireEvent.contextMenu(document.activeElement as HTMLElement);
    expect(useAccountMenuStore.getState().open).toMatchObject({ id: a.zeta.id, byKeyboard: true });
  });

  it('opens by keyboard from ⋯ pressed with Enter', async () => {
    const a = accounts();
    await renderSorted('manual', a.all);
    const user = userEvent.setup();
    act(() => screen.getByRole('button', { name: /^Bank, yann, code/ }).focus());
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('More actions for Bank, yann');
    await user.keyboard('{Enter}');
    expect(useAccountMenuStore.getState().open).toMatchObject({ id: a.bank.id, byKeyboard: true });
  });
});
