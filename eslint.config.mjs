// SPDX-License-Identifier: GPL-3.0-or-later
// Lint, including the process-boundary rules of ARCHITECTURE.md §2: pure modules never import
// `electron`, and the renderer never imports Node or main-process runtime code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'vm',
  'worker_threads',
  'zlib',
];

const noElectron = {
  name: 'electron',
  message: 'Pure modules never import electron (ARCHITECTURE.md §2); inject an adapter from electron/platform.',
};

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
    // Plain-Node modules: no electron at all, not even types, so they run under vitest and the CLI.
    files: ['electron/{vault,otp,import,export,cli,services,time,workers}/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // IPC: only register.ts touches Electron at run time; the rest is pure and unit-tested.
    files: ['electron/ipc/**/*.ts'],
    ignores: ['electron/ipc/register.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...noElectron, allowTypeImports: true }] }],
    },
  },
  {
    // The pure parts of main (options, CSP, protocol resolution): types from electron only.
    files: ['electron/main/{csp,window-options,protocol,hardening,smoke,start-failure}.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...noElectron, allowTypeImports: true }] }],
    },
  },
  {
    // The sandboxed preload can require only electron's renderer modules: no Node built-ins.
    files: ['electron/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: NODE_BUILTINS, patterns: [{ group: ['node:*'], message: 'The sandboxed preload has no Node.js.' }] },
      ],
    },
  },
  {
    // The renderer is untrusted: no electron, no Node, and only types from the main-process side.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer never imports electron; use renderer/api.ts.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer has no Node.js.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.js.' },
            {
              group: ['**/electron/**', '!**/electron/ipc/contract'],
              message: 'The renderer may import only types from electron/ipc/contract.ts.',
            },
            {
              group: ['**/electron/ipc/contract'],
              allowTypeImports: true,
              message: 'Import the contract with `import type` only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
