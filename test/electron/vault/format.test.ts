// SPDX-License-Identifier: GPL-3.0-or-later
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, VaultError, type VaultOptions } from '../../../electron/vault';
import { passwordBytes } from '../../../electron/vault/crypto';
import {
  containerPrefix,
  encodeHeader,
  FORMAT_VERSION,
  MAGIC,
  parseContainer,
  type VaultHeader,
} from '../../../electron/vault/format';
import { decodePayload, encodePayload } from '../../../electron/vault/payload';
import { openPayload, sealVault } from '../../../electron/vault/sealing';
import { passwordSlotAad, unwrapWithPassword } from '../../../electron/vault/slots';
import type { VaultEntry } from '../../../electron/vault/entry';
import { contentsOf, createFakeKdf, fastOptions, makeTempDir, storedEntry, totpEntry } from './helpers/fakes';

/** A format 2 payload, as this build writes it. */
const decodePayload2 = (b: Uint8Array): ReturnType<typeof decodePayload> => decodePayload(b, 2);

const PASSWORD = 'format test';
let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
beforeEach(() => {
  tmp = makeTempDir();
  opts = fastOptions(tmp.dir);
});
afterEach(() => tmp.cleanup());

function corruptOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'corrupt') return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('container', () => {
  it('lays out magic, u16 version, u32 header length, header, nonce, ciphertext', async () => {
    (await createVault(opts, PASSWORD)).lock();
    const file = new Uint8Array(readFileSync(opts.path));
    expect(Array.from(file.subarray(0, 8))).toEqual([0x89, 0x54, 0x53, 0x56, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Array.from(MAGIC)).toEqual(Array.from(file.subarray(0, 8)));
    const view = new DataView(file.buffer, file.byteOffset);
    expect(view.getUint16(8, true)).toBe(FORMAT_VERSION);
    const len = view.getUint32(10, true);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(14, 14 + len))) as Record<string, unknown>;
    expect(Object.keys(header)).toEqual(['vaultId', 'generation', 'createdAt', 'savedAt', 'aead', 'slots']);
    expect(header.aead).toBe('xchacha20poly1305-ietf');
    const parsed = parseContainer(file);
    expect(Array.from(parsed.aad)).toEqual(Array.from(file.subarray(0, 14 + len)));
    expect(parsed.nonce).toHaveLength(24);
    // an empty payload: u32 metaLen + {"entries":[],"tombstones":[],"icons":[]} + 16-byte tag
    expect(parsed.ciphertext).toHaveLength(4 + '{"entries":[],"tombstones":[],"icons":[]}'.length + 16);
    // the header round-trips byte for byte through the encoder
    expect(Array.from(containerPrefix(encodeHeader(parsed.header)))).toEqual(Array.from(parsed.aad));
  });

  it('binds the slot AAD to the id, type, algorithm, parameters and salt in fixed binary order', () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
    const aad = passwordSlotAad({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'password',
      kdf: { alg: 'argon2id13', opslimit: 2, memlimit: 67108864, salt },
    });
    const hex = Buffer.from(aad).toString('hex');
    expect(hex).toBe(
      '895453560d0a1a0a' + // magic
        '0100' + // format version
        '2400' +
        Buffer.from('00000000-0000-4000-8000-000000000001').toString('hex') +
        '0800' +
        Buffer.from('password').toString('hex') +
        '0a00' +
        Buffer.from('argon2id13').toString('hex') +
        '02000000' + // opslimit u32le
        '0000000400000000' + // memlimit u64le = 64 MiB
        '1000' +
        Buffer.from(salt).toString('hex'),
    );
  });

  it('keeps slot types it does not know through saves (room for os-keychain, recovery)', async () => {
    const v = await createVault(opts, PASSWORD);
    v.lock();
    const parsed = parseContainer(new Uint8Array(readFileSync(opts.path)));
    const { dataKey } = await unwrapWithPassword(createFakeKdf(), parsed.header.slots, passwordBytes(PASSWORD));
    const future = {
      id: '11111111-2222-4333-8444-555555555555',
      type: 'os-keychain',
      backend: 'libsecret',
      blob: 'AAAA',
    };
    const header: VaultHeader = {
      ...parsed.header,
      slots: [...parsed.header.slots, { id: future.id, type: future.type, json: future }],
    };
    const payload = await openPayload(parsed, dataKey);
    writeFileSync(opts.path, await sealVault(header, payload.buffer, dataKey, (n) => new Uint8Array(n).fill(7)));
    const again = await unlockVault(opts, PASSWORD);
    await again.add([totpEntry()]);
    again.lock();
    const after = parseContainer(new Uint8Array(readFileSync(opts.path)));
    expect(after.header.slots.map((s) => s.type)).toEqual(['password', 'os-keychain']);
    expect(after.header.slots[1]).toMatchObject({ json: future });
  });
});

