// SPDX-License-Identifier: GPL-3.0-or-later
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { bundledIconsPlugin } from './scripts/icons/vite-plugin';

/**
 * In `npm run dev` only: drops the production CSP <meta> from index.html, because the React
 * plugin's HMR preamble is an inline script. The dev policy comes as a header from main instead
 * (electron/main/csp.ts); production builds keep the tag.
 */
function devWithoutMetaCsp(): Plugin {
  return {
    name: 'tessera-dev-without-meta-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta[^>]+Content-Security-Policy[^>]*>\s*/i, ''),
  };
}

/**
 * Three builds into out/: main (with the CLI and the worker threads' bodies beside it, same
 * modules), the sandboxed preload as one self-contained CommonJS file, and the React renderer. Each
 * worker body is an entry of its own, `<name>-worker-entry.ts` beside the code it runs, built to
 * out/main/<name>-worker.js, so that it is real, type-checked code; main and the CLI find it beside
 * themselves at run time (electron/workers/locate.ts).
 */
export default defineConfig({
  main: {
    // bundledIconsPlugin: the issuer icons' index and data, generated into out/main/icons/ (scripts/icons/).
    plugins: [externalizeDepsPlugin(), bundledIconsPlugin(__dirname)],
    build: {
      outDir: 'out/main',
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          'kdf-worker': resolve(__dirname, 'electron/vault/kdf-worker-entry.ts'),
          'qr-worker': resolve(__dirname, 'electron/import/qr/qr-worker-entry.ts'),
          'import-worker': resolve(__dirname, 'electron/services/import-worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), devWithoutMetaCsp()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      sourcemap: false,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
