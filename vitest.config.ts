// SPDX-License-Identifier: GPL-3.0-or-later
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Three projects: plain-Node modules (main process, CLI), React components under happy-dom, and the
 * sync tests (test/sync: real Syncthing processes on 127.0.0.1, issue #18), which get longer
 * timeouts and run one file at a time so two clusters never compete for the two cores.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/electron/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          // The built main bundle (main-bundle.test.ts) must not build the real clock check: no test
          // sends a packet off the machine (electron/time/time-check.ts).
          env: { TESSERA_TIME_CHECK: 'off' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'sync',
          environment: 'node',
          include: ['test/sync/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 90_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});
