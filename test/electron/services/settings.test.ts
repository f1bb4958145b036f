// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSettingsPatch,
  parseSettingsFile,
  serializeSettings,
  SETTINGS_DEFAULTS,
  toAutoLockSettings,
} from '../../../electron/services/settings';

describe('settings schema', () => {
  it('accepts a patch of known settings and normalises the shortcut', () => {
    expect(checkSettingsPatch({ theme: 'dark', autoLockMinutes: 0, globalShortcut: 'ctrl+alt+t' })).toEqual({
      ok: true,
      value: { theme: 'dark', autoLockMinutes: 0, globalShortcut: 'Control+Alt+T' },
    });
  });

  it.each([
    [null, ''],
    [[], ''],
    [{}, ''],
    [{ theme: 'purple' }, 'theme'],
    [{ autoLockMinutes: -1 }, 'autoLockMinutes'],
    [{ autoLockMinutes: 2.5 }, 'autoLockMinutes'],
    [{ autoLockMinutes: 1441 }, 'autoLockMinutes'],
    [{ clipboardClearSeconds: '20' }, 'clipboardClearSeconds'],
    [{ clipboardClearSeconds: 601 }, 'clipboardClearSeconds'],
    [{ hideCodes: 'yes' }, 'hideCodes'],
    [{ globalShortcut: 'A' }, 'globalShortcut'],
    [{ globalShortcut: 42 }, 'globalShortcut'],
    [{ vaultPath: '/etc/passwd' }, 'vaultPath'],
    [{ __proto__: { hideCodes: true } }, ''],
  ])('refuses %j, naming %j', (raw, field) => {
    const result = checkSettingsPatch(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe(field);
  });

  it('round-trips through the file format', () => {
    const settings = { ...SETTINGS_DEFAULTS, theme: 'light' as const, hideCodes: true, globalShortcut: 'Alt+F13' };
    expect(parseSettingsFile(serializeSettings(settings))).toEqual({ settings, notes: [] });
    expect(JSON.parse(serializeSettings(settings))).toMatchObject({ version: 1 });
  });

  it('falls back to the defaults with a note for a broken file', () => {
    for (const text of ['', '{', 'null', '[1,2]', '"text"', '\u0000\u0001']) {
      const parsed = parseSettingsFile(text);
      expect(parsed.settings).toEqual(SETTINGS_DEFAULTS);
      expect(parsed.notes).toEqual([{ setting: null, message: expect.stringMatching(/defaults are in use/) }]);
    }
  });

  it('replaces only the bad values, naming each, and ignores unknown keys', () => {
    const parsed = parseSettingsFile(
      JSON.stringify({ version: 7, theme: 'dark', autoLockMinutes: 'soon', globalShortcut: 'Q', fromTheFuture: 1 }),
    );
    expect(parsed.settings).toEqual({ ...SETTINGS_DEFAULTS, theme: 'dark' });
    expect(parsed.notes.map((n) => n.setting)).toEqual(['autoLockMinutes', 'globalShortcut']);
  });

  it('never throws on any file content', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          const parsed = parseSettingsFile(text);
          expect(checkSettingsPatch(parsed.settings).ok).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('maps to the auto-lock policy (0 minutes = idle lock off)', () => {
    expect(toAutoLockSettings({ ...SETTINGS_DEFAULTS, autoLockMinutes: 0, lockOnSuspend: false })).toEqual({
      idleMinutes: null,
      lockOnSuspend: false,
      lockOnScreenLock: true,
    });
    expect(toAutoLockSettings(SETTINGS_DEFAULTS).idleMinutes).toBe(5);
  });
});
