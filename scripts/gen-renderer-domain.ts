// SPDX-License-Identifier: GPL-3.0-or-later
/** `npm run gen:domain`: rewrites renderer/shared/domain-values.ts from electron/domain. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDomainValues, RENDERER_DOMAIN_FILE } from './lib/renderer-domain';

const root = process.cwd();
writeFileSync(path.join(root, RENDERER_DOMAIN_FILE), await renderDomainValues(root));
console.log(`wrote ${RENDERER_DOMAIN_FILE}`);