describe('payload', () => {
  const entry = (o: Partial<VaultEntry> = {}): VaultEntry => storedEntry({ updatedAt: 2, ...o });

  it('keeps secrets as views into one buffer, never in the JSON', () => {
    const { buffer, entries } = encodePayload(
      contentsOf([
        entry(),
        entry({ id: '2b4e28ba-2fa1-4d2e-883f-0016d3cca427', sortOrder: 1, secret: new Uint8Array([9, 9]) }),
      ]),
    );
    expect(entries[0]?.secret.buffer).toBe(buffer.buffer);
    expect(entries[1]?.secret.buffer).toBe(buffer.buffer);
    const metaLen = new DataView(buffer.buffer).getUint32(0, true);
    const meta = new TextDecoder().decode(buffer.subarray(4, 4 + metaLen));
    expect(meta).not.toContain('12345678901234567890');
    expect(meta).toContain('"secretOffset":20,"secretLength":2');
    expect(buffer.length).toBe(4 + metaLen + 22);
    const decoded = decodePayload2(buffer.slice());
    expect(decoded.entries).toEqual(entries);
    buffer.fill(0);
    expect(entries[0]?.secret.every((b) => b === 0)).toBe(true);
  });

  it('refuses malformed payloads as corrupt, naming the place', () => {
    const good = encodePayload(contentsOf([entry()])).buffer;
    const withMeta = (meta: string, table = new Uint8Array(20)): Uint8Array => {
      const m = new TextEncoder().encode(meta);
      const out = new Uint8Array(4 + m.length + table.length);
      new DataView(out.buffer).setUint32(0, m.length, true);
      out.set(m, 4);
      out.set(table, 4 + m.length);
      return out;
    };
    const metaOf = (): Record<string, unknown> => {
      const len = new DataView(good.buffer).getUint32(0, true);
      return JSON.parse(new TextDecoder().decode(good.subarray(4, 4 + len))) as Record<string, unknown>;
    };
    const edit = (f: (e: Record<string, unknown>) => void): string => {
      const m = metaOf();
      f((m.entries as Record<string, unknown>[])[0]!);
      return JSON.stringify(m);
    };
    expect(corruptOf(() => decodePayload2(new Uint8Array(3)))).toMatch(/too short/);
    const bigLen = good.slice();
    new DataView(bigLen.buffer).setUint32(0, good.length, true);
    expect(corruptOf(() => decodePayload2(bigLen))).toMatch(/length/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => (e.secretLength = 21)))))).toMatch(/secretLength/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => (e.secretOffset = 21)))))).toMatch(/secretOffset/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => (e.digits = 12)))))).toMatch(/'digits'/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => (e.secretLength = 0)))))).toMatch(/'secret'/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => (e.id = 'not-a-uuid')))))).toMatch(/'id'/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => (e.extra = 1)))))).toMatch(/unknown field 'extra'/);
    expect(corruptOf(() => decodePayload2(withMeta(edit((e) => delete e.notes))))).toMatch(/no 'notes'/);
    const twice = metaOf();
    (twice.entries as unknown[]).push((twice.entries as unknown[])[0]);
    expect(corruptOf(() => decodePayload2(withMeta(JSON.stringify(twice))))).toMatch(/repeats an id/);
    expect(corruptOf(() => decodePayload2(withMeta('{"entries":[]', new Uint8Array())))).toMatch(/JSON/);
    expect(
      corruptOf(() => decodePayload2(withMeta('{"entries":[],"tombstones":[],"icons":[],"v":2}', new Uint8Array()))),
    ).toMatch(/unknown field/);
  });
});
