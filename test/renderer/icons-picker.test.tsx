// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Change icon…" from the account menu: Automatic, Letter tile, the searchable grid of bundled and
 * pack icons (searched at each typed character, pictures in one call per answer), its keys (↓ from
 * the field into the grid, arrows by one and by a row of six, ↑ from the first row back to the
 * field, Enter picks), and "From an image file…" (cancelled: nothing changes; refused: main's
 * sentence with Details).
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntrySummary, IconImage } from '../../electron/domain';
import { useAccountMenuStore } from '../../renderer/codes/account-menu/account-menu-store';
import { gridMove, ICON_GRID_COLUMNS } from '../../renderer/icons/IconGrid';
import { hitsText } from '../../renderer/icons/IconPickerDialog';
import { clearIcons } from '../../renderer/icons/icons-store';
import { entry, fail, ok, type FakeState } from './fake-api';
import { flush, renderUnlocked, rowButtons } from './helpers';
import { bundled, CATALOGUE, custom, glyph, pack } from './icon-fixtures';

afterEach(() => {
  clearIcons();
  useAccountMenuStore.setState({ open: null, dialog: null });
});

/** Fourteen "Zit…" icons: more than two rows of the grid. */
const GITS: IconImage[] = Array.from({ length: 14 }, (_, i) => glyph(bundled(`zit${i}`), `Zit ${i}`));

async function openPicker(e: EntrySummary, state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([e], [], { state: { icons: [...CATALOGUE], ...state } });
  await flush();
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: `More actions for ${e.issuer}, ${e.account}` }));
  await user.click(screen.getByRole('menuitem', { name: 'Change icon…' }));
  await flush();
  const dialog = screen.getByRole('dialog', { name: `Icon for ${e.issuer}, ${e.account}` });
  return { fake, user, dialog };
}

const grid = (dialog: HTMLElement): HTMLElement => within(dialog).getByRole('group', { name: 'Icons' });
const options = (dialog: HTMLElement): HTMLElement[] => within(grid(dialog)).getAllByRole('button');
const optionNames = (dialog: HTMLElement): string[] =>
  options(dialog).map((o) => o.getAttribute('aria-label') ?? o.textContent ?? '');
const rowTile = (): HTMLElement => rowButtons()[0]?.querySelector('.tile') as HTMLElement;

