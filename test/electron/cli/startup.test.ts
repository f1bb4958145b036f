// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera --version` and `--help` start about as fast as Node itself because they load no command
 * body: each command's spec (commands/<name>.ts) is cheap, and its body (commands/run/<name>.ts),
 * with the vault, OTP and import layers and their packages, is imported only when it runs. Checked
 * on the built bin by the modules it loads (record-modules.cjs), never by timings, which vary by
 * machine. Builds the bundle first when it is missing or older than the sources.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_BUNDLE, ensureCliBuilt } from './built-cli';
import { tempDir } from './harness';

const RECORDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'record-modules.cjs');

/** The packages that cost start-up time (WebAssembly, big parsers); only command bodies need them. */
const HEAVY = [
  'libsodium-wrappers-sumo',
  'libsodium-sumo',
  'zxing-wasm',
  'otpauth',
  'sql.js',
  'qrcode',
  'pngjs',
  'hash-wasm',
  '@zip.js/zip.js',
  'fast-xml-parser',
  'sharp',
];

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ensureCliBuilt();
  ({ dir, cleanup } = await tempDir());
}, 300_000);

afterAll(async () => {
  await cleanup();
});

/** The package a loaded file or URL belongs to (`@scope/name` or `name`), or null outside node_modules. */
function packageOf(loaded: string): string | null {
  const parts = loaded.replace(/\\/g, '/').split('/node_modules/');
  if (parts.length < 2) return null;
  const [first = '', second = ''] = (parts.at(-1) ?? '').split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Runs the built bin under the recorder: its exit code, stdout, and the packages it loaded. */
function tessera(argv: readonly string[]): { code: number | null; stdout: string; packages: string[] } {
  const record = path.join(dir, `modules-${argv.join('-').replace(/\W/g, '_')}.txt`);
  rmSync(record, { force: true });
  const r = spawnSync(process.execPath, ['--require', RECORDER, BIN, ...argv], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: dir, TESSERA_RECORD_MODULES: record },
  });
  const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  expect(loaded, 'the recorder saw the bundle').toContain(CLI_BUNDLE);
  const packages = [...new Set(loaded.map(packageOf).filter((p): p is string => p !== null))].sort();
  return { code: r.status, stdout: r.stdout, packages };
}

describe('tessera start-up (built bin)', () => {
  it.each([[['--version']], [['--help']], [['code', '--help']], [['help', 'import']], [['scan', '-h']]])(
    '%j loads none of the heavy packages',
    (argv) => {
      const r = tessera(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toBe('');
      expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
    },
  );

  it('a command that runs loads its body and what it needs (the recorder sees packages)', () => {
    // scan starts the QR decoder at once, before finding that the image is missing (exit 4).
    const r = tessera(['scan', 'missing.png']);
    expect(r.code).toBe(4);
    expect(r.packages).toContain('zxing-wasm');
  });
});
