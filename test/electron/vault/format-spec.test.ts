// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The questions an independent implementer asked of docs/vault-format.md, each answered there and
 * pinned here: repeated JSON names and invalid UTF-8 (refused), the bounds of `metaLen`, secret
 * ranges that overlap or leave bytes unused (refused), `memlimit` in whole KiB, the unwrapped data
 * key's length (32), the slot AAD's version and raw-salt encoding, and the order of the checks.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectVault, unlockVault, VaultError, type VaultOptions } from '../../../electron/vault';
import { aeadSeal, passwordBytes } from '../../../electron/vault/crypto';
import { isPasswordSlot, parseContainer, type PasswordSlot } from '../../../electron/vault/format';
import { decodePayload, encodePayload } from '../../../electron/vault/payload';
import { passwordSlotAad, unwrapWithPassword } from '../../../electron/vault/slots';
import type { VaultEntry } from '../../../electron/vault/entry';
import { rewriteHeader } from './helpers/container';
import { contentsOf, createFakeKdf, makeTempDir, oneEntryVault, spyKdf, storedEntry } from './helpers/fakes';

/** A format 2 payload, as this build writes it. */
const decodePayload2 = (b: Uint8Array): ReturnType<typeof decodePayload> => decodePayload(b, 2);

const PASSWORD = 'spec test password';
let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
let original: Uint8Array;

beforeAll(async () => {
  ({ tmp, opts, original } = await oneEntryVault(PASSWORD));
});
afterAll(() => tmp.cleanup());

/** Opens `bytes` as the vault file with the right password; the error (kind and message) or 'opened'. */
async function open(bytes: Uint8Array): Promise<VaultError | 'opened'> {
  writeFileSync(opts.path, bytes);
  return unlockVault(opts, PASSWORD).then(
    (v) => {
      v.lock();
      return 'opened' as const;
    },
    (error: unknown) => {
      if (error instanceof VaultError) return error;
      throw error;
    },
  );
}

function corruptMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'corrupt') return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('JSON in the file: one meaning for every reader', () => {
  it.each([
    ['a header name', (h: string) => h.replace('"generation":', '"generation":1,"generation":')],
    ['a slot name', (h: string) => h.replace('"type":"password"', '"type":"password","type":"password"')],
    ['a kdf name', (h: string) => h.replace(/"opslimit":(\d+)/, '"opslimit":$1,"opslimit":$1')],
    ['a name spelled with an escape', (h: string) => h.replace('"savedAt":', '"savedAt":0,"s\\u0061vedAt":')],
  ])('refuses a repeated name in the header (%s) as corrupt', async (_name, edit) => {
    const edited = rewriteHeader(original, edit);
    expect(edited).not.toEqual(original);
    const outcome = await open(edited);
    expect(outcome).toMatchObject({ kind: 'corrupt' });
    expect((outcome as VaultError).message).toMatch(/repeats the name/);
  });

  it('refuses a repeated name in the payload metadata as corrupt', () => {
    const meta = new TextEncoder().encode('{"entries":[],"entries":[]}');
    const plaintext = new Uint8Array(4 + meta.length);
    new DataView(plaintext.buffer).setUint32(0, meta.length, true);
    plaintext.set(meta, 4);
    expect(corruptMessage(() => decodePayload2(plaintext))).toMatch(/repeats the name 'entries'/);
  });

  it('refuses invalid UTF-8 in the header: a stray byte, an overlong form, an encoded surrogate, a cut sequence', async () => {
    const text = new TextDecoder().decode(original.subarray(14, 14 + 40));
    const at = 14 + text.indexOf('"vaultId":"') + 12; // inside the vaultId string
    for (const seq of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const bytes = original.slice();
      bytes.set(seq, at);
      const outcome = await open(bytes);
      expect(outcome).toMatchObject({ kind: 'corrupt' });
      expect((outcome as VaultError).message).toMatch(/not valid UTF-8/);
    }
  });
});

