// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The countdowns are one shared animated image per period (renderer/codes/rings/ring-images.ts), the
 * switch to the next code happens in the renderer at validUntil, and only a focused row has a
 * once-a-second clock (its description for screen readers). No per-row timer, whatever the number
 * of rows. (happy-dom has no canvas: the painter is replaced; lib/ring-images.test.ts covers the
 * schedule, the Chromium tier the real images.)
 */
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRingImage } from '../../renderer/codes/rings/ring-image-render';
import { UNSEEN_RESYNC_MS } from '../../renderer/codes/rings/ring-images';
import { sharedRingImages } from '../../renderer/codes/rings/shared-ring-images';
import { issuerColor } from '../../renderer/shared/issuer-color';
import { entry, snapshot } from './fake-api';
import { renderUnlocked, rowDescriptions, rowNames } from './helpers';

// Counts how often rows render their tile (the tile colours itself on each render).
vi.mock('../../renderer/shared/issuer-color', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../renderer/shared/issuer-color')>();
  return { ...actual, issuerColor: vi.fn(actual.issuerColor) };
});

vi.mock('../../renderer/codes/rings/ring-image-render', () => ({ renderRingImage: vi.fn(async () => null) }));

const START = Date.parse('2030-01-01T00:00:10.000Z');

function ring(index = 0): HTMLElement {
  const found = document.querySelectorAll<HTMLElement>('.ring')[index];
  if (!found) throw new Error(`no ring ${index}`);
  return found;
}

