// SPDX-License-Identifier: GPL-3.0-or-later
/** Shared helpers: render the app, settle promises under fake timers, deferred answers. */
import { act, render, screen, type RenderResult } from '@testing-library/react';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import type { CodeSnapshot, EntrySummary, Settings, SettingsView } from '../../electron/domain';
import { App } from '../../renderer/App';
import { DEFAULT_TEST_SETTINGS, installFakeApi, unlockedStatus, type FakeApi, type FakeState } from './fake-api';

/** Renders the app; `onCommit` hears of every React commit (a React Profiler around it). */
export function renderApp(onCommit?: ProfilerOnRenderCallback): RenderResult {
  return render(
    onCommit ? (
      <Profiler id="app" onRender={onCommit}>
        <App />
      </Profiler>
    ) : (
      <App />
    ),
  );
}

/** Lets pending promise chains (fake API answers) run and React commit, without advancing time. */
export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

/** A promise the test resolves when it wants, e.g. to look at a progress state. */
export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Installs a fake with an unlocked vault holding these entries and codes, and renders the app. */
export async function renderUnlocked(
  entries: EntrySummary[],
  codes: CodeSnapshot[],
  options: { fakeTimers?: boolean; state?: Partial<FakeState>; onCommit?: ProfilerOnRenderCallback } = {},
): Promise<FakeApi> {
  const fake = installFakeApi({ status: unlockedStatus(entries.length), entries, codes, ...options.state });
  renderApp(options.onCommit);
  await flush();
  if (!options.fakeTimers) await screen.findByRole('main');
  return fake;
}

/** The copy buttons of the rows, top to bottom. */
export function rowButtons(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.row-main')];
}

/** The accessible names of the rows, top to bottom. */
export function rowNames(): string[] {
  return rowButtons().map((b) => b.getAttribute('aria-label') ?? '');
}

/** The accessible descriptions of the rows: the texts their `aria-describedby` points to, in order. */
export function rowDescriptions(): string[] {
  return rowButtons().map((b) =>
    (b.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
  );
}

/** A settings view with some settings changed from the defaults. */
export function settingsView(changes: Partial<Settings> = {}, notes: SettingsView['notes'] = []): SettingsView {
  return { settings: { ...DEFAULT_TEST_SETTINGS, ...changes }, notes };
}
