// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The names of Tessera's own files in its data folder: the desktop app and the CLI compute the same
 * paths from them, so they are written once.
 */

/** The vault file in the app's data folder. */
export const VAULT_FILE_NAME = 'vault.tessera';

/** This computer's settings, in the app's data folder (never beside a vault that may be synced). */
export const SETTINGS_FILE_NAME = 'settings.json';