function advance(ms: number): void {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

describe('countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    Reflect.deleteProperty(document, 'hidden');
    sharedRingImages().dispose();
    vi.mocked(renderRingImage).mockReset().mockResolvedValue(null);
  });

  it('shows each period’s shared ring image from the frame change it starts at, no timer of its own', async () => {
    vi.mocked(renderRingImage).mockImplementation(async (period) => new Blob([`ring ${period}`]));
    const github = entry({ issuer: 'GitHub', account: 'alice', sortOrder: 0 });
    const bank = entry({ issuer: 'Bank', account: 'bob', sortOrder: 1 });
    const steam = entry({ issuer: 'Steam', account: 'carol', sortOrder: 2 });
    await renderUnlocked(
      [github, bank, steam],
      [
        snapshot(github.id, '123456', START + 20_000),
        snapshot(bank.id, '654321', START + 20_000),
        snapshot(steam.id, '777777', START + 50_000, { validFrom: START - 10_000 }),
      ],
      { fakeTimers: true },
    );
    expect([0, 1, 2].map((i) => ring(i).dataset['period'])).toEqual(['30', '30', '60']);
    expect(ring().getAttribute('aria-hidden')).toBe('true');
    expect(ring().querySelector('.ring-track')).toBeTruthy();
    // Painted for the frame change at 11.000 s (10.000 s + the lead), shown from then on.
    expect(vi.mocked(renderRingImage).mock.calls).toEqual([
      [30, 11],
      [60, 11],
    ]);
    await act(async () => undefined);
    advance(990);
    expect(document.querySelector('.ring-image')).toBeNull();
    // Meanwhile the rings show the number as it was when drawn (hidden by CSS after a second).
    expect([0, 1, 2].map((i) => ring(i).querySelector('.ring-fallback')?.textContent)).toEqual(['20', '20', '50']);
    advance(20);
    expect(document.querySelector('.ring-fallback')).toBeNull();
    const images = [0, 1, 2].map((i) => ring(i).querySelector('img'));
    expect(images.map((img) => img?.getAttribute('alt'))).toEqual(['', '', '']);
    expect(images[0]?.src).toMatch(/^blob:/);
    expect(images[1]?.src).toBe(images[0]?.src);
    expect(images[2]?.src).not.toBe(images[0]?.src);
    // Only the rollover timer remains: the images step themselves.
    expect(vi.getTimerCount()).toBe(1);
  });

  it('repaints the ring images for a new theme, and after the window was hidden for long', async () => {
    vi.mocked(renderRingImage).mockImplementation(async (period) => new Blob([`ring ${period}`]));
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', START + 20_000)], { fakeTimers: true });
    await act(async () => undefined);
    advance(1_000);
    const first = ring().querySelector('img')?.src;
    expect(first).toMatch(/^blob:/);
    expect(renderRingImage).toHaveBeenCalledTimes(1);

    await act(async () => {
      document.documentElement.dataset['theme'] = 'dark';
    });
    expect(renderRingImage).toHaveBeenCalledTimes(2);
    await act(async () => undefined);
    advance(1_000);
    const dark = ring().querySelector('img')?.src;
    expect(dark).toMatch(/^blob:/);
    expect(dark).not.toBe(first);

    setHidden(true);
    advance(5_000);
    setHidden(false); // a short hide: the browser's animation catches up by itself
    expect(renderRingImage).toHaveBeenCalledTimes(2);
    setHidden(true);
    advance(UNSEEN_RESYNC_MS + 1_000); // longer than the browser catches up
    setHidden(false);
    expect(renderRingImage).toHaveBeenCalledTimes(3);
    delete document.documentElement.dataset['theme'];
  });

  it('repaints the ring images when a new code comes after the wall clock jumped (a suspend)', async () => {
    vi.mocked(renderRingImage).mockImplementation(async (period) => new Blob([`ring ${period}`]));
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', START + 20_000)], { fakeTimers: true });
    await act(async () => undefined);
    advance(1_000);
    expect(renderRingImage).toHaveBeenCalledTimes(1);
    // A new code on the same clocks: still in phase, nothing to paint.
    fake.emitCodes([snapshot(github.id, '123456', START + 20_000, { next: '654321' })]);
    expect(renderRingImage).toHaveBeenCalledTimes(1);
    // The wall clock moved 90 s while the monotonic clock stood still, as over a suspend.
    vi.setSystemTime(Date.now() + 90_000);
    fake.emitCodes([snapshot(github.id, '777777', START + 110_000)]);
    expect(renderRingImage).toHaveBeenCalledTimes(2);
  });

  it('keeps one keeper image per period on screen while its rings show, none once the list is gone', async () => {
    vi.mocked(renderRingImage).mockImplementation(async (period) => new Blob([`ring ${period}`]));
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const steam = entry({ issuer: 'Steam', account: 'carol' });
    const fake = await renderUnlocked(
      [github, steam],
      [
        snapshot(github.id, '123456', START + 20_000),
        snapshot(steam.id, '777777', START + 50_000, { validFrom: START - 10_000 }),
      ],
      { fakeTimers: true },
    );
    await act(async () => undefined);
    advance(1_000);
    const keepers = [...document.querySelectorAll<HTMLImageElement>('body > img.ring-keeper')];
    expect(keepers.map((k) => k.src).sort()).toEqual(
      [ring(0), ring(1)].map((r) => r.querySelector('img')?.src ?? '').sort(),
    );
    expect(keepers.every((k) => k.getAttribute('aria-hidden') === 'true' && k.alt === '')).toBe(true);
    fake.emitStatus({ status: 'locked', path: '/v', lastLockReason: 'idle' });
    expect(document.querySelectorAll('img.ring-keeper')).toHaveLength(0);
  });

  it('keeps the same ring (and its image) from one code to the next', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', START + 12_000)], { fakeTimers: true });
    const before = ring();
    fake.emitCodes([snapshot(github.id, '654321', START + 42_000)]);
    expect(ring()).toBe(before);
  });

  it('dims a code whose period ended before its successor arrived', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', START + 2_000)], { fakeTimers: true });
    expect(document.querySelector('.row-code-expired')).toBeNull();
    advance(2_100);
    expect(document.querySelector('.row-code-expired')).toBeTruthy();
  });

  it('uses no timer per row, however many rows there are', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry({ issuer: `Service ${i}` }));
    await renderUnlocked(
      entries,
      entries.map((e, i) => snapshot(e.id, String(100000 + i), START + 20_000)),
      { fakeTimers: true },
    );
    expect(document.querySelectorAll('.ring')).toHaveLength(40);
    // Only the rollover timer, aimed at validUntil.
    expect(vi.getTimerCount()).toBe(1);
    advance(3_010);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('renders no row again for a new code: the store writes the texts that change', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => entry({ issuer: `Service ${i}` }));
    const onCommit = vi.fn();
    const fake = await renderUnlocked(
      entries,
      entries.map((e, i) => snapshot(e.id, String(100000 + i), START + 3_000)),
      { fakeTimers: true, onCommit },
    );
    const edit = screen.getByRole('button', { name: /^Edit Service 3(\D|$)/ });
    const code = document.querySelector('.row-code');
    vi.mocked(issuerColor).mockClear();
    onCommit.mockClear();
    // The preview push, 5 s before the end: nothing for React to do.
    fake.emitCodes(
      entries.map((e, i) => snapshot(e.id, String(100000 + i), START + 3_000, { next: String(200000 + i) })),
    );
    expect(onCommit).not.toHaveBeenCalled();
    expect(rowDescriptions().slice(1, 3)).toEqual(['next code 200 001', 'next code 200 002']);
    // The switch at validUntil: the same elements with new texts (React renders the announcement).
    advance(3_100);
    expect(rowNames().find((n) => n.startsWith('Service 3,'))).toMatch(/, code 200 003$/);
    expect(document.querySelector('.row-code')).toBe(code);
    expect(code?.textContent).toBe('200 000');
    expect(rowDescriptions().slice(1, 3)).toEqual(['', '']);
    expect(issuerColor).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /^Edit Service 3(\D|$)/ })).toBe(edit);
  });

  it('switches to the next code at validUntil without asking main', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '111111', START + 3_000, { next: '222222' })], {
      fakeTimers: true,
    });
    expect(rowNames()).toEqual(['GitHub, alice, code 111 111']);
    expect(rowDescriptions()).toEqual(['next code 222 222 3 seconds left']);
    advance(2_900);
    expect(rowNames()).toEqual(['GitHub, alice, code 111 111']);
    expect(rowDescriptions()[0]).toMatch(/^next code 222 222 /);
    advance(200);
    expect(rowNames()).toEqual(['GitHub, alice, code 222 222']);
    expect(rowDescriptions()[0]).not.toContain('next');
    expect(fake.api.codes.current).toHaveBeenCalledTimes(1); // the initial load only
    expect(screen.getByTestId('code-announcer').textContent).toBe('GitHub, alice: new code 222 222');
  });

  it('asks main once when a code expires without a next code', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '111111', START + 2_000)], {
      fakeTimers: true,
    });
    fake.state.codes = [snapshot(github.id, '111111', START + 2_000)];
    advance(2_100);
    await act(async () => undefined);
    expect(fake.api.codes.current).toHaveBeenCalledTimes(2);
    advance(60_000);
    await act(async () => undefined);
    expect(fake.api.codes.current).toHaveBeenCalledTimes(2);
  });

  it('describes the selected row by the seconds left: fresh on selection, ticking while a row has focus', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', sortOrder: 0 });
    const bank = entry({ issuer: 'Bank', account: 'bob', sortOrder: 1 });
    await renderUnlocked(
      [github, bank],
      [snapshot(github.id, '123456', START + 12_000), snapshot(bank.id, '654321', START + 12_000)],
      { fakeTimers: true },
    );
    const button = screen.getByRole('button', { name: 'GitHub, alice, code 123 456' });
    expect(button.getAttribute('aria-describedby')?.split(' ')).toContain('selected-time-left');
    expect(rowDescriptions()).toEqual(['12 seconds left', '']);
    const description = (): string => document.getElementById('selected-time-left')?.textContent ?? '';
    expect(description()).toBe('12 seconds left');
    // Nobody is on a row: no clock runs, the text waits for the next selection.
    advance(2_010);
    expect(description()).toBe('12 seconds left');
    act(() => screen.getByRole('button', { name: 'Bank, bob, code 654 321' }).focus());
    expect(description()).toBe('10 seconds left');
    expect(vi.getTimerCount()).toBe(2);
    advance(1_000);
    expect(description()).toBe('9 seconds left');
  });

  it('stops the row clock while the window is hidden and catches up when shown', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', START + 20_000)], { fakeTimers: true });
    act(() => screen.getByRole('button', { name: /^GitHub/ }).focus());
    expect(vi.getTimerCount()).toBe(2);
    setHidden(true);
    expect(vi.getTimerCount()).toBe(1);
    vi.setSystemTime(START + 9_500);
    expect(document.getElementById('selected-time-left')?.textContent).toBe('20 seconds left');
    setHidden(false);
    expect(document.getElementById('selected-time-left')?.textContent).toBe('11 seconds left');
    expect(vi.getTimerCount()).toBe(2);
  });

  it('has no timer at all once the list is gone', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', START + 20_000)], { fakeTimers: true });
    act(() => screen.getByRole('button', { name: /^GitHub/ }).focus());
    expect(vi.getTimerCount()).toBe(2);
    fake.emitStatus({ status: 'locked', path: '/v', lastLockReason: 'idle' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
