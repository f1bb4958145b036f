// SPDX-License-Identifier: GPL-3.0-or-later
// Loaded with `node --require` by startup.test.ts: appends to the file $TESSERA_RECORD_MODULES every
// module the process loads, one per line: what require() loaded (require.cache, at exit) and what
// import() resolved (an ES module loader hook, since `import('pkg')` may load a package's ES build,
// which require.cache never lists). Test-only: nothing in the app loads it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a --require hook is CommonJS by nature */
const { appendFileSync } = require('node:fs');
const { register } = require('node:module');

/** Runs in the loader's own thread: writes each resolved URL before the import goes on. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(out, result.url + '\\n');
  return result;
}
`;

const out = process.env.TESSERA_RECORD_MODULES;
if (out) {
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { out } });
  process.on('exit', () => appendFileSync(out, `${Object.keys(require.cache).join('\n')}\n`));
}
