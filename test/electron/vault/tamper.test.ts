// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Hostile files: every single-byte change of a small vault, every truncation, edited KDF
 * parameters and versions. Each must be refused with one of the five error kinds, and opening
 * must never change the file on disk.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInlineKdf,
  createVault,
  inspectVault,
  KDF_FLOOR,
  unlockVault,
  VaultError,
  type Kdf,
  type VaultErrorKind,
  type VaultOptions,
} from '../../../electron/vault';
import { digestOf, rewriteHeader } from './helpers/container';
import { createFakeKdf, fastOptions, hotpEntry, makeTempDir, spyKdf, totpEntry } from './helpers/fakes';

const PASSWORD = 'tamper test password';
const KINDS: readonly VaultErrorKind[] = [
  'unsupported-version',
  'corrupt',
  'wrong-password-or-tampered',
  'payload-tampered',
  'io',
];

let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
let original: Uint8Array;

beforeAll(async () => {
  tmp = makeTempDir();
  opts = fastOptions(tmp.dir);
  const v = await createVault(opts, PASSWORD);
  await v.add([hotpEntry({ issuer: 'B', account: 'b' })]);
  v.lock();
  original = new Uint8Array(readFileSync(opts.path));
});
afterAll(() => tmp.cleanup());

/** Writes `bytes` as the vault, tries to open it, and returns the error kind (or 'opened'). */
async function attempt(bytes: Uint8Array, kdf: Kdf = createFakeKdf()): Promise<VaultErrorKind | 'opened'> {
  writeFileSync(opts.path, bytes);
  const before = digestOf(opts.path);
  const outcome = await unlockVault({ ...opts, kdf }, PASSWORD).then(
    (v) => {
      v.lock();
      return 'opened' as const;
    },
    (error: unknown) => error,
  );
  // Plain checks in this hot loop (thousands of calls): vitest's expect is comparatively slow.
  if (digestOf(opts.path) !== before) throw new Error('opening a vault changed the file on disk');
  if (outcome === 'opened') return outcome;
  if (!(outcome instanceof VaultError)) throw outcome;
  if (!KINDS.includes(outcome.kind)) throw new Error(`unknown error kind ${outcome.kind}`);
  return outcome.kind;
}

