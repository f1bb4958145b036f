// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The browser search of scripts/lib/test-tools.mjs under its first name: everything that module
 * exports (findChromium, provisionTestTools, …) for the callers that import it from here
 * (scripts/bench.mjs), and the small command playwright.config.ts runs to learn which Chromium to
 * use: `node scripts/lib/chromium.mjs` prints the path findChromium picks (find only, never install),
 * or nothing and exits 1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './test-tools.mjs';

export * from './test-tools.mjs';

// Run as a script for playwright.config.ts, which cannot import this file: Playwright's require hook
// rewrites an imported .mjs to CommonJS, which Node (20.19 and later) then fails to run as ESM.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if (found?.path) process.stdout.write(`${found.path}\n`);
  process.exitCode = found?.path ? 0 : 1;
}
