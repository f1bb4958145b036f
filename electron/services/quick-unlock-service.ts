// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock: opening the vault on this computer with a PIN or Touch ID instead of the master
 * password (docs/security.md, "Quick unlock"). Plain Node; the OS keyring and Touch ID are ports
 * (quick-unlock-ports.ts).
 *
 * The material is this computer's, never the vault's: the vault's data key wrapped under a
 * key-encryption key (kek) — for a PIN, Argon2id of the PIN; for Touch ID, random — all of it then
 * sealed by the OS keyring to this OS account. It is kept in memory only when "ask for the master
 * password after a restart" is on, else in `<app data folder>/quick-unlock.json` (0600), never
 * beside the vault, in its backups or in a synced folder. A copied folder is useless without the
 * OS account; five wrong PINs in a row destroy it; it expires after the chosen number of days;
 * a re-key of the vault (a password change here or elsewhere) makes it stale, and it is dropped.
 *
 * What it does not stop, said in docs/security.md: malware running as this OS user can unseal the
 * material and try every PIN offline; Touch ID is a presence check, the keyring is the protection.
 */
import path from 'node:path';
import { rm, readFile } from 'node:fs/promises';
import {
  isPinShaped,
  QUICK_UNLOCK_LIMITS,
  type Clock,
  type QuickUnlockMethod,
  type QuickUnlockStatus,
  type Settings,
  type VaultStatus,
} from '../domain';
import {
  inspectVault,
  VaultError,
  writePrivateFile,
  type DataKeyWrap,
  type Kdf,
  type KdfParams,
  type UnlockedVault,
} from '../vault';
import { QuickUnlockError } from './errors';
import type { QuickUnlockPorts } from './quick-unlock-ports';
import type { VaultService } from './vault-service';

export const QUICK_UNLOCK_FILE_NAME = 'quick-unlock.json';
/** Argon2id for a PIN: slower than the floor, so each guess costs a few tenths of a second here. */
export const PIN_KDF: KdfParams = Object.freeze({ opslimit: 3, memlimit: 128 * 1024 * 1024 });
const DAY_MS = 86_400_000;

export interface QuickUnlockService {
  status(): Promise<QuickUnlockStatus>;
  /** After the master password (checked here): sets up quick unlock for the open vault. */
  enable(method: QuickUnlockMethod, pin: string | null, password: string): Promise<QuickUnlockStatus>;
  disable(): Promise<QuickUnlockStatus>;
  /** Opens the locked vault with the PIN (or Touch ID: `pin` null). */
  unlock(pin: string | null): Promise<VaultStatus>;
  /**
   * `vault` was re-keyed here (VaultOptions.onRekeyed: a password change, a recovery, a new or
   * removed recovery key): Touch ID's material is wrapped again for the new data key; a PIN's ends
   * (only the person can make it again).
   */
  rekeyed(vault: UnlockedVault): Promise<void>;
  /** The vault was opened with the master password: Touch ID's material stale from a re-key elsewhere is renewed. */
  unlocked(): Promise<void>;
}

export interface QuickUnlockServiceDeps {
  readonly ports: QuickUnlockPorts;
  /** This computer's app data folder. */
  readonly dataFolder: string;
  readonly vaultPath: string;
  readonly vault: VaultService;
  /** The KDF for the PIN (the vault's own). */
  readonly kdf: Kdf;
  readonly clock: Clock;
  readonly settings: () => Settings;
  readonly randomBytes?: (n: number) => Uint8Array;
  readonly emit: (status: QuickUnlockStatus) => void;
}

/** What the keyring seals: the way to the data key. */
interface Secret {
  readonly pin: { readonly salt: string; readonly opslimit: number; readonly memlimit: number } | null;
  /** Touch ID: the kek itself (base64); the keyring is the protection. */
  readonly kek: string | null;
  readonly nonce: string;
  readonly wrapped: string;
  /** Wrong PINs in a row (the count that matters; `Material.failures` mirrors it for display). */
  readonly failures: number;
}

