// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock as the built app wires it (out/main/index.js under the Electron double): main hands
 * the services the Electron adapters (electron/platform/quick-unlock-adapters.ts), so what the
 * window is told follows the keyring `safeStorage` reports, not the services' "no ports" default.
 * Nothing here imports the adapter's source: that would load the real `electron` module.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadMainBundle, type LoadedMain } from './load-main-bundle';

let loaded: LoadedMain[] = [];
afterEach(async () => {
  for (const main of loaded) await main.dispose();
  loaded = [];
});

/** Loads the built app; `before` sets the double's levers before Electron is ready. */
async function started(before: (main: LoadedMain) => void = () => undefined): Promise<LoadedMain> {
  const main = loadMainBundle();
  loaded.push(main);
  before(main);
  await main.ready();
  return main;
}

async function status(main: LoadedMain): Promise<Record<string, unknown>> {
  const answer = (await main.invoke('quick-unlock:status', null)) as { ok: boolean; value: Record<string, unknown> };
  expect(answer.ok).toBe(true);
  return answer.value;
}

describe('quick unlock in the built app', () => {
  it('asks safeStorage: with no keyring it is unavailable, and says so', async () => {
    const main = await started();
    expect(await status(main)).toMatchObject({
      available: false,
      unavailableReason: expect.stringMatching(/^This computer offers no keyring Tessera can use/),
    });
  });

  it('is available once the keyring is a real one', async () => {
    const main = await started();
    main.electron.safeStorage.asyncAvailable = true;
    main.electron.safeStorage.backend = 'gnome_libsecret';
    expect(await status(main)).toMatchObject({ available: true, unavailableReason: null });
  });

  it.runIf(process.platform === 'linux')('refuses Linux’s basic_text backend, naming it', async () => {
    const main = await started();
    main.electron.safeStorage.asyncAvailable = true;
    main.electron.safeStorage.backend = 'basic_text';
    expect(await status(main)).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining('(basic_text)'),
    });
  });

  it('offers Touch ID only on macOS, even where the system could prompt', async () => {
    const main = await started((m) => {
      m.electron.touchId.canPrompt = true;
      m.electron.safeStorage.asyncAvailable = true;
      m.electron.safeStorage.backend = 'gnome_libsecret';
    });
    expect(await status(main)).toMatchObject({ touchIdAvailable: process.platform === 'darwin' });
  });
});
