// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One shared clock for every countdown in the window, so no row runs a timer of its own: a single
 * timer, however many rows are shown, that fires just after each whole second so displayed seconds change in step
 * with the code periods. It runs only while someone listens and the document is visible.
 */
import { useSyncExternalStore } from 'react';
import { appNow } from '../clock/app-clock';

/** Fire a hair after the second boundary, so the new second (and period) has begun. */
const TICK_SLACK_MS = 5;

const listeners = new Set<() => void>();
let now = appNow();
let timer: number | null = null;

function tick(): void {
  now = appNow();
  for (const listener of listeners) listener();
}

function schedule(): void {
  const delay = 1000 - (appNow() % 1000) + TICK_SLACK_MS;
  timer = window.setTimeout(() => {
    timer = null;
    tick();
    schedule();
  }, delay);
}

function start(): void {
  if (timer === null && !document.hidden) schedule();
}

function stop(): void {
  if (timer !== null) window.clearTimeout(timer);
  timer = null;
}

/** Hidden windows do not tick; on return the clock catches up at once. */
function onVisibilityChange(): void {
  if (document.hidden) {
    stop();
  } else {
    tick();
    start();
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = appNow();
    document.addEventListener('visibilitychange', onVisibilityChange);
    start();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    }
  };
}

function getSnapshot(): number {
  return now;
}

/** The shared clock's current time in Unix milliseconds (the codes' time, appNow), updated once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}
