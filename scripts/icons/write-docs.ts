// SPDX-License-Identifier: GPL-3.0-or-later
/** Rewrites the generated sections of docs/icons.md (credits, alias table) from the installed icon packages. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ICON_ALIASES } from './aliases';
import { renderAliasTable, renderIconCredits, withSection } from './docs-sections';
import { generateBundledIcons } from './generate';

const root = process.cwd();
const file = path.join(root, 'docs', 'icons.md');
const { index } = generateBundledIcons(root);
let doc = readFileSync(file, 'utf8');
doc = withSection(doc, 'icon-aliases', renderAliasTable(index, ICON_ALIASES));
doc = withSection(doc, 'icon-credits', renderIconCredits(index));
writeFileSync(file, doc);
console.log(`wrote the generated sections of ${path.relative(root, file)}`);
