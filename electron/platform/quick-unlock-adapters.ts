// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Electron adapters behind quick unlock's ports (electron/services/quick-unlock-ports.ts): the
 * OS keyring through Electron's asynchronous `safeStorage` (Keychain on macOS, DPAPI on Windows,
 * Secret Service or KWallet on Linux), and Touch ID as the user-presence check on macOS.
 *
 * Create them after the app is `ready` (main builds the services in `start`, which runs after
 * `whenReady`): before it, Linux reports its keyring backend as `unknown`. Nothing here reads
 * `safeStorage` until the service asks. Thin on purpose: what to seal, when, and what to do with a
 * refusal is decided by the quick-unlock service under plain Node.
 */
import { safeStorage, systemPreferences } from 'electron';
import type { OsSecretStore, QuickUnlockPorts, UserPresence } from '../services/quick-unlock-ports';

type Check = Awaited<ReturnType<OsSecretStore['check']>>;
type LinuxBackend = ReturnType<typeof safeStorage.getSelectedStorageBackend>;

export const NO_KEYRING_REASON =
  'This computer offers no keyring Tessera can use, so quick unlock would protect nothing. Use the master password.';

/** Why a Linux backend protects nothing, or null when it is a real keyring. */
export function linuxBackendRefusal(backend: LinuxBackend): string | null {
  switch (backend) {
    case 'basic_text':
      return (
        'No Secret Service or KWallet is running (basic_text), so anything quick unlock sealed could be read ' +
        'by anyone with your files. Install or unlock a keyring such as GNOME Keyring or KWallet and restart ' +
        'Tessera, or use the master password.'
      );
    case 'unknown':
      return (
        'Tessera could not tell which keyring this computer uses (unknown), so quick unlock would protect ' +
        'nothing. Use the master password.'
      );
    default:
      return null;
  }
}

/** The OS side of quick unlock on this platform; `platform` is for tests. */
export function createElectronQuickUnlockPorts(platform: NodeJS.Platform = process.platform): QuickUnlockPorts {
  return { store: createKeyringStore(platform), presence: createTouchIdPresence(platform) };
}

function createKeyringStore(platform: NodeJS.Platform): OsSecretStore {
  return {
    async check(): Promise<Check> {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return { usable: false, reason: NO_KEYRING_REASON };
      if (platform === 'linux') {
        const refusal = linuxBackendRefusal(safeStorage.getSelectedStorageBackend());
        if (refusal !== null) return { usable: false, reason: refusal };
      }
      return { usable: true };
    },
    async seal(text) {
      return new Uint8Array(await safeStorage.encryptStringAsync(text));
    },
    async unseal(sealed) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed));
      return { text: result, shouldReseal: shouldReEncrypt };
    },
  };
}

/** Touch ID, on a Mac that can prompt for it; null anywhere else. */
function createTouchIdPresence(platform: NodeJS.Platform): UserPresence | null {
  // The platform first: canPromptTouchID exists only on macOS.
  if (platform !== 'darwin' || !systemPreferences.canPromptTouchID()) return null;
  return {
    // Asked again each time: a closed lid or a removed fingerprint turns it off while the app runs.
    available: () => systemPreferences.canPromptTouchID(),
    confirm: (reason) => systemPreferences.promptTouchID(reason),
  };
}
