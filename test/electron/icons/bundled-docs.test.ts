// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * docs/icons.md carries the credits and the alias table of the bundled set as generated from the
 * installed packages; when a package or the table changes, this fails until
 * `node scripts/run-ts.mjs scripts/icons/write-docs.ts` is run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_ALIASES } from '../../../scripts/icons/aliases';
import { renderAliasTable, renderIconCredits, withSection } from '../../../scripts/icons/docs-sections';
import { generatedIconData, REPO_ROOT } from '../../fixtures/icons/generated-icons';

describe('docs/icons.md', () => {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'icons.md'), 'utf8');
  const { index } = generatedIconData();
  const fix = 'stale: run `node scripts/run-ts.mjs scripts/icons/write-docs.ts`';

  it('credits every set and every icon with a licence of its own', () => {
    expect(withSection(doc, 'icon-credits', renderIconCredits(index)), fix).toBe(doc);
    for (const set of index.sets)
      expect(doc).toContain(`| ${set.name} (\`${set.package}\`) | ${set.version} | ${set.licence} |`);
    for (const credit of index.credits) expect(doc).toContain(`| ${credit.licence} | <${credit.source}> |`);
  });

  it('shows the alias table as the matcher uses it', () => {
    expect(withSection(doc, 'icon-aliases', renderAliasTable(index, ICON_ALIASES)), fix).toBe(doc);
  });

  it('refuses a document without the markers', () => {
    expect(() => withSection('# Icons\n', 'icon-credits', 'x')).toThrow(/no icon-credits markers/);
  });
});
