// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The domain: the words every part of Tessera shares (entries, codes, the vault's state, settings,
 * the import review, exports, the clock and its offset in words, limits, file names, errors and
 * events). Pure TypeScript that imports nothing outside this folder, so the main process, the CLI,
 * the workers, the preload and the renderer can all use it.
 */
export * from './clock';
export * from './clock-words';
export * from './codes';
export * from './codes-order';
export * from './conflict-copies';
export * from './entry';
export * from './enumerations';
export * from './errors';
export * from './events';
export * from './export';
export * from './files';
export * from './icons';
export * from './import-formats';
export * from './import-review';
export * from './limits';
export * from './quick-unlock';
export * from './recovery-key';
export * from './settings';
export * from './tags';
export * from './vault';
export * from './vault-location';
export * from './usage';
