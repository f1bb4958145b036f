// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The settings' shape as data: defaults, one rule per setting, and the two readers that use them
 * (a patch from the renderer, and settings.json from disk). Pure: the IPC validator, the settings
 * service and the tests share these functions. Settings hold no secrets.
 */
import {
  CODES_SORTS,
  isCodesSort,
  isThemePreference,
  QUICK_UNLOCK_LIMITS,
  SETTINGS_LIMITS,
  type ClockMeasurement,
  type Settings,
  type SettingsNote,
  type SettingsPatch,
} from '../domain';
import { checkAccelerator } from '../domain/accelerator';
import { DEFAULT_TIME_SERVER, formatServerAddress, parseServerAddress } from '../time/server-address';
import type { AutoLockSettings } from '../vault';

/** What a new installation uses, and what replaces an unreadable value. */
export const SETTINGS_DEFAULTS: Settings = Object.freeze({
  autoLockMinutes: 5,
  lockOnSuspend: true,
  lockOnScreenLock: true,
  clipboardClearSeconds: 20,
  hideCodes: false,
  theme: 'system',
  closeToTray: false,
  startMinimised: false,
  globalShortcut: '',
  autoBackup: true,
  backupKeep: 10,
  backupFolder: '',
  clockCheck: true,
  clockServer: DEFAULT_TIME_SERVER,
  clockCorrection: null,
  // Memory only: a restart asks for the master password, and nothing is left on disk to attack.
  quickUnlockUntilRestart: true,
  quickUnlockEveryDays: QUICK_UNLOCK_LIMITS.everyDaysDefault,
  codesSort: 'manual',
  compactView: false,
  alwaysShowNextCode: false,
});

/** A checked value (possibly normalised, e.g. the accelerator's spelling) or what is wrong with it. */
type Rule<T> = (
  raw: unknown,
) => { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const pass = <T>(value: T) => ({ ok: true as const, value });
const refuse = (message: string) => ({ ok: false as const, message });

const flag: Rule<boolean> = (raw) => (typeof raw === 'boolean' ? pass(raw) : refuse('must be on or off'));

const wholeNumber =
  (max: number, unit: string): Rule<number> =>
  (raw) =>
    typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 && raw <= max
      ? pass(raw)
      : refuse(`must be a whole number of ${unit} from 0 to ${max}`);

/** A stored correction: a measurement with every field in range, copied without extra keys. */
const clockCorrection: Rule<ClockMeasurement | null> = (raw) => {
  if (raw === null) return pass(null);
  const m = raw as Partial<Record<keyof ClockMeasurement, unknown>> | undefined;
  const whole = (v: unknown, max: number): v is number =>
    typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) <= max;
  const server = typeof m === 'object' && typeof m.server === 'string' ? parseServerAddress(m.server) : null;
  return typeof m === 'object' &&
    server?.ok === true &&
    whole(m.offsetMs, SETTINGS_LIMITS.clockCorrectionMsMax) &&
    whole(m.roundTripMs, 60_000) &&
    m.roundTripMs >= 0 &&
    whole(m.at, Number.MAX_SAFE_INTEGER) &&
    m.at >= 0
    ? pass({ server: formatServerAddress(server.value), offsetMs: m.offsetMs, roundTripMs: m.roundTripMs, at: m.at })
    : refuse('must be a measured offset or nothing');
};

/** One rule per setting: a setting without a rule does not compile (default-deny for the rest). */
const RULES: { readonly [K in keyof Settings]: Rule<Settings[K]> } = {
  autoLockMinutes: wholeNumber(SETTINGS_LIMITS.autoLockMinutesMax, 'minutes'),
  lockOnSuspend: flag,
  lockOnScreenLock: flag,
  clipboardClearSeconds: wholeNumber(SETTINGS_LIMITS.clipboardClearSecondsMax, 'seconds'),
  hideCodes: flag,
  theme: (raw) => (isThemePreference(raw) ? pass(raw) : refuse('must be system, light or dark')),
  closeToTray: flag,
  startMinimised: flag,
  globalShortcut: (raw) => {
    if (typeof raw !== 'string') return refuse('must be text');
    const checked = checkAccelerator(raw);
    return checked.ok ? pass(checked.accelerator) : refuse(checked.message);
  },
  autoBackup: flag,
  backupKeep: (raw) =>
    typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 1 && raw <= SETTINGS_LIMITS.backupKeepMax
      ? pass(raw)
      : refuse(`must be a whole number from 1 to ${SETTINGS_LIMITS.backupKeepMax}`),
  // '' or an absolute path (any platform's): a relative one would depend on the working folder.
  backupFolder: (raw) =>
    typeof raw === 'string' &&
    raw.length <= SETTINGS_LIMITS.backupFolderMax &&
    !raw.includes('\0') &&
    (raw === '' || raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw) || raw.startsWith('\\\\'))
      ? pass(raw)
      : refuse('must be a full folder path'),
  clockCheck: flag,
  // Kept as typed (a name's case, the port as given); the SNTP client reads it again.
  clockServer: (raw) => {
    if (typeof raw !== 'string') return refuse('must be text');
    const checked = parseServerAddress(raw);
    return checked.ok ? pass(raw) : refuse(checked.message);
  },
  clockCorrection,
  quickUnlockUntilRestart: flag,
  quickUnlockEveryDays: (raw) =>
    typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 1 && raw <= QUICK_UNLOCK_LIMITS.everyDaysMax
      ? pass(raw)
      : refuse(`must be a whole number of days from 1 to ${QUICK_UNLOCK_LIMITS.everyDaysMax}`),
  codesSort: (raw) => (isCodesSort(raw) ? pass(raw) : refuse(`must be one of ${CODES_SORTS.join(', ')}`)),
  compactView: flag,
  alwaysShowNextCode: flag,
};