describe('the payload: metaLen and the secret table', () => {
  const entry = (o: Partial<VaultEntry>): VaultEntry => storedEntry(o);
  const second = '2b4e28ba-2fa1-4d2e-883f-0016d3cca427';

  /** u32 metaLen ‖ meta ‖ table, with the entries' ranges as given. */
  function plaintext(ranges: [number, number][], tableLength: number): Uint8Array {
    const good = encodePayload(
      contentsOf(ranges.map((_, i) => entry({ id: i === 0 ? entry({}).id : second, sortOrder: i }))),
    );
    const len = new DataView(good.buffer.buffer).getUint32(0, true);
    const meta = JSON.parse(new TextDecoder().decode(good.buffer.subarray(4, 4 + len))) as {
      entries: Record<string, unknown>[];
    };
    ranges.forEach(([offset, length], i) =>
      Object.assign(meta.entries[i]!, { secretOffset: offset, secretLength: length }),
    );
    const m = new TextEncoder().encode(JSON.stringify(meta));
    const out = new Uint8Array(4 + m.length + tableLength).fill(0x31);
    new DataView(out.buffer).setUint32(0, m.length, true);
    out.set(m, 4);
    return out;
  }

  it('metaLen counts the meta bytes and may reach the end of the plaintext, never past it', () => {
    const empty = encodePayload(contentsOf([])).buffer;
    expect(new DataView(empty.buffer).getUint32(0, true)).toBe(empty.length - 4);
    expect(decodePayload2(empty.slice()).entries).toEqual([]);
    for (const bad of [empty.length - 3, 0xffffffff]) {
      const b = empty.slice();
      new DataView(b.buffer).setUint32(0, bad, true);
      expect(corruptMessage(() => decodePayload2(b))).toMatch(/metadata length/);
    }
  });

  it('accepts ranges that cover the table exactly, in any order', () => {
    expect(
      decodePayload2(
        plaintext(
          [
            [0, 20],
            [20, 20],
          ],
          40,
        ),
      ).entries,
    ).toHaveLength(2);
    expect(
      decodePayload2(
        plaintext(
          [
            [20, 20],
            [0, 20],
          ],
          40,
        ),
      ).entries,
    ).toHaveLength(2);
  });

  it('refuses overlapping ranges', () => {
    expect(
      corruptMessage(() =>
        decodePayload2(
          plaintext(
            [
              [0, 20],
              [0, 20],
            ],
            20,
          ),
        ),
      ),
    ).toMatch(/overlap/);
    expect(
      corruptMessage(() =>
        decodePayload2(
          plaintext(
            [
              [0, 20],
              [10, 20],
            ],
            30,
          ),
        ),
      ),
    ).toMatch(/overlap/);
  });

  it('refuses table bytes that no entry uses (a gap, or bytes after the last secret)', () => {
    expect(corruptMessage(() => decodePayload2(plaintext([[0, 20]], 21)))).toMatch(/not used/);
    expect(
      corruptMessage(() =>
        decodePayload2(
          plaintext(
            [
              [0, 20],
              [21, 20],
            ],
            41,
          ),
        ),
      ),
    ).toMatch(/not used/);
    expect(corruptMessage(() => decodePayload2(plaintext([], 1)))).toMatch(/not used/);
  });
});

describe('key slots', () => {
  it('memlimit must be whole KiB: 64 MiB + 1 byte is out of bounds, before any derivation', async () => {
    const spy = spyKdf(createFakeKdf());
    writeFileSync(
      opts.path,
      rewriteHeader(original, (h) => h.replace('"memlimit":67108864', '"memlimit":67108865')),
    );
    const error = await unlockVault({ ...opts, kdf: spy }, PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'corrupt', reason: 'kdf-out-of-bounds' });
    expect(spy.calls).toHaveLength(0);
  });

  it('a wrapped key that is not 48 bytes (so not a 32-byte data key) is refused in the header', async () => {
    const short = Buffer.alloc(40, 7).toString('base64');
    const edited = rewriteHeader(original, (h) => h.replace(/"wrappedKey":"[^"]*"/, `"wrappedKey":"${short}"`));
    const outcome = await open(edited);
    expect(outcome).toMatchObject({ kind: 'corrupt' });
    expect((outcome as VaultError).message).toMatch(/wrappedKey/);
  });

  it('an unwrapped data key that is not 32 bytes is corrupt, even when it authenticates', async () => {
    const parsed = parseContainer(original);
    const real = parsed.header.slots.find(isPasswordSlot)!;
    const kdf = createFakeKdf();
    const kek = await kdf.derive(passwordBytes(PASSWORD), real.kdf.salt, real.kdf);
    const slot: PasswordSlot = {
      ...real,
      wrappedKey: await aeadSeal(new Uint8Array(24).fill(9), passwordSlotAad(real), real.nonce, kek),
    };
    const error = await unwrapWithPassword(kdf, [slot], passwordBytes(PASSWORD)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'corrupt' });
    expect((error as VaultError).message).toMatch(/data key/);
  });

  it('the slot AAD carries the constant 1 (the version that defined the password slot) and the raw salt', () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i);
    const aad = passwordSlotAad({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'password',
      kdf: { alg: 'argon2id13', opslimit: 3, memlimit: 268435456, salt },
    });
    expect(Buffer.from(aad.subarray(8, 10)).toString('hex')).toBe('0100');
    // lp(salt) = u16 16 ‖ the 16 raw bytes (not their base64 text)
    expect(Buffer.from(aad.subarray(aad.length - 18)).toString('hex')).toBe(`1000${Buffer.from(salt).toString('hex')}`);
  });
});

describe('the order of the checks', () => {
  it('every header refusal comes before any derivation; the slot before the payload', async () => {
    const spy = spyKdf(createFakeKdf());
    const tooMany = rewriteHeader(original, (h) => {
      const header = JSON.parse(h) as { slots: Record<string, unknown>[] };
      const slot = header.slots[0]!;
      header.slots.push({ ...slot, id: '00000000-0000-4000-8000-00000000000f' });
      return JSON.stringify(header);
    });
    writeFileSync(opts.path, tooMany);
    await expect(unlockVault({ ...opts, kdf: spy }, 'the wrong password')).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(inspectVault(opts.path)).rejects.toMatchObject({ kind: 'corrupt' });
    expect(spy.calls).toHaveLength(0);
    // An edited header with a wrong password: the slot is tried first, so the password is what is reported.
    const edited = rewriteHeader(original, (h) => h.replace(/"createdAt":\d+/, '"createdAt":1'));
    writeFileSync(opts.path, edited);
    await expect(unlockVault(opts, 'the wrong password')).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    await expect(unlockVault(opts, PASSWORD)).rejects.toMatchObject({ kind: 'payload-tampered' });
  });
});
