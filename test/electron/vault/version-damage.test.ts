// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 10: a damaged version field must read as damage, not as "a newer Tessera". A
 * file is `unsupported-version` only when its version is a plausible later one (3 … 255) and the
 * rest of its framing holds (header length, file length, a UTF-8 JSON object as header); anything
 * else is `corrupt` (docs/vault-format.md §2).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkVaultBytes,
  createVault,
  readVaultEntries,
  VaultError,
  type VaultErrorKind,
} from '../../../electron/vault';
import { createFakeKdf, fastOptions, hotpEntry, makeTempDir } from './helpers/fakes';
import { withHeaderText } from './helpers/hostile';

const PASSWORD = 'version test password';
let tmp: ReturnType<typeof makeTempDir>;
let original: Uint8Array;
let headerEnd: number;
const kdf = createFakeKdf();

beforeAll(async () => {
  tmp = makeTempDir();
  const opts = fastOptions(tmp.dir);
  const v = await createVault(opts, PASSWORD);
  await v.add([hotpEntry()]);
  v.lock();
  original = new Uint8Array(readFileSync(opts.path));
  headerEnd = 14 + new DataView(original.buffer, original.byteOffset).getUint32(10, true);
});
afterAll(() => tmp.cleanup());

function versionOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
}

/** The error of checking the header and of opening with the right password (they must agree up to the KDF). */
async function outcome(bytes: Uint8Array): Promise<{ check: VaultErrorKind | 'ok'; open: VaultErrorKind | 'opened' }> {
  let check: VaultErrorKind | 'ok' = 'ok';
  try {
    checkVaultBytes(bytes);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    check = error.kind;
  }
  const open = await readVaultEntries(bytes, PASSWORD, { kdf }).then(
    () => 'opened' as const,
    (error: unknown) => {
      if (!(error instanceof VaultError)) throw error;
      return error.kind;
    },
  );
  return { check, open };
}

function message(bytes: Uint8Array): string {
  try {
    checkVaultBytes(bytes);
  } catch (error) {
    if (error instanceof VaultError) return `${error.kind}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('a damaged version field', () => {
  it('no flipped byte of the prefix or header reads as a newer version unless it makes one of 3 … 255', async () => {
    const masks = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xa5, 0xff];
    const newer: string[] = [];
    for (let i = 0; i < headerEnd; i++) {
      for (const mask of masks) {
        const bytes = original.slice();
        bytes[i] = (bytes[i] ?? 0) ^ mask;
        const { check, open } = await outcome(bytes);
        if (open === 'opened') throw new Error(`a change at offset ${i} (xor ${mask}) was accepted`);
        if (check === 'unsupported-version' || open === 'unsupported-version') {
          const v = versionOf(bytes);
          if (i !== 8 || v < 3 || v > 255) throw new Error(`offset ${i} xor ${mask} (format ${v}) read as newer`);
          newer.push(`${i}:${mask}`);
        }
      }
    }
    // Only the low byte of the version can make a plausible later version; the high byte never does.
    expect(newer.every((n) => n.startsWith('8:'))).toBe(true);
  });

  it('byte 9 flipped (format 258) is damage, and says so', () => {
    const bytes = original.slice();
    bytes[9] = (bytes[9] ?? 0) ^ 0x01;
    expect(versionOf(bytes)).toBe(258);
    const said = message(bytes);
    expect(said).toMatch(/^corrupt: The vault file is damaged/);
    expect(said).not.toMatch(/newer/);
  });

  it.each([256, 0x1234, 0xffff])('format %i is outside any plausible range: corrupt', (version) => {
    const bytes = original.slice();
    new DataView(bytes.buffer).setUint16(8, version, true);
    expect(message(bytes)).toMatch(/^corrupt:/);
  });
});

describe('a real newer version', () => {
  it('a later format with a JSON header of its own: unsupported-version, asking for an update', () => {
    const later = withHeaderText(original, '{"formatVersion":3,"whatever":"a later format holds"}', 3);
    expect(message(later)).toMatch(
      /^unsupported-version: .*newer version of Tessera \(format 3; this version reads formats 1 and 2/,
    );
    const v255 = withHeaderText(original, '{"a":[1,2,{"b":null}]}', 255);
    expect(message(v255)).toMatch(/^unsupported-version:/);
  });

  it.each([
    ['a header that is not a JSON object', '[1,2,3]'],
    ['a header that is not JSON', '{"formatVersion":3'],
    ['a header with a repeated name', '{"a":1,"a":2}'],
  ])('version 3 with %s: corrupt', (_name, header) => {
    expect(message(withHeaderText(original, header, 3))).toMatch(/^corrupt:/);
  });

  it('version 3 with invalid UTF-8 in its header: corrupt', () => {
    const bytes = withHeaderText(original, '{"name":"xx"}', 3);
    bytes[14 + 9] = 0xff;
    expect(message(bytes)).toMatch(/^corrupt:/);
  });

  it('version 3 with a header length of 0 or a file cut inside the header: corrupt', () => {
    const zero = original.slice();
    new DataView(zero.buffer).setUint16(8, 3, true);
    new DataView(zero.buffer).setUint32(10, 0, true);
    expect(message(zero)).toMatch(/^corrupt:/);
    const cut = original.slice(0, 40);
    new DataView(cut.buffer).setUint16(8, 3, true);
    expect(message(cut)).toMatch(/^corrupt:/);
  });
});
