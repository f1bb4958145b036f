// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock's Electron adapters (electron/platform/quick-unlock-adapters.ts) under the Electron
 * double: which keyrings protect something, sealing and unsealing passed through as they are, and
 * Touch ID only on a Mac that can prompt for it. What the real binary does is checked where it
 * exists (test/electron-app/quick-unlock.spec.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronDouble, type ElectronDouble } from './electron-double';

const current = vi.hoisted(() => ({ double: null as ElectronDouble | null, reads: [] as string[] }));

// Each test's own double: the adapter reads Electron's members when it runs, not when it loads.
vi.mock('electron', () => {
  const member = (name: string): unknown => {
    if (!current.double) throw new Error('no Electron double for this test');
    current.reads.push(name);
    return (current.double.module as Record<string, unknown>)[name];
  };
  return {
    get safeStorage() {
      return member('safeStorage');
    },
    get systemPreferences() {
      return member('systemPreferences');
    },
  };
});

const { createElectronQuickUnlockPorts, NO_KEYRING_REASON } =
  await import('../../../electron/platform/quick-unlock-adapters');

let e: ElectronDouble;
beforeEach(() => {
  e = createElectronDouble({ userData: '/nonexistent', appPath: '/nonexistent' });
  current.double = e;
  current.reads = [];
});

function keyring(asyncAvailable: boolean, backend: ElectronDouble['safeStorage']['backend']): void {
  e.safeStorage.asyncAvailable = asyncAvailable;
  e.safeStorage.backend = backend;
}

describe('the keyring check', () => {
  it('refuses when safeStorage offers no asynchronous encryption, on every platform', async () => {
    keyring(false, 'gnome_libsecret');
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(await createElectronQuickUnlockPorts(platform).store?.check()).toEqual({
        usable: false,
        reason: NO_KEYRING_REASON,
      });
    }
    expect(NO_KEYRING_REASON).toMatch(/no keyring/);
    expect(NO_KEYRING_REASON).toMatch(/Use the master password\.$/);
  });

  it('refuses Linux’s basic_text backend, saying why and what to install', async () => {
    keyring(true, 'basic_text');
    const check = await createElectronQuickUnlockPorts('linux').store?.check();
    expect(check).toMatchObject({ usable: false });
    const reason = (check as { reason: string }).reason;
    expect(reason).toMatch(/^No Secret Service or KWallet is running \(basic_text\)/);
    expect(reason).toMatch(/could be read by anyone with your files/);
    expect(reason).toMatch(/GNOME Keyring or KWallet/);
    // Plain sentences: no stack, no code.
    expect(reason).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses a backend Linux could not name (unknown)', async () => {
    keyring(true, 'unknown');
    const check = await createElectronQuickUnlockPorts('linux').store?.check();
    expect(check).toMatchObject({ usable: false, reason: expect.stringContaining('(unknown)') });
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)(
    'accepts Linux’s %s backend',
    async (backend) => {
      keyring(true, backend);
      expect(await createElectronQuickUnlockPorts('linux').store?.check()).toEqual({ usable: true });
    },
  );

  it('asks for no Linux backend on macOS and Windows (Keychain, DPAPI)', async () => {
    keyring(true, 'basic_text'); // what Electron would not say there; the adapter must not ask
    const { safeStorage } = e.module as { safeStorage: { getSelectedStorageBackend(): string } };
    const backend = vi.spyOn(safeStorage, 'getSelectedStorageBackend');
    for (const platform of ['darwin', 'win32'] as const) {
      expect(await createElectronQuickUnlockPorts(platform).store?.check()).toEqual({ usable: true });
    }
    expect(backend).not.toHaveBeenCalled();
  });
});

describe('sealing and unsealing', () => {
  it('seals to bytes that are not the text and unseals them back', async () => {
    keyring(true, 'gnome_libsecret');
    const store = createElectronQuickUnlockPorts('linux').store;
    const sealed = await store!.seal('the vault key, wrapped');
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('the vault key');
    expect(await store!.unseal(sealed)).toEqual({ text: 'the vault key, wrapped', shouldReseal: false });
    expect(e.safeStorage.sealed).toEqual(['the vault key, wrapped']);
    expect(e.safeStorage.unsealed).toEqual(['the vault key, wrapped']);
  });

  it('passes on that the keyring rotated its key (shouldReEncrypt → shouldReseal)', async () => {
    keyring(true, 'kwallet6');
    const store = createElectronQuickUnlockPorts('linux').store!;
    const sealed = await store.seal('secret');
    e.safeStorage.shouldReEncrypt = true;
    expect(await store.unseal(sealed)).toEqual({ text: 'secret', shouldReseal: true });
  });

  it('lets a failure through: bytes this keyring did not seal, or no keyring at all', async () => {
    keyring(true, 'gnome_libsecret');
    const store = createElectronQuickUnlockPorts('linux').store!;
    await expect(store.unseal(new Uint8Array([1, 2, 3]))).rejects.toThrow(/decrypting/);
    e.safeStorage.asyncAvailable = false;
    await expect(store.seal('secret')).rejects.toThrow(/not available/);
  });
});

describe('Touch ID', () => {
  it('is offered only on macOS, when the Mac can prompt for it', () => {
    e.touchId.canPrompt = true;
    expect(createElectronQuickUnlockPorts('darwin').presence).not.toBeNull();
    expect(createElectronQuickUnlockPorts('linux').presence).toBeNull();
    expect(createElectronQuickUnlockPorts('win32').presence).toBeNull();
    e.touchId.canPrompt = false;
    expect(createElectronQuickUnlockPorts('darwin').presence).toBeNull();
  });

  it('never asks systemPreferences off macOS (canPromptTouchID exists only there)', () => {
    e.touchId.canPrompt = true;
    createElectronQuickUnlockPorts('linux');
    createElectronQuickUnlockPorts('win32');
    expect(current.reads).not.toContain('systemPreferences');
    createElectronQuickUnlockPorts('darwin');
    expect(current.reads).toContain('systemPreferences');
  });

  it('prompts with the reason, resolves when confirmed and rejects when cancelled', async () => {
    e.touchId.canPrompt = true;
    const presence = createElectronQuickUnlockPorts('darwin').presence!;
    expect(presence.available()).toBe(true);
    await expect(presence.confirm('unlock Tessera')).resolves.toBeUndefined();
    e.touchId.confirms = false;
    await expect(presence.confirm('unlock Tessera')).rejects.toThrow();
    expect(e.touchId.prompts).toEqual(['unlock Tessera', 'unlock Tessera']);
  });

  it('asks again whether it can prompt (a closed lid turns it off while the app runs)', () => {
    e.touchId.canPrompt = true;
    const presence = createElectronQuickUnlockPorts('darwin').presence!;
    e.touchId.canPrompt = false;
    expect(presence.available()).toBe(false);
  });
});
