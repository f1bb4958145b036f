// SPDX-License-Identifier: GPL-3.0-or-later
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ROW_STRIDE, VIRTUALIZE_ABOVE, visibleRange } from '../../renderer/codes/useVirtualRows';
import { entry, snapshot } from './fake-api';
import { renderUnlocked } from './helpers';

describe('long lists', () => {
  it('render only the rows near the viewport, with list positions for screen readers', async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => entry({ issuer: `Service ${i}`, sortOrder: i }));
    await renderUnlocked(
      entries,
      entries.map((e, i) => snapshot(e.id, String(100000 + i), Date.now() + 20_000)),
    );
    const items = within(screen.getByRole('list', { name: 'Accounts' })).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(40);
    expect(items[0]?.getAttribute('aria-setsize')).toBe('1000');
    expect(items[0]?.getAttribute('aria-posinset')).toBe('1');
    const list = screen.getByRole('list', { name: 'Accounts' });
    // The spacer below keeps the scroll height of all 1,000 rows.
    expect(Number.parseInt(list.style.paddingBottom, 10)).toBe((1000 - items.length) * ROW_STRIDE);
  });

  it('brings the selected row into the DOM when the search selection moves past the window', async () => {
    // happy-dom has no layout: the list sits 100 px below the top of the page and scrolls with it.
    vi.spyOn(HTMLUListElement.prototype, 'getBoundingClientRect').mockImplementation(
      () => ({ top: 100 - window.scrollY }) as DOMRect,
    );
    const entries = Array.from({ length: 200 }, (_, i) => entry({ issuer: `Service ${i}`, sortOrder: i }));
    await renderUnlocked(entries, []);
    const user = userEvent.setup();
    const search = screen.getByRole('searchbox', { name: 'Search accounts' });
    await user.click(search);
    for (let i = 0; i < 40; i++) await user.keyboard('{ArrowDown}');
    await act(async () => undefined);
    const active = search.getAttribute('aria-activedescendant') ?? '';
    expect(document.getElementById(active)?.getAttribute('aria-label')).toMatch(/^Service 40,/);
    expect(window.scrollY).toBeGreaterThan(0);
    vi.restoreAllMocks();
    window.scrollTo({ top: 0 });
  });

  it('computes the window from the scroll position', () => {
    expect(visibleRange(VIRTUALIZE_ABOVE, 0, 0, 800)).toEqual({ start: 0, end: VIRTUALIZE_ABOVE, virtual: false });
    expect(visibleRange(1000, 100, 0, 800)).toEqual({ start: 0, end: 15, virtual: true });
    expect(visibleRange(1000, 100, 8100, 800)).toEqual({ start: 94, end: 116, virtual: true });
    expect(visibleRange(1000, 100, 1e7, 800)).toEqual({ start: 1000, end: 1000, virtual: true });
  });
});
