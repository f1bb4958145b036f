// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Finds an Electron binary WITHOUT triggering electron's on-demand download: `ELECTRON_BIN`, or
 * the path the electron package records once its binary is installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export function findElectronBinary(): { path: string | null; reason: string } {
  const fromEnv = process.env['ELECTRON_BIN'];
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { path: fromEnv, reason: '' }
      : { path: null, reason: `ELECTRON_BIN=${fromEnv} does not exist` };
  }
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (existsSync(pathTxt)) {
    const bin = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
    if (existsSync(bin)) return { path: bin, reason: '' };
  }
  return {
    path: null,
    reason:
      'Electron binary not installed (npm start downloads it once, with Node.js ≥ 22.12 and internet access, ' +
      'which this machine lacks); run npm start once, or set ELECTRON_BIN to an Electron executable, to run this tier',
  };
}
