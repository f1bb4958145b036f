// SPDX-License-Identifier: GPL-3.0-or-later
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_DEFAULTS } from '../../../electron/services/settings';
import { createSettingsService, settingsPathIn } from '../../../electron/services/settings-service';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings service', () => {
  it('lives in the app data folder', () => {
    expect(settingsPathIn('/home/a/.config/Tessera')).toBe(path.join('/home/a/.config/Tessera', 'settings.json'));
  });

  it('starts from the defaults without a file, and writes one on the first change', async () => {
    const service = createSettingsService({ path: file });
    expect(service.view()).toEqual({ settings: SETTINGS_DEFAULTS, notes: [] });
    const listener = vi.fn();
    service.onChange(listener);
    const view = await service.update({ theme: 'dark', clipboardClearSeconds: 45 });
    expect(view.settings).toMatchObject({ theme: 'dark', clipboardClearSeconds: 45 });
    expect(listener).toHaveBeenCalledWith(view, SETTINGS_DEFAULTS);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      version: 1,
      theme: 'dark',
      clipboardClearSeconds: 45,
    });
    // No temp file is left behind, and the file is private.
    expect(readdirSync(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(createSettingsService({ path: file }).current()).toEqual(view.settings);
  });

  it('survives a corrupt file: defaults and a note, replaced by the next change', async () => {
    writeFileSync(file, '{"theme": "dark", oops');
    const service = createSettingsService({ path: file });
    expect(service.current()).toEqual(SETTINGS_DEFAULTS);
    expect(service.view().notes).toHaveLength(1);
    await service.update({ hideCodes: true });
    expect(service.view().notes).toEqual([]);
    expect(createSettingsService({ path: file }).current().hideCodes).toBe(true);
  });

  it('reports an unreadable file instead of crashing', () => {
    const service = createSettingsService({
      path: file,
      readText: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    });
    expect(service.current()).toEqual(SETTINGS_DEFAULTS);
    expect(service.view().notes[0]?.message).toMatch(/could not be opened/);
  });

  it('changes nothing when the write fails', async () => {
    const service = createSettingsService({ path: file, writeText: () => Promise.reject(new Error('disk full')) });
    await expect(service.update({ theme: 'light' })).rejects.toThrow('disk full');
    expect(service.current().theme).toBe('system');
  });

  it('applies overlapping changes in order, none lost', async () => {
    const service = createSettingsService({ path: file });
    await Promise.all([
      service.update({ theme: 'dark' }),
      service.update({ hideCodes: true }),
      service.update({ autoLockMinutes: 9 }),
    ]);
    expect(createSettingsService({ path: file }).current()).toMatchObject({
      theme: 'dark',
      hideCodes: true,
      autoLockMinutes: 9,
    });
  });

  it('keeps run-time notes (a taken shortcut) until cleared', () => {
    const service = createSettingsService({ path: file });
    const listener = vi.fn();
    service.onChange(listener);
    service.setNote('globalShortcut', 'taken');
    service.setNote('globalShortcut', 'taken');
    expect(listener).toHaveBeenCalledOnce();
    expect(service.view().notes).toEqual([{ setting: 'globalShortcut', message: 'taken' }]);
    service.setNote('globalShortcut', null);
    expect(service.view().notes).toEqual([]);
  });

  it('reports a folder it cannot write', async () => {
    // A regular file where the folder should be: the write fails (ENOTDIR) for every user, root
    // included, which a read-only folder (chmod) would not do.
    const notAFolder = path.join(dir, 'not-a-folder');
    writeFileSync(notAFolder, 'a file');
    const service = createSettingsService({ path: path.join(notAFolder, 'settings.json') });
    await expect(service.update({ theme: 'dark' })).rejects.toThrow();
    expect(service.current().theme).toBe('system');
    expect(readFileSync(notAFolder, 'utf8')).toBe('a file');
  });
});
