// SPDX-License-Identifier: GPL-3.0-or-later
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entry, snapshot } from './fake-api';
import { renderUnlocked } from './helpers';

const START = Date.parse('2030-01-01T00:00:00.000Z');

function ring(index = 0): HTMLElement {
  const rings = document.querySelectorAll<HTMLElement>('.ring');
  const found = rings[index];
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
  });

  it('counts down from validUntil and turns urgent in the last 5 seconds', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', START + 12_000)], { fakeTimers: true });
    expect(ring().dataset['secondsLeft']).toBe('12');
    expect(ring().textContent).toBe('12');
    expect(ring().classList.contains('ring-urgent')).toBe(false);

    advance(6_010);
    expect(ring().textContent).toBe('6');
    expect(ring().classList.contains('ring-urgent')).toBe(false);

    advance(1_000);
    expect(ring().textContent).toBe('5');
    expect(ring().classList.contains('ring-urgent')).toBe(true);

    advance(5_000);
    expect(ring().textContent).toBe('0');
  });

  it('draws the ring as the fraction of the period left', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', START + 15_000)], { fakeTimers: true });
    const progress = ring().querySelector('.ring-progress');
    const circumference = Number(progress?.getAttribute('stroke-dasharray'));
    const offset = Number(progress?.getAttribute('stroke-dashoffset'));
    // 15 of 30 seconds left: half the ring is drawn.
    expect(offset / circumference).toBeCloseTo(0.5, 5);
  });

  it('uses one shared timer however many rows there are', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry({ issuer: `Service ${i}` }));
    await renderUnlocked(
      entries,
      entries.map((e, i) => snapshot(e.id, String(100000 + i), START + 30_000)),
      { fakeTimers: true },
    );
    expect(document.querySelectorAll('.ring svg')).toHaveLength(40);
    expect(vi.getTimerCount()).toBe(1);
    advance(3_010);
    expect(vi.getTimerCount()).toBe(1);
    expect(new Set([...document.querySelectorAll('.ring-label')].map((l) => l.textContent))).toEqual(new Set(['27']));
  });

  it('stops ticking while the window is hidden and catches up when shown', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', START + 20_000)], { fakeTimers: true });
    expect(vi.getTimerCount()).toBe(1);
    setHidden(true);
    expect(vi.getTimerCount()).toBe(0);
    vi.setSystemTime(START + 9_500);
    expect(ring().textContent).toBe('20');
    setHidden(false);
    expect(ring().textContent).toBe('11');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('has no timer at all once the list is gone', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '123456', START + 20_000)], { fakeTimers: true });
    expect(vi.getTimerCount()).toBe(1);
    fake.emitStatus({ status: 'locked', path: '/v', lastLockReason: 'idle' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