/** The stored record: plain facts for the status, and the sealed secret. */
interface Material {
  readonly v: 1;
  readonly vaultId: string;
  readonly method: QuickUnlockMethod;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly failures: number;
  /** base64 of the keyring's sealed `Secret` JSON. */
  readonly sealed: string;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

function isMaterial(value: unknown): value is Material {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    m.v === 1 &&
    typeof m.vaultId === 'string' &&
    (m.method === 'pin' || m.method === 'touch-id') &&
    Number.isSafeInteger(m.createdAt) &&
    Number.isSafeInteger(m.expiresAt) &&
    Number.isSafeInteger(m.failures) &&
    typeof m.sealed === 'string'
  );
}

function isSecret(value: unknown): value is Secret {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const pin = s.pin as Record<string, unknown> | null;
  return (
    (pin === null ||
      (typeof pin === 'object' &&
        typeof pin.salt === 'string' &&
        Number.isSafeInteger(pin.opslimit) &&
        Number.isSafeInteger(pin.memlimit))) &&
    (s.kek === null || typeof s.kek === 'string') &&
    typeof s.nonce === 'string' &&
    typeof s.wrapped === 'string' &&
    Number.isSafeInteger(s.failures)
  );
}

export function createQuickUnlockService(deps: QuickUnlockServiceDeps): QuickUnlockService {
  const file = path.join(deps.dataFolder, QUICK_UNLOCK_FILE_NAME);
  const randomBytes = deps.randomBytes ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  /** The material while "until restart" keeps it in memory only. */
  let inMemory: Material | null = null;
  /** Why quick unlock stopped, until it is set up again or switched off. */
  let lapsedReason: string | null = null;

  async function load(): Promise<Material | null> {
    if (inMemory) return inMemory;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return null;
    }
    try {
      const value: unknown = JSON.parse(text);
      return isMaterial(value) ? value : null;
    } catch {
      return null;
    }
  }

  async function store(material: Material, untilRestart: boolean): Promise<void> {
    if (untilRestart) {
      inMemory = material;
      await rm(file, { force: true });
    } else {
      inMemory = null;
      await writePrivateFile(file, `${JSON.stringify(material)}\n`, { createFolder: true });
    }
  }

  async function drop(reason: string | null): Promise<void> {
    inMemory = null;
    await rm(file, { force: true });
    lapsedReason = reason;
  }

  async function status(): Promise<QuickUnlockStatus> {
    const store = deps.ports.store;
    const check = store ? await store.check() : null;
    const available = check?.usable === true;
    const unavailableReason =
      check === null
        ? 'Quick unlock needs the operating system’s keyring, which this build of Tessera cannot reach.'
        : check.usable
          ? null
          : check.reason;
    const material = available ? await load() : null;
    const live = material !== null && material.expiresAt > deps.clock.now();
    return {
      available,
      unavailableReason,
      touchIdAvailable: available && deps.ports.presence?.available() === true,
      enabled: live,
      method: live ? material.method : null,
      expiresAt: live ? material.expiresAt : null,
      untilRestart: live && inMemory !== null,
      attemptsLeft: live && material.method === 'pin' ? QUICK_UNLOCK_LIMITS.maxFailures - material.failures : null,
      lapsedReason,
    };
  }

  async function announce(): Promise<QuickUnlockStatus> {
    const next = await status();
    deps.emit(next);
    return next;
  }

  async function sealSecret(secret: Secret): Promise<string> {
    const store = deps.ports.store;
    if (!store) throw new QuickUnlockError('unavailable', (await status()).unavailableReason ?? '');
    return b64(await store.seal(JSON.stringify(secret)));
  }

  async function derivePinKey(pin: string, params: Secret['pin'] & object): Promise<Uint8Array> {
    const bytes = new TextEncoder().encode(pin.normalize('NFC'));
    try {
      return await deps.kdf.derive(bytes, unb64(params.salt), { opslimit: params.opslimit, memlimit: params.memlimit });
    } finally {
      bytes.fill(0);
    }
  }

  async function enable(method: QuickUnlockMethod, pin: string | null, password: string): Promise<QuickUnlockStatus> {
    const now = await status();
    if (!now.available) throw new QuickUnlockError('unavailable', now.unavailableReason ?? '');
    if (method === 'touch-id' && !now.touchIdAvailable) {
      throw new QuickUnlockError('unavailable', 'Touch ID is not available on this computer. Use a PIN instead.');
    }
    if (method === 'pin' && (pin === null || !isPinShaped(pin))) {
      throw new QuickUnlockError(
        'invalid-pin',
        `A PIN has at least ${QUICK_UNLOCK_LIMITS.pinMinLength} digits or letters (no spaces or symbols).`,
      );
    }
    const vault = deps.vault.open();
    await vault.verifyPassword(password);
    if (method === 'touch-id') await confirmPresence('set up quick unlock for Tessera');
    const pinParams =
      method === 'pin' ? { salt: b64(randomBytes(16)), opslimit: PIN_KDF.opslimit, memlimit: PIN_KDF.memlimit } : null;
    const kek = pinParams && pin !== null ? await derivePinKey(pin, pinParams) : randomBytes(32).slice();
    try {
      const wrap = await vault.wrapForQuickUnlock(kek);
      const secret: Secret = {
        pin: pinParams,
        kek: method === 'touch-id' ? b64(kek) : null,
        nonce: b64(wrap.nonce),
        wrapped: b64(wrap.wrapped),
        failures: 0,
      };
      const at = deps.clock.now();
      const settings = deps.settings();
      await store(
        {
          v: 1,
          vaultId: wrap.vaultId,
          method,
          createdAt: at,
          expiresAt: at + settings.quickUnlockEveryDays * DAY_MS,
          failures: 0,
          sealed: await sealSecret(secret),
        },
        settings.quickUnlockUntilRestart,
      );
    } finally {
      kek.fill(0);
    }
    lapsedReason = null;
    return announce();
  }

  async function confirmPresence(reason: string): Promise<void> {
    const presence = deps.ports.presence;
    if (!presence?.available()) {
      throw new QuickUnlockError('unavailable', 'Touch ID is not available on this computer. Use the master password.');
    }
    try {
      await presence.confirm(reason);
    } catch (cause) {
      throw new QuickUnlockError(
        'cancelled',
        'Touch ID did not confirm it was you. Try again, or use the master password.',
        {
          cause,
        },
      );
    }
  }

  /** Unseals the material's secret; a keyring that no longer opens it ends quick unlock. */
  async function unseal(material: Material): Promise<{ secret: Secret; reseal: boolean }> {
    const store = deps.ports.store;
    let opened: { text: string; shouldReseal: boolean };
    try {
      if (!store) throw new Error('no keyring');
      opened = await store.unseal(unb64(material.sealed));
    } catch {
      return lapse(
        'This computer’s keyring can no longer open what quick unlock stored (the keyring was reset, or this is another ' +
          'computer or account). Unlock with the master password, then turn quick unlock on again in Settings.',
      );
    }
    let secret: unknown;
    try {
      secret = JSON.parse(opened.text);
    } catch {
      secret = null;
    }
    if (!isSecret(secret))
      return lapse(
        'What quick unlock stored is damaged. Unlock with the master password, then turn quick unlock on again in Settings.',
      );
    return { secret, reseal: opened.shouldReseal };
  }

  /** Ends quick unlock with `reason`, says so, and throws it. */
  async function lapse(reason: string): Promise<never> {
    await drop(reason);
    await announce();
    throw new QuickUnlockError('lapsed', reason);
  }

  async function unlock(pin: string | null): Promise<VaultStatus> {
    const material = await load();
    if (!material)
      throw new QuickUnlockError('not-set-up', 'Quick unlock is not set up. Unlock with the master password.');
    const days = deps.settings().quickUnlockEveryDays;
    if (material.expiresAt <= deps.clock.now()) {
      return lapse(
        `Tessera asks for the master password every ${days} ${days === 1 ? 'day' : 'days'}: unlock with it.`,
      );
    }
    const { vaultId } = await inspectVault(deps.vaultPath);
    if (vaultId !== material.vaultId) {
      return lapse('Quick unlock was set up for another vault. Unlock with the master password.');
    }
    const { secret, reseal } = await unseal(material);
    let kek: Uint8Array;
    if (material.method === 'pin') {
      if (pin === null || !isPinShaped(pin) || !secret.pin) {
        throw new QuickUnlockError('invalid-pin', 'Type your PIN.');
      }
      kek = await derivePinKey(pin, secret.pin);
    } else {
      await confirmPresence('unlock Tessera');
      kek = unb64(secret.kek ?? '');
    }
    const wrap: DataKeyWrap = { vaultId, nonce: unb64(secret.nonce), wrapped: unb64(secret.wrapped) };
    try {
      const opened = await deps.vault.unlockWithWrap(kek, wrap);
      if (secret.failures > 0 || reseal) await rewrite(material, { ...secret, failures: 0 });
      lapsedReason = null;
      return opened;
    } catch (error) {
      if (error instanceof VaultError && error.reason === 'quick-unlock-wrong-key') return wrongPin(material, secret);
      if (error instanceof VaultError && error.reason === 'quick-unlock-stale') return stale(material, error.message);
      throw error;
    } finally {
      kek.fill(0);
    }
  }

  /**
   * The vault was re-keyed elsewhere since the material was made. A PIN's material ends (the PIN is
   * never stored, so only the person can make it again); Touch ID's stays, to be renewed with its
   * kept key once the master password has opened the vault (`unlocked`).
   */
  async function stale(material: Material, reason: string): Promise<never> {
    if (material.method === 'pin') return lapse(reason);
    lapsedReason =
      'The master password was changed on another computer. Unlock with it once, and Touch ID works again.';
    await announce();
    throw new QuickUnlockError('lapsed', lapsedReason);
  }

  /** Touch ID's material wraps the open vault's current data key again with its kept key; false if it cannot. */
  async function renew(material: Material, vault: UnlockedVault): Promise<boolean> {
    try {
      const { secret } = await unseal(material);
      const kek = unb64(secret.kek ?? '');
      try {
        const wrap = await vault.wrapForQuickUnlock(kek);
        await rewrite(
          { ...material, vaultId: wrap.vaultId },
          { ...secret, nonce: b64(wrap.nonce), wrapped: b64(wrap.wrapped) },
        );
      } finally {
        kek.fill(0);
      }
      lapsedReason = null;
      await announce();
      return true;
    } catch {
      return false;
    }
  }

  /** Counts a wrong PIN; the last one destroys the material. */
  async function wrongPin(material: Material, secret: Secret): Promise<never> {
    const failures = secret.failures + 1;
    if (failures >= QUICK_UNLOCK_LIMITS.maxFailures) {
      return lapse(
        `${QUICK_UNLOCK_LIMITS.maxFailures} wrong PINs in a row, so quick unlock is now off and what it stored is erased. ` +
          'Unlock with the master password; you can turn quick unlock on again in Settings.',
      );
    }
    await rewrite(material, { ...secret, failures });
    await announce();
    const left = QUICK_UNLOCK_LIMITS.maxFailures - failures;
    throw new QuickUnlockError(
      'wrong-pin',
      `The PIN is wrong. ${left} ${left === 1 ? 'try is' : 'tries are'} left before quick unlock is switched off.`,
    );
  }

  /** Stores the material again with `secret` re-sealed (a new failure count, or the keyring asked for it). */
  async function rewrite(material: Material, secret: Secret): Promise<void> {
    await store({ ...material, failures: secret.failures, sealed: await sealSecret(secret) }, inMemory !== null);
  }

  return {
    status,
    enable,
    async disable() {
      await drop(null);
      return announce();
    },
    unlock,
    async rekeyed(vault) {
      const material = await load();
      if (!material) return;
      if (material.method === 'touch-id' && (await renew(material, vault))) return;
      await drop('The master password was changed, so quick unlock was turned off. Turn it on again in Settings.');
      await announce();
    },
    async unlocked() {
      const material = await load();
      if (material?.method === 'touch-id' && lapsedReason !== null) await renew(material, deps.vault.open());
    },
  };
}