describe('tamper matrix (fake KDF)', () => {
  it('opens the untouched file', async () => {
    expect(await attempt(original)).toBe('opened');
  });

  it('refuses every single-byte change at every offset (two different changes per byte)', async () => {
    expect(original.length).toBeGreaterThan(400);
    const counts = new Map<string, number>();
    for (let i = 0; i < original.length; i++) {
      for (const mask of [0x01, 0xa5]) {
        const bytes = original.slice();
        bytes[i] = (bytes[i] ?? 0) ^ mask;
        const kind = await attempt(bytes);
        if (kind === 'opened') throw new Error(`a change at offset ${i} (xor ${mask}) was accepted`);
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
    }
    // Each region of the file is reached: prefix/header parse, slot, payload.
    expect(counts.get('corrupt')).toBeGreaterThan(0);
    expect(counts.get('wrong-password-or-tampered')).toBeGreaterThan(0);
    expect(counts.get('payload-tampered')).toBeGreaterThan(0);
    expect(counts.get('unsupported-version')).toBeGreaterThan(0);
    // Opening never leaves files behind: no temp or lock file beside the vault and its previous generation.
    expect(readdirSync(tmp.dir).sort()).toEqual(['vault.tessera', 'vault.tessera.prev']);
  });

  it('refuses every truncation and an appended byte', async () => {
    for (let len = 0; len < original.length; len++) {
      const kind = await attempt(original.slice(0, len));
      if (kind === 'opened') throw new Error(`a file cut to ${len} bytes was accepted`);
    }
    const longer = new Uint8Array(original.length + 1);
    longer.set(original);
    expect(await attempt(longer)).toBe('payload-tampered');
  });

  it('refuses an oversize header length and a zero one as corrupt', async () => {
    for (const len of [0, 64 * 1024 + 1, 0xffffffff]) {
      const bytes = original.slice();
      new DataView(bytes.buffer).setUint32(10, len, true);
      expect(await attempt(bytes)).toBe('corrupt');
    }
  });

  it('refuses a newer format version as unsupported-version and version 0 as corrupt, without deriving', async () => {
    const spy = spyKdf(createFakeKdf());
    const newer = original.slice();
    new DataView(newer.buffer).setUint16(8, 3, true);
    expect(await attempt(newer, spy)).toBe('unsupported-version');
    await expect(inspectVault(opts.path)).rejects.toMatchObject({ kind: 'unsupported-version' });
    const zero = original.slice();
    new DataView(zero.buffer).setUint16(8, 0, true);
    expect(await attempt(zero, spy)).toBe('corrupt');
    expect(spy.calls).toHaveLength(0);
  });

  it('refuses an edited header that still parses as payload-tampered', async () => {
    const edited = rewriteHeader(original, (h) => h.replace(/"createdAt":\d+/, '"createdAt":1'));
    expect(await attempt(edited)).toBe('payload-tampered');
  });

  it('refuses a header with unknown fields, a BOM or non-canonical base64 as corrupt', async () => {
    expect(await attempt(rewriteHeader(original, (h) => h.replace('{', '{"extra":1,')))).toBe('corrupt');
    expect(await attempt(rewriteHeader(original, (h) => `\ufeff${h}`))).toBe('corrupt');
    expect(await attempt(rewriteHeader(original, (h) => h.replace(/"salt":"([^"]*)=="/, '"salt":"$1="')))).toBe(
      'corrupt',
    );
  });
});

describe('KDF bounds are checked before deriving', () => {
  const cases: [string, (h: string) => string][] = [
    ['opslimit below the floor', (h) => h.replace('"opslimit":2', '"opslimit":1')],
    ['memlimit below the floor', (h) => h.replace('"memlimit":67108864', '"memlimit":67107840')],
    ['opslimit above the ceiling', (h) => h.replace('"opslimit":2', '"opslimit":11')],
    ['memlimit above the ceiling', (h) => h.replace('"memlimit":67108864', '"memlimit":1074790400')],
    ['memlimit not whole KiB', (h) => h.replace('"memlimit":67108864', '"memlimit":67108865')],
    ['absurd memlimit', (h) => h.replace('"memlimit":67108864', '"memlimit":9007199254740991')],
  ];
  it.each(cases)('%s: corrupt (kdf-out-of-bounds), no derivation, file unchanged', async (_name, edit) => {
    const edited = rewriteHeader(original, edit);
    expect(edited).not.toEqual(original);
    const spy = spyKdf(createFakeKdf());
    writeFileSync(opts.path, edited);
    const error = await unlockVault({ ...opts, kdf: spy }, PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'corrupt', reason: 'kdf-out-of-bounds' });
    expect((error as VaultError).message).toMatch(/key-derivation settings/);
    expect(spy.calls).toHaveLength(0);
    await expect(inspectVault(opts.path)).rejects.toMatchObject({ reason: 'kdf-out-of-bounds' });
  });
});

describe('tamper spots with real Argon2id', () => {
  let realFile: Uint8Array;
  const real = (): VaultOptions => ({ path: opts.path, kdf: createInlineKdf(), kdfParams: KDF_FLOOR });

  beforeAll(async () => {
    const t = makeTempDir();
    const v = await createVault({ ...real(), path: `${t.dir}/v.tessera` }, PASSWORD);
    await v.add([totpEntry()]);
    v.lock();
    realFile = new Uint8Array(readFileSync(`${t.dir}/v.tessera`));
    t.cleanup();
  });

  it('refuses edits to the salt, the wrapped key, the payload nonce, the ciphertext and the tag', async () => {
    const text = new TextDecoder('latin1').decode(realFile);
    const headerEnd = 14 + new DataView(realFile.buffer, realFile.byteOffset).getUint32(10, true);
    const spots: [string, number, VaultErrorKind][] = [
      ['salt', text.indexOf('"salt":"') + 9, 'wrong-password-or-tampered'],
      ['slot nonce', text.indexOf('"nonce":"') + 10, 'wrong-password-or-tampered'],
      ['wrapped key', text.indexOf('"wrappedKey":"') + 15, 'wrong-password-or-tampered'],
      ['payload nonce', headerEnd + 3, 'payload-tampered'],
      ['ciphertext', headerEnd + 30, 'payload-tampered'],
      ['tag', realFile.length - 1, 'payload-tampered'],
    ];
    for (const [name, offset, kind] of spots) {
      const bytes = realFile.slice();
      // Swap a base64 letter for another letter (still valid base64), or flip a binary bit.
      bytes[offset] = offset < headerEnd ? ((bytes[offset] ?? 0) === 0x41 ? 0x42 : 0x41) : (bytes[offset] ?? 0) ^ 0x01;
      expect([name, await attempt(bytes, createInlineKdf())]).toEqual([name, kind]);
    }
    expect(await attempt(realFile, createInlineKdf())).toBe('opened');
  });
});
