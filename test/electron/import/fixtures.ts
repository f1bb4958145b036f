// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tessera's own import fixtures (test/fixtures/import/<format id>/): files written for each variant
 * of each format from the format's rules, beside an `expected.json` that says what each file must
 * import to. The corpus (test/helpers/corpus.ts) holds other projects' files; these fill the
 * variants it lacks. Every test that walks all fixtures (golden, detection, fuzzing) reads them here.
 *
 * expected.json:
 * ```
 * { "about": "how the files were made (the script, the library, the spec)",
 *   "files": { "<file>": {
 *       "variant": "what ImportResult.variant must say",
 *       "password": "…" | null,
 *       "detection": "content" | "name",   // "name": the format has no magic, its file name decides
 *       "cheapKdf": true,                    // fuzz with the password (the KDF costs milliseconds)
 *       "entries": [ { type, issuer, name, secret, algorithm, digits, period | counter,
 *                      tags?, iconMime?, notes?, favourite? } ],   // each extra compared when given
 *                      (tags: the groups, tags or folders, in order; iconMime: the embedded icon's type, or null)
 *       "skipped": [ { "label": "…", "reason": "a part of the reason" } ],
 *       "notices": [ { "label": "…", "reason": "a part of the reason" } ] } } }   // imported, a part left out
 * ```
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImportFormatId, ImportedEntry } from '../../../electron/import';
import { comparable, type ExpectedEntry } from './expected';

export const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/import');

export interface FixtureEntry extends ExpectedEntry {
  readonly tags?: readonly string[];
  readonly iconMime?: string | null;
  readonly notes?: string;
  readonly favourite?: boolean;
}

export interface FixtureSpec {
  readonly variant: string;
  readonly password?: string | null;
  readonly detection?: 'content' | 'name';
  readonly cheapKdf?: boolean;
  readonly entries: readonly FixtureEntry[];
  readonly skipped?: readonly { readonly label: string; readonly reason: string }[];
  readonly notices?: readonly { readonly label: string; readonly reason: string }[];
}

export interface Fixture extends FixtureSpec {
  readonly format: ImportFormatId;
  /** `<format>/<file>`, for test titles. */
  readonly rel: string;
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** Every fixture of every format, sorted by path. */
export function allFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const format of readdirSync(FIXTURES_DIR).sort()) {
    const dir = path.join(FIXTURES_DIR, format);
    if (!statSync(dir).isDirectory()) continue;
    const spec = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
      files: Record<string, FixtureSpec>;
    };
    for (const [file, f] of Object.entries(spec.files).sort(([a], [b]) => a.localeCompare(b))) {
      out.push({
        ...f,
        format: format as ImportFormatId,
        rel: `${format}/${file}`,
        file,
        bytes: new Uint8Array(readFileSync(path.join(dir, file))),
      });
    }
  }
  return out;
}

/** An imported entry in a fixture's shape: the corpus fields, plus the extras the fixture names. */
export function comparableTo(e: ImportedEntry, want: FixtureEntry): FixtureEntry {
  return {
    ...comparable(e),
    ...('tags' in want ? { tags: [...(e.tags ?? [])] } : {}),
    ...('iconMime' in want ? { iconMime: e.iconImage?.mime ?? null } : {}),
    ...('notes' in want ? { notes: e.notes ?? '' } : {}),
    ...('favourite' in want ? { favourite: e.favourite ?? false } : {}),
  };
}
