// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The first test of the Electron tier (the other Electron tests depend on it, see
 * playwright.config.ts): `npm run smoke` starts the built app with the real binary, waits for its
 * window's first paint and quits. Skipped with the reason where the binary is not installed.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const ROOT = path.resolve(__dirname, '../..');

test('the app starts, loads and paints its window, and quits cleanly (npm run smoke)', () => {
  test.skip(binary.path === null, binary.reason);
  test.setTimeout(120_000);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'smoke.mjs')], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_BIN: binary.path as string },
    encoding: 'utf8',
    timeout: 110_000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toContain('Smoke test passed');
});
