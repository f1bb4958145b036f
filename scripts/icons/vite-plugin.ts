// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The build step of the bundled icon set: electron.vite.config.ts adds this plugin to the main
 * build, which writes out/main/icons/{index.json,data.bin,NOTICE.md} beside the main bundle and
 * the CLI (electron/icons/bundled-files.ts finds them there; electron-builder packs out/**). The
 * icon packages are devDependencies: only the generated files ship, a few megabytes instead of the
 * packages' tens, and nothing is read from node_modules or the network at run time.
 */
import type { Plugin } from 'vite';
import { BUNDLED_DATA_FILE, BUNDLED_ICONS_DIR, BUNDLED_INDEX_FILE } from '../../electron/icons/bundled-format';
import { renderIconCredits } from './docs-sections';
import { generateBundledIcons, indexJson } from './generate';

export function bundledIconsPlugin(root: string): Plugin {
  return {
    name: 'tessera-bundled-icons',
    generateBundle() {
      const { index, data, report } = generateBundledIcons(root);
      const emit = (name: string, source: string | Uint8Array): void => {
        this.emitFile({ type: 'asset', fileName: `${BUNDLED_ICONS_DIR}/${name}`, source });
      };
      emit(BUNDLED_INDEX_FILE, indexJson(index));
      emit(BUNDLED_DATA_FILE, data);
      emit('NOTICE.md', `# Bundled issuer icons\n\n${renderIconCredits(index)}`);
      const skipped = report.dropped.filter((d) => !d.reason.startsWith('licence'));
      for (const d of skipped) this.warn(`bundled icon '${d.id}' left out: ${d.reason}`);
    },
  };
}
