#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// The `tessera` command. The CLI is TypeScript, bundled by electron-vite into out/main/cli.js
// (`npm run build`; `npm install` in a clone runs it through the `prepare` script). Requiring the
// bundle runs it: it checks that this file is the program (electron/cli/index.ts, isProgram).
'use strict';

try {
  require.resolve('../out/main/cli.js');
} catch {
  process.stderr.write("tessera: the CLI is not built yet. Run 'npm run build' in the Tessera folder first.\n");
  process.exit(70);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS bin loading the CommonJS bundle
require('../out/main/cli.js');
