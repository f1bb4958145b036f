// SPDX-License-Identifier: GPL-3.0-or-later
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Two projects: plain-Node modules (main process, CLI) and React components under happy-dom. */
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
