// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The user's settings, read from settings.json beside the vault at start and written atomically on
 * every change. A missing file means defaults; an unreadable or invalid one means defaults plus a
 * note for the user, never a crash. Plain Node, so the app and the tests build the same service.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS_FILE_NAME, type Settings, type SettingsNote, type SettingsPatch, type SettingsView } from '../domain';
import { parseSettingsFile, serializeSettings, SETTINGS_DEFAULTS, type ParsedSettings } from './settings';
import { writePrivateFile } from '../vault';

/** The settings file in this computer's app data folder: `settings.json`. */
export function settingsPathIn(dataFolder: string): string {
  return path.join(dataFolder, SETTINGS_FILE_NAME);
}

export type SettingsListener = (view: SettingsView, previous: Settings) => void;

export interface SettingsService {
  /** The settings in force. */
  current(): Settings;
  /** The settings and every note about them. */
  view(): SettingsView;
  /** Applies an already validated patch, saves it, then tells the listeners. */
  update(patch: SettingsPatch): Promise<SettingsView>;
  /** Sets (or clears, with null) a note found at run time, e.g. "this shortcut is taken". */
  setNote(setting: keyof Settings, message: string | null): void;
  onChange(listener: SettingsListener): () => void;
}

export interface SettingsServiceDeps {
  readonly path: string;
  /** Defaults: the real file system. */
  readonly readText?: (file: string) => string;
  readonly writeText?: (file: string, text: string) => Promise<void>;
}

const UNREADABLE = 'Your settings file could not be opened, so the defaults are in use.';

function load(file: string, readText: (file: string) => string): ParsedSettings {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
    return { settings: SETTINGS_DEFAULTS, notes: missing ? [] : [{ setting: null, message: UNREADABLE }] };
  }
  return parseSettingsFile(text);
}

/** Creates the service; reads the file once, synchronously, so the first window already has its theme. */
export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  const readText = deps.readText ?? ((file: string) => readFileSync(file, 'utf8'));
  const writeText =
    deps.writeText ?? ((file: string, text: string) => writePrivateFile(file, text, { createFolder: true }));
  const loaded = load(deps.path, readText);
  let settings = loaded.settings;
  /** Notes about the file; a successful write replaces it with a valid one, so they go. */
  let fileNotes: readonly SettingsNote[] = loaded.notes;
  const runtimeNotes = new Map<keyof Settings, string>();
  const listeners = new Set<SettingsListener>();
  /** One write at a time, in order: the last change wins on disk as it does in memory. */
  let queue: Promise<void> = Promise.resolve();

  const view = (): SettingsView => ({
    settings,
    notes: [...fileNotes, ...[...runtimeNotes].map(([setting, message]) => ({ setting, message }))],
  });

  function notify(previous: Settings): void {
    const current = view();
    for (const listener of listeners) listener(current, previous);
  }

  return {
    current: () => settings,
    view,
    update(patch) {
      const run = queue.then(async () => {
        const previous = settings;
        const next: Settings = { ...settings, ...patch };
        // Saved first: if the disk refuses, nothing changes and the caller hears why.
        await writeText(deps.path, serializeSettings(next));
        settings = next;
        fileNotes = [];
        notify(previous);
        return view();
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    setNote(setting, message) {
      const had = runtimeNotes.get(setting) ?? null;
      if (had === message) return;
      if (message === null) runtimeNotes.delete(setting);
      else runtimeNotes.set(setting, message);
      notify(settings);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
