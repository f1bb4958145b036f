// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Test doubles for the vault: a fast fake KDF, a spy that records KDF calls, deterministic randomness, temporary folders, and sample entries.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  Kdf,
  KdfParams,
  NewVaultEntry,
  VaultContents,
  VaultEntry,
  VaultOptions,
} from '../../../../electron/vault';
import { createVault, KDF_FLOOR } from '../../../../electron/vault';

function u64le(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

/**
 * A KDF that costs microseconds: SHA-256(password ‖ salt ‖ ops ‖ mem), so a wrong password or an
 * edited parameter still gives another key. Plain Node crypto, so child processes need no WASM.
 * Never for production.
 */
export function createFakeKdf(): Kdf {
  return {
    async derive(password: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
      const digest = createHash('sha256')
        .update(password)
        .update(salt)
        .update(u64le(params.opslimit))
        .update(u64le(params.memlimit))
        .digest();
      return new Uint8Array(digest);
    },
  };
}

/** Wraps a KDF and records every call's parameters (and a copy of the password). */
export function spyKdf(inner: Kdf): Kdf & { calls: { params: KdfParams; password: Uint8Array }[] } {
  const calls: { params: KdfParams; password: Uint8Array }[] = [];
  return {
    calls,
    derive(password, salt, params) {
      calls.push({ params: { opslimit: params.opslimit, memlimit: params.memlimit }, password: password.slice() });
      return inner.derive(password, salt, params);
    },
  };
}

/** Deterministic bytes: SHA-256 in counter mode over a seed. Same seed, same sequence. */
export function seededRandom(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      const take = Math.min(block.length, n - filled);
      out.set(block.subarray(0, take), filled);
      filled += take;
    }
    return out;
  };
}

/** A fresh temporary folder (under `base`, default the OS temp folder), removed by the returned cleanup. */
export function makeTempDir(prefix = 'tessera-vault-', base = os.tmpdir()): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(base, prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A folder on tmpfs (/dev/shm) when there is one. For SIGKILL tests only: a killed process leaves
 * the page cache intact, so fsync plays no part in what they check, and tmpfs makes it free.
 */
export function memoryTempDir(prefix: string): { dir: string; cleanup: () => void } {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return makeTempDir(prefix, '/dev/shm');
  } catch {
    return makeTempDir(prefix);
  }
}

/** Options for a vault in `dir` with the fast fake KDF at the floor parameters. */
export function fastOptions(dir: string, extra: Partial<VaultOptions> = {}): VaultOptions {
  return { path: path.join(dir, 'vault.tessera'), kdf: createFakeKdf(), kdfParams: KDF_FLOOR, ...extra };
}

/** RFC 6238's SHA-1 seed, as bytes. */
export const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

/** A valid TOTP entry; override any field. */
export function totpEntry(overrides: Partial<NewVaultEntry> = {}): NewVaultEntry {
  return {
    type: 'totp',
    issuer: 'Example',
    account: 'alice@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: RFC_SECRET.slice(),
    ...overrides,
  };
}

/** A valid HOTP entry; override any field. */
export function hotpEntry(overrides: Partial<NewVaultEntry> = {}): NewVaultEntry {
  return totpEntry({ type: 'hotp', period: null, counter: 0, issuer: 'Counter Inc', ...overrides });
}

/** A valid Steam entry; override any field. */
export function steamEntry(overrides: Partial<NewVaultEntry> = {}): NewVaultEntry {
  return totpEntry({ type: 'steam', digits: 5, issuer: 'Steam', account: 'gamer', ...overrides });
}

/**
 * A fresh vault with one TOTP entry, locked, in its own temp folder: its options and the file's
 * bytes as written, for tests that edit the file and open it again. Call `tmp.cleanup()` after.
 */
export async function oneEntryVault(
  password: string,
): Promise<{ tmp: ReturnType<typeof makeTempDir>; opts: VaultOptions; original: Uint8Array }> {
  const tmp = makeTempDir();
  const opts = fastOptions(tmp.dir);
  const v = await createVault(opts, password);
  await v.add([totpEntry()]);
  v.lock();
  return { tmp, opts, original: new Uint8Array(readFileSync(opts.path)) };
}

/** A complete stored entry (what a payload holds), every merge field at its v1 default; override any field. */
export function storedEntry(overrides: Partial<VaultEntry> = {}): VaultEntry {
  const at = overrides.updatedAt ?? 1;
  return {
    ...totpEntry(),
    id: '1b4e28ba-2fa1-4d2e-883f-0016d3cca427',
    tags: [],
    icon: null,
    favourite: false,
    notes: '',
    conflictNotes: [],
    notesSuperseded: [],
    sortOrder: 0,
    createdAt: 1,
    updatedAt: at,
    changed: { names: at, tags: at, icon: at, favourite: at, notes: at, sortOrder: at },
    ...overrides,
  };
}

/** Vault contents with these entries and nothing else. */
export function contentsOf(entries: readonly VaultEntry[], more: Partial<VaultContents> = {}): VaultContents {
  return { entries, tombstones: [], icons: new Map(), ...more };
}
