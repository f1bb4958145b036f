// SPDX-License-Identifier: GPL-3.0-or-later
// Lint, including the process-boundary rule `tessera/boundaries` (eslint/boundaries.mjs): every
// file under electron/ and renderer/ is put in a layer, and every import it makes must be allowed
// by that rule's table.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tessera from './eslint/boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      '.cache/**',
      'out/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Deny by default: a layer imports only what the table in eslint/layers.mjs allows it.
    files: ['electron/**/*.{ts,tsx,mts,cts,js,mjs,cjs}', 'renderer/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    plugins: { tessera },
    rules: { 'tessera/boundaries': 'error' },
  },
  {
    // The renderer runs in the browser (its import boundaries are tessera/boundaries).
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
