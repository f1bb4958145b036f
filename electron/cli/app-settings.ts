// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop app's settings as the CLI sees them: read from this computer's app data folder with
 * the app's own rules (electron/services/settings.ts), never written. A missing or unreadable file
 * gives the defaults, as in the app.
 */
import { readFileSync } from 'node:fs';
import type { Settings } from '../domain';
import { parseSettingsFile, SETTINGS_DEFAULTS } from '../services/settings';
import type { CliIo } from './io';
import { appSettingsPath } from './paths';

export function readAppSettings(io: CliIo): Settings {
  let text: string;
  try {
    text = readFileSync(appSettingsPath(io), 'utf8');
  } catch {
    return SETTINGS_DEFAULTS;
  }
  return parseSettingsFile(text).settings;
}
