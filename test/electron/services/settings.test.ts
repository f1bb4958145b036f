// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUICK_UNLOCK_LIMITS } from '../../../electron/domain';
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
    [{ quickUnlockUntilRestart: 'yes' }, 'quickUnlockUntilRestart'],
    [{ quickUnlockUntilRestart: null }, 'quickUnlockUntilRestart'],
    [{ quickUnlockEveryDays: 0 }, 'quickUnlockEveryDays'],
    [{ quickUnlockEveryDays: QUICK_UNLOCK_LIMITS.everyDaysMax + 1 }, 'quickUnlockEveryDays'],
    [{ quickUnlockEveryDays: 1.5 }, 'quickUnlockEveryDays'],
    [{ quickUnlockEveryDays: '14' }, 'quickUnlockEveryDays'],
    [{ quickUnlockEveryDays: Number.NaN }, 'quickUnlockEveryDays'],
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

  it('defaults quick unlock to memory only, asking again every 14 days', () => {
    expect(SETTINGS_DEFAULTS.quickUnlockUntilRestart).toBe(true);
    expect(SETTINGS_DEFAULTS.quickUnlockEveryDays).toBe(QUICK_UNLOCK_LIMITS.everyDaysDefault);
    expect(QUICK_UNLOCK_LIMITS.everyDaysDefault).toBe(14);
  });

  it('accepts the quick unlock settings within their bounds', () => {
    for (const days of [1, 14, QUICK_UNLOCK_LIMITS.everyDaysMax]) {
      expect(checkSettingsPatch({ quickUnlockEveryDays: days })).toEqual({
        ok: true,
        value: { quickUnlockEveryDays: days },
      });
    }
    expect(checkSettingsPatch({ quickUnlockUntilRestart: false, quickUnlockEveryDays: 30 })).toEqual({
      ok: true,
      value: { quickUnlockUntilRestart: false, quickUnlockEveryDays: 30 },
    });
  });

  it('names the quick unlock settings in plain sentences', () => {
    expect(checkSettingsPatch({ quickUnlockEveryDays: 91 })).toEqual({
      ok: false,
      field: 'quickUnlockEveryDays',
      message: 'The quick unlock period must be a whole number of days from 1 to 90.',
    });
    expect(checkSettingsPatch({ quickUnlockUntilRestart: 1 })).toEqual({
      ok: false,
      field: 'quickUnlockUntilRestart',
      message: '“Ask for the master password after a restart” must be on or off.',
    });
  });

  it('reads a settings file from before quick unlock with its defaults', () => {
    const { quickUnlockUntilRestart, quickUnlockEveryDays, ...older } = {
      ...SETTINGS_DEFAULTS,
      theme: 'dark' as const,
    };
    expect([quickUnlockUntilRestart, quickUnlockEveryDays]).toEqual([true, 14]);
    const parsed = parseSettingsFile(JSON.stringify({ version: 1, ...older }));
    expect(parsed).toEqual({ settings: { ...SETTINGS_DEFAULTS, theme: 'dark' }, notes: [] });
  });

  it('round-trips the quick unlock settings, and replaces a bad stored value with a note', () => {
    const settings = { ...SETTINGS_DEFAULTS, quickUnlockUntilRestart: false, quickUnlockEveryDays: 3 };
    const text = serializeSettings(settings);
    expect(JSON.parse(text)).toMatchObject({ quickUnlockUntilRestart: false, quickUnlockEveryDays: 3 });
    expect(parseSettingsFile(text)).toEqual({ settings, notes: [] });
    const parsed = parseSettingsFile(JSON.stringify({ quickUnlockEveryDays: 365, quickUnlockUntilRestart: 'no' }));
    expect(parsed.settings).toEqual(SETTINGS_DEFAULTS);
    expect(parsed.notes).toEqual([
      { setting: 'quickUnlockUntilRestart', message: expect.stringMatching(/on or off\. The default is in use\.$/) },
      { setting: 'quickUnlockEveryDays', message: expect.stringMatching(/from 1 to 90\. The default is in use\.$/) },
    ]);
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
