// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issuer icons in the codes list: the pictures of the icons the rows show come in ONE
 * `icons.images` call per change of the list (distinct refs, none for letter tiles, none already
 * there), a glyph is drawn as an inline <svg> and an image as an <img alt="">, each on its
 * background, in the letter tile's box; the letter tile stays while a picture loads, when main has
 * none, and when the call fails; the pictures go when the vault locks. The rows' names do not change.
 */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntrySummary, IconImage, IconRef } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { clearIcons, useIconsStore } from '../../renderer/icons/icons-store';
import { iconKey } from '../../renderer/shared/domain-values';
import { entry, fail, lockedStatus, ok, unlockedStatus } from './fake-api';
import { deferred, flush, renderUnlocked, rowButtons, rowNames, settingsView } from './helpers';
import { bundled, CATALOGUE, custom, glyph, PNG_DATA_URL, picture } from './icon-fixtures';

afterEach(() => {
  clearIcons();
});

const BUNDLED_IDS = ['github', 'gitlab', 'google', 'microsoft', 'dropbox', 'slack', 'proton', 'steam'];

/** 50 accounts: every fifth shows its letter tile (null), the rest one of eight bundled icons, one unknown to main. */
function fiftyAccounts(): EntrySummary[] {
  return Array.from({ length: 50 }, (_, i) => {
    const id = BUNDLED_IDS[i % BUNDLED_IDS.length] ?? 'github';
    const shownIcon: IconRef | null = i % 5 === 4 ? null : i === 7 ? bundled('not-in-main') : bundled(id);
    return entry({ issuer: `${id} ${i}`, account: `user${i}@example.com`, shownIcon });
  });
}

/** The tile of each row, top to bottom. */
const tiles = (): HTMLElement[] => rowButtons().map((b) => b.querySelector<HTMLElement>('.tile') as HTMLElement);

