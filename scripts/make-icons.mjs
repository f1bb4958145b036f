#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Renders the app icon from its one source, `build/icon.svg`, into every raster electron-builder and
 * the app use:
 *
 * - `build/icon.png` (1024 px): macOS (electron-builder derives the .icns from it) and the fallback;
 * - `build/icons/NxN.png` (16 … 512 px): the Linux icon set (desktop entry, AppImage, deb);
 * - `build/icon.ico`: Windows (16 … 256 px, PNG-compressed entries, written here without a library);
 * - `build/tray/tray.png` (16 px) and `tray@2x.png` (32 px): the tray icon; electron-builder copies
 *   `build/tray/` to `<resources>/tray/` (`extraResources`), and `nativeImage` picks `@2x` on HiDPI.
 *
 * Uses `@resvg/resvg-js` (prebuilt binaries as optional dependencies, no install script, offline).
 * Usage: `node scripts/make-icons.mjs` to (re)write the files; `--check` to only verify that the
 * committed files match the SVG (exit 1 if any is missing or stale).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
const source = path.join(buildDir, 'icon.svg');

/** Linux icon-set sizes (electron-builder reads them from `build/icons/NxN.png`). */
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
/** Sizes embedded in the Windows .ico (electron-builder requires one of at least 256 px). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/**
 * Renders the SVG to a PNG of the given square size.
 * @param {string} svg SVG source text
 * @param {number} size edge length in pixels
 * @returns {Buffer} PNG bytes
 */
export function renderPng(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
    shapeRendering: 2, // geometricPrecision: anti-aliased edges
  });
  return resvg.render().asPng();
}

/**
 * Packs PNG images into a Windows .ico container (PNG-compressed entries, supported since Vista).
 * @param {{ size: number, png: Buffer }[]} images square images, each at most 256 px
 * @returns {Buffer} the .ico file
 */
export function packIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    if (size < 1 || size > 256) throw new RangeError(`ico entry size ${size} out of range`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size === 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // palette colours
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/**
 * Every output file and its expected bytes.
 * @param {string} svg SVG source text
 * @returns {Map<string, Buffer>} path relative to the repository root → bytes
 */
export function planOutputs(svg) {
  const cache = new Map();
  const png = (size) => {
    if (!cache.has(size)) cache.set(size, renderPng(svg, size));
    return cache.get(size);
  };
  const out = new Map();
  out.set('build/icon.png', png(1024));
  for (const s of LINUX_SIZES) out.set(`build/icons/${s}x${s}.png`, png(s));
  out.set('build/icon.ico', packIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  out.set('build/tray/tray.png', png(16));
  out.set('build/tray/tray@2x.png', png(32));
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const started = performance.now();
  const outputs = planOutputs(readFileSync(source, 'utf8'));
  const stale = [];
  for (const [rel, bytes] of outputs) {
    const file = path.join(root, rel);
    const same = existsSync(file) && readFileSync(file).equals(bytes);
    if (check) {
      if (!same) stale.push(rel);
      continue;
    }
    if (!same) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    console.log(`${same ? 'unchanged' : 'wrote    '} ${rel} (${bytes.length} bytes)`);
  }
  const ms = Math.round(performance.now() - started);
  if (check) {
    if (stale.length) {
      console.error(`icons out of date (run node scripts/make-icons.mjs):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`icons up to date (${outputs.size} files, ${ms} ms)`);
    return;
  }
  console.log(`${outputs.size} files from build/icon.svg in ${ms} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