/** Human names for messages ("The auto-lock time must be …"). */
const LABELS: { readonly [K in keyof Settings]: string } = {
  autoLockMinutes: 'The auto-lock time',
  lockOnSuspend: '“Lock when the computer sleeps”',
  lockOnScreenLock: '“Lock when the screen locks”',
  clipboardClearSeconds: 'The clipboard clearing time',
  hideCodes: '“Hide codes until revealed”',
  theme: 'The theme',
  closeToTray: '“Close to tray”',
  startMinimised: '“Start minimised”',
  globalShortcut: 'The global shortcut',
  autoBackup: '“Automatic backups”',
  backupKeep: 'The number of backups to keep',
  backupFolder: 'The backup folder',
  clockCheck: '“Check the clock”',
  clockServer: 'The time server',
  clockCorrection: 'The clock correction',
  quickUnlockUntilRestart: '“Ask for the master password after a restart”',
  quickUnlockEveryDays: 'The quick unlock period',
  codesSort: 'The order of the codes',
  compactView: '“Compact list”',
  alwaysShowNextCode: '“Always show the next code”',
};

export const SETTING_KEYS = Object.freeze(Object.keys(RULES) as (keyof Settings)[]);

function isSettingKey(key: string): key is keyof Settings {
  return Object.prototype.hasOwnProperty.call(RULES, key);
}

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Checks one value against its rule; a failure names the setting. */
function checkOne<K extends keyof Settings>(
  key: K,
  raw: unknown,
): { ok: true; value: Settings[K] } | { ok: false; message: string } {
  const result = RULES[key](raw);
  if (result.ok) return result;
  // Accelerator and time server messages are already sentences.
  return refuse(
    key === 'globalShortcut' || key === 'clockServer' ? result.message : `${LABELS[key]} ${result.message}.`,
  );
}

export type PatchCheck =
  | { readonly ok: true; readonly value: SettingsPatch }
  | { readonly ok: false; readonly field: string; readonly message: string };

/** Checks a patch from the renderer: known settings only, each value by its rule, at least one. */
export function checkSettingsPatch(raw: unknown): PatchCheck {
  if (!isRecord(raw)) return { ok: false, field: '', message: 'Expected an object' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) return { ok: false, field: key, message: `Unexpected field '${key}'` };
    const checked = checkOne(key, value);
    if (!checked.ok) return { ok: false, field: key, message: checked.message };
    out[key] = checked.value;
  }
  if (Object.keys(out).length === 0) return { ok: false, field: '', message: 'Name at least one setting to change' };
  return { ok: true, value: out as SettingsPatch };
}

export interface ParsedSettings {
  readonly settings: Settings;
  /** What was wrong with the file; each bad value was replaced by its default. */
  readonly notes: readonly SettingsNote[];
}

const UNREADABLE_FILE =
  'Your settings file could not be read, so the defaults are in use. Changing any setting writes a new file.';

/**
 * Reads settings.json text. Never throws: broken JSON or a non-object gives the defaults with a
 * note; a bad value gives that setting's default with a note naming it; unknown keys (from a newer
 * version) are ignored.
 */
export function parseSettingsFile(text: string): ParsedSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings: SETTINGS_DEFAULTS, notes: [{ setting: null, message: UNREADABLE_FILE }] };
  }
  if (!isRecord(raw)) return { settings: SETTINGS_DEFAULTS, notes: [{ setting: null, message: UNREADABLE_FILE }] };
  const settings: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
  const notes: SettingsNote[] = [];
  for (const key of SETTING_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    const checked = checkOne(key, raw[key]);
    if (checked.ok) settings[key] = checked.value;
    else notes.push({ setting: key, message: `${checked.message} The default is in use.` });
  }
  return { settings: settings as unknown as Settings, notes };
}

/** The text written to settings.json: a format version and every setting, stable key order. */
export function serializeSettings(settings: Settings): string {
  const ordered: Record<string, unknown> = { version: 1 };
  for (const key of SETTING_KEYS) ordered[key] = settings[key];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The auto-lock policy's view of the settings (0 minutes = idle lock off). */
export function toAutoLockSettings(settings: Settings): AutoLockSettings {
  return {
    idleMinutes: settings.autoLockMinutes > 0 ? settings.autoLockMinutes : null,
    lockOnSuspend: settings.lockOnSuspend,
    lockOnScreenLock: settings.lockOnScreenLock,
  };
}
