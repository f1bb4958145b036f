// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock's Electron adapters (electron/platform/quick-unlock-adapters.ts) in the real app's
 * main process: the keyring check against the backend Electron really chose, a seal-and-unseal
 * round trip through `safeStorage`'s asynchronous API, and Touch ID reported only on macOS. The
 * adapter module is bundled for the test (as electron-vite bundles out/main) and loaded into the
 * running app with `app.evaluate`. Runs wherever the Electron binary exists; skipped here with the
 * reason otherwise. The same adapters run under the Electron double in
 * test/electron/main/quick-unlock-adapters.test.ts.
 *
 * Manual only, on a Mac with Touch ID: turn quick unlock on, lock, and unlock with a finger; the
 * prompt shows Tessera's reason, and cancelling it leaves the vault locked.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { createElectronQuickUnlockPorts } from '../../electron/platform/quick-unlock-adapters';
import type { OsSecretStore } from '../../electron/services/quick-unlock-ports';
import { bundleLikeOutMain } from '../electron/workers/bundle';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const ROOT = path.resolve(__dirname, '../..');
const PROBE = 'tessera quick unlock probe: ünïcödé ✓';

/** What the app's main process saw, through the adapters and through safeStorage itself. */
interface Probe {
  readonly platform: NodeJS.Platform;
  readonly asyncAvailable: boolean;
  readonly backend: string | null;
  readonly check: Awaited<ReturnType<OsSecretStore['check']>>;
  readonly roundTrip: { text: string; shouldReseal: boolean; isBytes: boolean; showsText: boolean } | null;
  readonly presence: boolean;
  readonly canPromptTouchID: boolean;
}

test.describe('Electron app: quick unlock adapters', () => {
  test.skip(binary.path === null, binary.reason);

  let bundleDir: string;
  let adapters: string;
  let app: ElectronApplication | null = null;
  let userData: string | null = null;

  test.beforeAll(async () => {
    bundleDir = await bundleLikeOutMain('quick-unlock-adapters', {
      'quick-unlock-adapters': 'electron/platform/quick-unlock-adapters.ts',
    });
    adapters = path.join(bundleDir, 'quick-unlock-adapters.js');
  });

  test.afterAll(() => {
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
    if (userData) rmSync(userData, { recursive: true, force: true });
    userData = null;
  });

  /** Starts the app (after `ready` once its window exists) and probes the adapters inside it. */
  async function probe(switches: readonly string[] = []): Promise<Probe> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-quick-unlock-'));
    userData = dir;
    app = await electron.launch({
      executablePath: binary.path as string,
      args: [ROOT, `--user-data-dir=${dir}`, ...switches],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    });
    await app.firstWindow();
    return app.evaluate(
      async ({ safeStorage, systemPreferences }, [file, text]) => {
        const load = process.getBuiltinModule('node:module').createRequire(file);
        const built = load(file) as { createElectronQuickUnlockPorts: typeof createElectronQuickUnlockPorts };
        const ports = built.createElectronQuickUnlockPorts();
        const store = ports.store as OsSecretStore;
        const asyncAvailable = await safeStorage.isAsyncEncryptionAvailable();
        let roundTrip = null;
        if (asyncAvailable) {
          const sealed = await store.seal(text);
          roundTrip = {
            ...(await store.unseal(sealed)),
            isBytes: sealed instanceof Uint8Array,
            showsText: Buffer.from(sealed).includes(text),
          };
        }
        const touch = (systemPreferences as { canPromptTouchID?: () => boolean }).canPromptTouchID;
        return {
          platform: process.platform,
          asyncAvailable,
          backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
          check: await store.check(),
          roundTrip,
          presence: ports.presence !== null,
          canPromptTouchID: typeof touch === 'function' ? touch.call(systemPreferences) : false,
        };
      },
      [adapters, PROBE] as const,
    );
  }

  test('the keyring check agrees with safeStorage, and what is sealed unseals to the same text', async () => {
    const seen = await probe();
    // Where Linux has no keyring running, basic_text is what is expected; any answer must be a known one.
    if (seen.platform === 'linux') {
      expect(['basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']).toContain(seen.backend);
    }
    const protects = seen.asyncAvailable && !['basic_text', 'unknown'].includes(seen.backend ?? '');
    expect(seen.check.usable, JSON.stringify(seen)).toBe(protects);
    if (!seen.check.usable) expect(seen.check.reason).toMatch(/^[A-Z].*\.$/);
    if (seen.asyncAvailable) {
      expect(seen.roundTrip).toEqual({ text: PROBE, shouldReseal: false, isBytes: true, showsText: false });
    }
  });

  test('Linux’s basic_text backend is refused, naming it (--password-store=basic)', async () => {
    test.skip(process.platform !== 'linux', 'the basic_text backend exists only on Linux');
    const seen = await probe(['--password-store=basic']);
    expect(seen.backend).toBe('basic_text');
    expect(seen.check).toMatchObject({ usable: false, reason: expect.stringContaining('(basic_text)') });
  });

  test('Touch ID is not offered off macOS', async () => {
    test.skip(process.platform === 'darwin', 'manual on macOS: see the note at the top of this file');
    const seen = await probe();
    expect(seen.canPromptTouchID).toBe(false);
    expect(seen.presence).toBe(false);
  });
});