describe('issuer icons in the list', () => {
  it('asks main once for the pictures of 50 rows: each distinct ref once, none for a letter tile', async () => {
    const entries = fiftyAccounts();
    const fake = await renderUnlocked(entries, [], { state: { icons: [...CATALOGUE] } });
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(1);
    const asked = vi.mocked(fake.api.icons.images).mock.calls[0]?.[0] ?? [];
    expect(asked.map(iconKey).sort()).toEqual(
      [...BUNDLED_IDS.map((id) => `bundled:${id}`), 'bundled:not-in-main'].sort(),
    );
    // Every row with a known icon draws it; the rest keep their letters.
    const drawn = tiles().filter((t) => t.classList.contains('tile-picture'));
    const expected = entries.filter((e) => e.shownIcon !== null && e.shownIcon.id !== 'not-in-main');
    expect(drawn).toHaveLength(expected.length);
    expect(rowButtons()).toHaveLength(50);
  });

  it('draws a glyph as an inline svg path in its colours on its background, decorative', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('gitlab') });
    await renderUnlocked([github], [], { state: { icons: [...CATALOGUE] } });
    await flush();
    const tile = tiles()[0] as HTMLElement;
    const gitlab = CATALOGUE.find((i) => i.ref.id === 'gitlab') as Extract<IconImage, { kind: 'path' }>;
    expect(tile.className).toBe('tile tile-picture');
    expect(tile.getAttribute('aria-hidden')).toBe('true');
    expect(tile.style.backgroundColor).toBe('#fc6d26');
    const svg = tile.querySelector('svg') as SVGElement;
    expect(svg.getAttribute('viewBox')).toBe('0 0 24 24');
    const path = svg.querySelector('path') as SVGPathElement;
    expect(path.getAttribute('d')).toBe(gitlab.path);
    expect(path.getAttribute('fill')).toBe('#000000');
    // Nothing else from the data: one svg with one path, no text.
    expect(tile.querySelectorAll('*')).toHaveLength(2);
    expect(tile.textContent).toBe('');
  });

  it('draws an image in an <img alt=""> on its background', async () => {
    const bank = entry({ issuer: 'My bank', account: 'alice', shownIcon: custom('ab12') });
    await renderUnlocked([bank], [], { state: { icons: [picture(custom('ab12'), 'My bank', '#102030')] } });
    await flush();
    const tile = tiles()[0] as HTMLElement;
    const img = tile.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(PNG_DATA_URL);
    expect(img.getAttribute('alt')).toBe('');
    expect(tile.style.backgroundColor).toBe('#102030');
    expect(tile.getAttribute('aria-hidden')).toBe('true');
  });

  it('keeps the letter tile while the pictures load, in the same box, and the row names never change', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const answer = deferred<Result<readonly IconImage[]>>();
    const fake = await renderUnlocked([github], [], { state: { icons: [...CATALOGUE] } });
    // renderUnlocked already asked; look at the tile as it was before the answer by asking again.
    clearIcons();
    vi.mocked(fake.api.icons.images).mockReturnValueOnce(answer.promise);
    fake.emitEntries([{ ...github }]);
    const before = tiles()[0] as HTMLElement;
    expect(before.className).toBe('tile');
    expect(before.textContent).toBe('G');
    expect(before.hasAttribute('data-icon-loading')).toBe(true);
    expect(before.getAttribute('aria-hidden')).toBe('true');
    const names = rowNames();
    answer.resolve(ok([glyph(bundled('github'), 'GitHub')]));
    await flush();
    const after = tiles()[0] as HTMLElement;
    expect(after.className).toBe('tile tile-picture');
    expect(after.textContent).toBe('');
    expect(rowNames()).toEqual(names);
    expect(screen.getByRole('button', { name: /^GitHub, alice/ })).toBeTruthy();
  });

  it('a list change asks only for refs it has not seen; one with nothing new asks nothing', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const fake = await renderUnlocked([github], [], { state: { icons: [...CATALOGUE] } });
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(1);
    fake.emitEntries([{ ...github, favourite: true }]);
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(1);
    const slack = entry({ issuer: 'Slack', account: 'bob', shownIcon: bundled('slack') });
    const other = entry({ issuer: 'Slack', account: 'carol', shownIcon: bundled('slack') });
    fake.emitEntries([github, slack, other]);
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(2);
    expect(vi.mocked(fake.api.icons.images).mock.calls[1]?.[0]).toEqual([bundled('slack')]);
    expect(tiles().every((t) => t.classList.contains('tile-picture'))).toBe(true);
  });

  it('a ref main has no picture for keeps its letter tile and is not asked for again', async () => {
    const odd = entry({ issuer: 'Odd', account: 'alice', shownIcon: bundled('unknown') });
    const fake = await renderUnlocked([odd], [], { state: { icons: [...CATALOGUE] } });
    await flush();
    expect((tiles()[0] as HTMLElement).textContent).toBe('O');
    expect((tiles()[0] as HTMLElement).hasAttribute('data-icon-loading')).toBe(false);
    expect(useIconsStore.getState().pictures['bundled:unknown']).toBeNull();
    fake.emitEntries([{ ...odd, notes: 'x' }]);
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(1);
  });

  it('a failed call leaves the letter tiles, and the next list change asks again', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const fake = await renderUnlocked([], [], { state: { icons: [...CATALOGUE] } });
    vi.mocked(fake.api.icons.images).mockResolvedValueOnce(fail({ code: 'internal', message: 'Something broke.' }));
    fake.emitEntries([github]);
    await flush();
    expect((tiles()[0] as HTMLElement).className).toBe('tile');
    fake.emitEntries([{ ...github }]);
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(2);
    expect((tiles()[0] as HTMLElement).className).toBe('tile tile-picture');
  });

  it('forgets every picture when the vault locks, and drops an answer that comes after', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    const fake = await renderUnlocked([github], [], { state: { icons: [...CATALOGUE] } });
    await flush();
    expect(Object.keys(useIconsStore.getState().pictures)).toEqual(['bundled:github']);
    // A request in flight when the lock comes.
    const late = deferred<Result<readonly IconImage[]>>();
    vi.mocked(fake.api.icons.images).mockReturnValueOnce(late.promise);
    const slack = entry({ issuer: 'Slack', account: 'bob', shownIcon: bundled('slack') });
    fake.emitEntries([github, slack]);
    fake.emitStatus(lockedStatus('manual'));
    expect(useIconsStore.getState().pictures).toEqual({});
    late.resolve(ok([glyph(bundled('slack'), 'Slack')]));
    await flush();
    expect(useIconsStore.getState().pictures).toEqual({});
    // Unlocked again: asked for again.
    fake.state.entries = [github, slack];
    fake.emitStatus(unlockedStatus(2));
    await flush();
    await screen.findByRole('main');
    await flush();
    expect(fake.api.icons.images).toHaveBeenCalledTimes(3);
    expect(Object.keys(useIconsStore.getState().pictures).sort()).toEqual(['bundled:github', 'bundled:slack']);
  });

  it('shows the picture in the compact view too, in the same tile element', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', shownIcon: bundled('github') });
    await renderUnlocked([github], [], {
      state: { icons: [...CATALOGUE], settings: settingsView({ compactView: true }) },
    });
    await flush();
    expect(document.querySelector('.code-list-compact')).not.toBeNull();
    expect((tiles()[0] as HTMLElement).className).toBe('tile tile-picture');
  });
});
