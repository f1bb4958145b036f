// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The QR images of the shared corpus (its qr/ folder, found by test/helpers/corpus-path.ts) with their expected
 * texts, read through test/helpers/corpus.ts. Shared by the decoder tests and the benchmark.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One corpus image and what it must decode to. */
export interface CorpusImage {
  /** Path relative to the corpus folder, e.g. `qr/screenshots/1920x1080_otpauth_plain_m4.png`. */
  readonly rel: string;
  readonly file: string;
  /**
   * `screenshots/`: one expected text per line (every one must be found). `zxing-cpp/`: the whole
   * file is one code's text (several lines when the code holds line breaks).
   */
  readonly expected: readonly string[];
}

const IMAGE_RE = /\.(png|jpe?g|webp|bmp|gif)$/i;

/** Normalises a text for comparison: CRLF → LF, trailing whitespace removed (corpus README). */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}

/** Every image of `qr/<set>/` (recursively) that has a `.txt` beside it. */
export function corpusImages(corpusDir: string, set: 'screenshots' | 'zxing-cpp'): CorpusImage[] {
  const root = path.join(corpusDir, 'qr', set);
  const out: CorpusImage[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, name.name);
      if (name.isDirectory()) walk(full);
      else if (IMAGE_RE.test(name.name)) {
        const txt = full.replace(IMAGE_RE, '.txt');
        if (!existsSync(txt)) continue;
        const raw = readFileSync(txt, 'utf8');
        const expected =
          set === 'screenshots'
            ? normaliseText(raw)
                .split('\n')
                .filter((line) => line !== '')
            : [normaliseText(raw)];
        out.push({ rel: path.relative(corpusDir, full), file: full, expected });
      }
    }
  };
  walk(root);
  return out;
}

/** Whether every expected text is among the decoded ones. */
export function allFound(image: CorpusImage, decoded: readonly string[]): boolean {
  const got = new Set(decoded.map(normaliseText));
  return image.expected.every((e) => got.has(e));
}
