// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every worker thread's body is a built entry beside the main bundle, run by the one worker pool:
 * the KDF, the QR decoder and the import worker each find their file in out/main from these
 * sources, and no other module starts a thread or evaluates a body from a string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QR_WORKER_FILE } from '../../../electron/import/qr/worker';
import { IMPORT_WORKER_FILE } from '../../../electron/services/import-runner';
import { KDF_WORKER_FILE } from '../../../electron/vault/kdf-worker';
import { workerScriptCandidates, workerScriptPath } from '../../../electron/workers/locate';
import { ROOT } from './bundle';

const WORKER_FILES = [KDF_WORKER_FILE, QR_WORKER_FILE, IMPORT_WORKER_FILE];

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(folder, file));
}

describe('worker entries', () => {
  it('finds each built worker file in out/main from the sources', () => {
    for (const file of WORKER_FILES) expect(workerScriptPath(file)).toBe(path.join(ROOT, 'out', 'main', file));
  });

  it('builds each from a `<name>-worker-entry.ts` module declared in electron.vite.config.ts', () => {
    const config = readFileSync(path.join(ROOT, 'electron.vite.config.ts'), 'utf8');
    for (const file of WORKER_FILES) {
      const name = file.replace(/\.js$/, '');
      expect(config).toMatch(new RegExp(`'${name}': resolve\\(__dirname, 'electron/[\\w/-]+/${name}-entry\\.ts'\\)`));
    }
  });

  it('starts threads only in the worker pool, never from a string', () => {
    const starters = sourcesUnder('electron').filter((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return /new Worker\(/.test(text) || /eval:\s*true/.test(text);
    });
    expect(starters).toEqual([path.join('electron', 'workers', 'worker-pool.ts')]);
  });

  it('looks in out/main under the working directory from an ES module bundle (no __dirname)', () => {
    expect(workerScriptCandidates('w.js', null, false, '/repo')).toEqual(['/repo/out/main/w.js']);
  });
});