describe('icon picker', () => {
  it('opens on the search field; each typed character searches, and the hits come with their pictures', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const { fake, user, dialog } = await openPicker(github);
    const field = within(dialog).getByRole('searchbox', { name: 'Search icons' });
    expect(document.activeElement).toBe(field);
    const imagesBefore = vi.mocked(fake.api.icons.images).mock.calls.length;
    await user.type(field, 'git');
    await flush();
    expect(vi.mocked(fake.api.icons.search).mock.calls.map((c) => c[0])).toEqual(['', 'g', 'gi', 'git']);
    expect(optionNames(dialog)).toEqual(['GitHub', 'GitLab', 'Gitea', 'GitHub, from an icon pack']);
    expect(within(dialog).getByRole('status').textContent).toBe('4 icons match “git”.');
    // Each answer asked at most once for what it lacked; GitHub's picture was there already.
    const asked = vi.mocked(fake.api.icons.images).mock.calls.slice(imagesBefore);
    expect(asked.length).toBeLessThanOrEqual(4);
    expect(asked.flatMap((c) => c[0]).filter((r) => r.id === 'github')).toEqual([]);
    const tiles = options(dialog).map((o) => o.querySelector('.tile') as HTMLElement);
    expect(tiles.every((t) => t.classList.contains('tile-picture') && t.getAttribute('aria-hidden') === 'true')).toBe(
      true,
    );
    // The account's own icon is marked.
    await user.clear(field);
    await user.type(field, 'github');
    await flush();
    expect(options(dialog)[0]?.getAttribute('aria-current')).toBeNull();
  });

  it('says so when nothing matches', async () => {
    const { user, dialog } = await openPicker(entry({ issuer: 'GitHub', account: 'alice' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search icons' }), 'zzz');
    await flush();
    expect(within(dialog).queryByRole('group', { name: 'Icons' })).toBeNull();
    expect(within(dialog).getByRole('status').textContent).toBe('No icons match “zzz”.');
  });

  it('moves through the grid with the keys and picks with Enter', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const { fake, user, dialog } = await openPicker(github, { icons: [...CATALOGUE, ...GITS] });
    const field = within(dialog).getByRole('searchbox', { name: 'Search icons' });
    await user.type(field, 'zit');
    await flush();
    const names = optionNames(dialog);
    expect(names).toHaveLength(14);
    const focused = (): string => document.activeElement?.textContent ?? '';
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(names[0]);
    // One Tab stop: only the focused option is in the Tab order.
    expect(options(dialog).filter((o) => o.tabIndex === 0)).toEqual([document.activeElement]);
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(focused()).toBe(names[2]);
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(names[2 + ICON_GRID_COLUMNS]);
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(names[13]);
    await user.keyboard('{ArrowLeft}{Home}');
    expect(focused()).toBe(names[0]);
    await user.keyboard('{End}');
    expect(focused()).toBe(names[13]);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(field);
    await user.keyboard('{ArrowDown}{ArrowRight}{Enter}');
    await flush();
    expect(fake.api.icons.set).toHaveBeenCalledWith(github.id, { kind: 'bundled', id: 'zit1' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rowTile().getAttribute('data-icon')).toBe('bundled:zit1');
    expect(screen.getByText('Changed the icon of GitHub, alice')).toBeTruthy();
  });

  it('picks a pack icon as a pack pick, which main copies in', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user, dialog } = await openPicker(github);
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search icons' }), 'github');
    await flush();
    await user.click(within(grid(dialog)).getByRole('button', { name: 'GitHub, from an icon pack' }));
    await flush();
    expect(fake.api.icons.set).toHaveBeenCalledWith(github.id, { kind: 'pack', id: pack('github.png').id });
    expect(rowTile().querySelector('img')).not.toBeNull();
  });

  it('sets the letter tile, and back to automatic', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const first = await openPicker(github);
    const automatic = within(first.dialog).getByRole('button', { name: /^Automatic/ });
    expect(automatic.getAttribute('aria-current')).toBe('true');
    await first.user.click(within(first.dialog).getByRole('button', { name: /^Letter tile/ }));
    await flush();
    expect(first.fake.api.icons.set).toHaveBeenCalledWith(github.id, { kind: 'letter' });
    expect(rowTile().className).toBe('tile');
    expect(rowTile().textContent).toBe('G');
    expect(screen.getByText('GitHub, alice shows the letter tile')).toBeTruthy();

    await first.user.click(screen.getByRole('button', { name: 'More actions for GitHub, alice' }));
    await first.user.click(screen.getByRole('menuitem', { name: 'Change icon…' }));
    const dialog = screen.getByRole('dialog', { name: 'Icon for GitHub, alice' });
    expect(
      within(dialog)
        .getByRole('button', { name: /^Letter tile/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    await first.user.click(within(dialog).getByRole('button', { name: /^Automatic/ }));
    await flush();
    expect(first.fake.api.icons.set).toHaveBeenLastCalledWith(github.id, null);
    // The fake resolves automatic like main: the pack's GitHub first.
    expect(rowTile().querySelector('img')).not.toBeNull();
  });

  it('shows main’s refusal with Details and stays open', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user, dialog } = await openPicker(github);
    vi.mocked(fake.api.icons.set).mockResolvedValueOnce(
      fail({ code: 'not-found', message: 'That icon is no longer there. Search again.', details: 'unknown id x' }),
    );
    await user.click(within(dialog).getByRole('button', { name: /^Letter tile/ }));
    await flush();
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('That icon is no longer there. Search again.');
    expect(within(alert).getByText('Details')).toBeTruthy();
    expect(within(alert).getByText('unknown id x')).toBeTruthy();
    expect(screen.getByRole('dialog')).toBe(dialog);
  });

  it('from an image file: cancelled changes nothing and keeps the dialog', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const { fake, user, dialog } = await openPicker(github, { iconFile: ok(null) });
    const button = within(dialog).getByRole('button', { name: 'From an image file…' });
    await user.click(button);
    await flush();
    expect(fake.api.icons.setFromFile).toHaveBeenCalledWith(github.id);
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(rowTile().getAttribute('data-icon')).toBe('bundled:github');
  });

  it('from an image file: a refusal says main’s sentence with Details', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const refusal = fail({
      code: 'invalid-entry',
      message: 'This image is larger than 5 MB. Choose a smaller image.',
      details: 'size 6291456 > 5242880',
    });
    const { user, dialog } = await openPicker(github, { iconFile: refusal });
    await user.click(within(dialog).getByRole('button', { name: 'From an image file…' }));
    await flush();
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('This image is larger than 5 MB. Choose a smaller image.');
    expect(within(alert).getByText('size 6291456 > 5242880')).toBeTruthy();
    expect(screen.getByRole('dialog')).toBe(dialog);
  });

  it('from an image file: the chosen image becomes the icon', async () => {
    const github = entry({ issuer: 'My bank', account: 'alice' });
    const { user, dialog } = await openPicker(github, { iconFile: ok(custom('ab12').id) });
    await user.click(within(dialog).getByRole('button', { name: 'From an image file…' }));
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rowTile().getAttribute('data-icon')).toBe(`custom:${custom('ab12').id}`);
    expect(rowTile().querySelector('img')?.getAttribute('alt')).toBe('');
  });
});

describe('icon grid keys', () => {
  it('always lands on an icon, or above the first row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.nat(),
        fc.constantFrom('ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'),
        (count, seed, key) => {
          const at = seed % count;
          const to = gridMove(key, at, count);
          if (to === 'above') return key === 'ArrowUp' && at < ICON_GRID_COLUMNS;
          if (to === null || to < 0 || to >= count) return false;
          // ↑ then ↓ comes back, unless ↓ had to go to a shorter last row.
          if (key === 'ArrowUp') return gridMove('ArrowDown', to, count) === at;
          return true;
        },
      ),
    );
    expect(gridMove('Enter', 0, 5)).toBeNull();
  });

  it('words the hits', () => {
    expect(hitsText(null, 'x')).toBe('');
    expect(hitsText([], '')).toBe('Type a name to find its icon.');
    expect(hitsText([{ ref: bundled('a'), title: 'A' }], ' a ')).toBe('1 icon matches “a”.');
  });
});
