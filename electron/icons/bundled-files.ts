// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the generated icon files are, and reading them. `npm run build` writes them to
 * out/main/icons/ (scripts/icons/vite-plugin.ts, from electron.vite.config.ts), beside the main
 * bundle and the CLI, so both find them beside themselves — or one folder up when this code landed
 * in a shared chunk (out/main/chunks/). In the packaged app that is inside app.asar, which
 * Electron's fs reads.
 *
 * Run from the TypeScript sources (vitest, the Chromium tier's services), the build's copy in
 * out/main is used, like the workers' (electron/workers/locate.ts): `npm run build` first
 * (`npm test` does). An ES module bundle of the sources (scripts/run-ts.mjs) has no `__dirname`
 * and runs in the repository, so out/main under the working directory is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BUNDLED_DATA_FILE,
  BUNDLED_ICONS_DIR,
  BUNDLED_ICONS_FORMAT,
  BUNDLED_INDEX_FILE,
  type BundledIndex,
} from './bundled-format';

function hereDir(): string | null {
  return typeof __dirname === 'string' ? __dirname : null;
}

function fromSources(): boolean {
  return typeof __filename === 'string' && __filename.endsWith('.ts');
}

/** The folders the icon files may be in, in the order they are tried. */
export function bundledIconsDirCandidates(here = hereDir(), sources = fromSources(), cwd = process.cwd()): string[] {
  if (here === null) return [path.join(cwd, 'out', 'main', BUNDLED_ICONS_DIR)];
  const candidates = [path.join(here, BUNDLED_ICONS_DIR), path.join(here, '..', BUNDLED_ICONS_DIR)];
  // electron/icons → the repository root → out/main/icons.
  if (sources) candidates.push(path.join(here, '..', '..', 'out', 'main', BUNDLED_ICONS_DIR));
  return candidates;
}

/**
 * The folder holding index.json and data.bin.
 * @throws Error naming where it looked, and the command that builds the files.
 */
export function bundledIconsDir(exists: (file: string) => boolean = existsSync): string {
  const candidates = bundledIconsDirCandidates();
  const found = candidates.find((dir) => exists(path.join(dir, BUNDLED_INDEX_FILE)));
  if (found) return found;
  throw new Error(`The bundled icons are missing (looked in ${candidates.join(', ')}): run \`npm run build\`.`);
}

/**
 * Parses and checks the index (its format number and the shape the matcher relies on).
 * @throws Error when it is damaged or from another version of Tessera.
 */
export function parseBundledIndex(text: string): BundledIndex {
  const index = JSON.parse(text) as Partial<BundledIndex> | null;
  if (
    index === null ||
    typeof index !== 'object' ||
    index.format !== BUNDLED_ICONS_FORMAT ||
    !Array.isArray(index.icons) ||
    typeof index.names !== 'object' ||
    index.names === null ||
    typeof index.domains !== 'object' ||
    index.domains === null ||
    !Array.isArray(index.featured) ||
    !index.icons.every((icon) => Array.isArray(icon) && icon.length === 6 && typeof icon[0] === 'string')
  ) {
    throw new Error('The bundled icon index is damaged or from another version of Tessera: run `npm run build`.');
  }
  return index as BundledIndex;
}

/** The files of one built icon set: the index now, the pictures' bytes on the first ask. */
export interface BundledIconFiles {
  readonly index: BundledIndex;
  /** One record of data.bin as text. The file is read whole once, on the first call. */
  readRecord(offset: number, length: number): string;
}

/** Reads the icon files in `dir` (bundledIconsDir() by default). */
export function readBundledIconFiles(dir: string = bundledIconsDir()): BundledIconFiles {
  const index = parseBundledIndex(readFileSync(path.join(dir, BUNDLED_INDEX_FILE), 'utf8'));
  let data: Buffer | null = null;
  return {
    index,
    readRecord(offset, length) {
      data ??= readFileSync(path.join(dir, BUNDLED_DATA_FILE));
      if (offset < 0 || length < 0 || offset + length > data.length) {
        throw new Error('The bundled icon data does not match its index: run `npm run build`.');
      }
      return data.toString('utf8', offset, offset + length);
    },
  };
}
