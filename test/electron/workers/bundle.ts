// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bundles entries the way electron-vite builds out/main: CommonJS, every package left as
 * `require()`, each entry as `<name>.js` side by side and the shared code in `chunks/`. Tests use it
 * to run a pool from a bundle with its worker entry beside it, as the app and the CLI do. The
 * output goes under node_modules/.cache so the packages' requires resolve from the project.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rolldown } from 'rolldown';

export const ROOT = path.resolve(__dirname, '../../..');

/** Bundles `entries` (output name → source path from the repository root) into a fresh folder and returns it. */
export async function bundleLikeOutMain(name: string, entries: Readonly<Record<string, string>>): Promise<string> {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'tessera-worker-tests', `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const input = Object.fromEntries(Object.entries(entries).map(([out, source]) => [out, path.join(ROOT, source)]));
  const bundle = await rolldown({
    input,
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    logLevel: 'warn',
  });
  try {
    await bundle.write({ dir, format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' });
  } finally {
    await bundle.close();
  }
  return dir;
}

/** The entry name electron-vite gives a worker file: `kdf-worker.js` → `kdf-worker`. */
export function entryName(workerFile: string): string {
  return workerFile.replace(/\.js$/, '');
}
