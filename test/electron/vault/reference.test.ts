// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The published format: the committed test vectors, the reference decryptors in docs/ (which use
 * no Tessera code), and Tessera itself must all agree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { blake2b } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInlineKdf, formatRecoveryKey, unlockVault } from '../../../electron/vault';
import { aeadOpen, aeadSeal } from '../../../electron/vault/crypto';
import { ROOT } from './helpers/bundle';
import { rewriteHeader } from './helpers/container';
import { makeTempDir } from './helpers/fakes';
import { base32, buildRecoveryTestVector, buildTestVector } from './helpers/test-vector';

const FIXTURE = path.join(ROOT, 'test/fixtures/vault/test-vector.tessera');
const vector = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/vault/test-vector.json'), 'utf8')) as {
  sha256: string;
  password: string;
  passwordUtf8Hex: string;
  generation: number;
  vaultId: string;
  kdf: { opslimit: number; memlimit: number; saltHex: string };
  intermediate: { keyEncryptionKeyHex: string; slotAadHex: string; dataKeyHex: string };
  entries: Record<string, unknown>[];
  icons: Record<string, unknown>[];
  tombstones: { id: string; deletedAt: number }[];
};
const expected = {
  formatVersion: 2,
  generation: vector.generation,
  vaultId: vector.vaultId,
  entries: vector.entries,
  icons: vector.icons,
};

/** The format 1 vector, kept as written before format 2 (this build cannot write format 1). */
const V1_FIXTURE = path.join(ROOT, 'test/fixtures/vault/test-vector-v1.tessera');
const v1Vector = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/vault/test-vector-v1.json'), 'utf8')) as Omit<
  typeof vector,
  'tombstones'
>;
const expectedV1 = {
  formatVersion: 1,
  generation: v1Vector.generation,
  vaultId: v1Vector.vaultId,
  entries: v1Vector.entries,
  icons: [],
};

const RECOVERY_FIXTURE = path.join(ROOT, 'test/fixtures/vault/test-vector-recovery.tessera');
const recoveryVector = JSON.parse(
  readFileSync(path.join(ROOT, 'test/fixtures/vault/test-vector-recovery.json'), 'utf8'),
) as typeof vector & {
  recovery: {
    recoveryKey: string;
    slotId: string;
    secretHex: string;
    checkHashHex: string;
    seedHex: string;
    publicKeyHex: string;
    privateKeyHex: string;
    sealedKeyHex: string;
  };
};
const expectedRecovery = {
  formatVersion: 2,
  generation: recoveryVector.generation,
  vaultId: recoveryVector.vaultId,
  entries: recoveryVector.entries,
  icons: recoveryVector.icons,
};

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('tessera-reference-');
});
afterAll(() => tmp.cleanup());

function runNodeDecryptor(file: string, password: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'docs/decrypt-vault.mjs'), file], {
    env: { ...process.env, TESSERA_PASSWORD: password },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A Python 3 that has PyNaCl (Debian's python3-nacl, or pip's pynacl), if there is one: first the
 * one `npm test` found or installed (TESSERA_PYTHON), then the usual names.
 */
function pythonWithNacl(): string | null {
  const candidates = [process.env['TESSERA_PYTHON'], 'python3', '/usr/bin/python3'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['-c', 'import nacl.bindings, nacl.pwhash'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return null;
}

describe('test vector', () => {
  it('is the committed file, byte for byte', () => {
    expect(createHash('sha256').update(readFileSync(FIXTURE)).digest('hex')).toBe(vector.sha256);
  });

  it('rebuilds to the same bytes from its fixed randomness (the format has not drifted)', async () => {
    const { file, description } = await buildTestVector();
    expect(Buffer.from(file).equals(readFileSync(FIXTURE))).toBe(true);
    expect(description).toEqual(vector);
  });

  it('opens with Tessera to the documented entries', async () => {
    const copy = path.join(tmp.dir, 'copy.tessera');
    writeFileSync(copy, readFileSync(FIXTURE));
    const v = await unlockVault(
      { path: copy, kdf: createInlineKdf(), kdfParams: { opslimit: 2, memlimit: 64 * 1024 * 1024 } },
      vector.password,
    );
    const got = v.entries().map((e) => {
      const { secret, ...rest } = e;
      return { ...rest, secretHex: Buffer.from(secret).toString('hex'), secretBase32: base32(secret) };
    });
    v.lock();
    expect(got).toEqual(vector.entries);
  });

  it('documents an Argon2id key that an unrelated implementation reproduces', async () => {
    const kek = await hashRaw(Buffer.from(vector.passwordUtf8Hex, 'hex'), {
      algorithm: 2 as Algorithm,
      version: 1 as Version,
      timeCost: vector.kdf.opslimit,
      memoryCost: vector.kdf.memlimit / 1024,
      parallelism: 1,
      outputLen: 32,
      salt: Buffer.from(vector.kdf.saltHex, 'hex'),
    });
    expect(kek.toString('hex')).toBe(vector.intermediate.keyEncryptionKeyHex);
  });

  it('holds what format 2 adds: tags, icon choices, a stored icon, superseded notes and a tombstone', () => {
    const [first, , , hotp, steam] = vector.entries;
    expect(first).toMatchObject({ tags: ['Test vectors', 'RFC 6238'], icon: { kind: 'custom' } });
    expect(hotp).toMatchObject({ icon: { kind: 'letter' } });
    expect(steam).toMatchObject({ icon: { kind: 'bundled', id: 'steam' }, notesSuperseded: [expect.any(String)] });
    expect(vector.icons).toHaveLength(1);
    expect(vector.icons[0]).toMatchObject({ id: (first!.icon as { id: string }).id, mime: 'image/png' });
    expect(vector.tombstones).toHaveLength(1);
  });
});

describe('format 1 test vector', () => {
  it('is the committed file, byte for byte, and says format 1', () => {
    const file = readFileSync(V1_FIXTURE);
    expect(createHash('sha256').update(file).digest('hex')).toBe(v1Vector.sha256);
    expect(file.readUInt16LE(8)).toBe(1);
  });

  it('opens with Tessera: each group becomes the one tag, every change time its updatedAt', async () => {
    const copy = path.join(tmp.dir, 'v1-copy.tessera');
    writeFileSync(copy, readFileSync(V1_FIXTURE));
    const v = await unlockVault(
      { path: copy, kdf: createInlineKdf(), kdfParams: { opslimit: 2, memlimit: 64 * 1024 * 1024 } },
      v1Vector.password,
    );
    const got = v.entries().map((e) => {
      const { secret, ...rest } = e;
      return { ...rest, secretHex: Buffer.from(secret).toString('hex'), secretBase32: base32(secret) };
    });
    const tombstones = v.tombstones();
    const icons = v.icons();
    v.lock();
    expect(got).toEqual(
      v1Vector.entries.map((e) => ({
        ...e,
        conflictNotes: [],
        notesSuperseded: [],
        changed: Object.fromEntries(
          ['names', 'tags', 'icon', 'favourite', 'notes', 'sortOrder'].map((p) => [p, e['updatedAt']]),
        ),
      })),
    );
    expect(got[0]).toMatchObject({ tags: ['Test vectors'], icon: null });
    expect(got[3]).toMatchObject({ tags: [] });
    expect([tombstones, icons.size]).toEqual([[], 0]);
    // Opening wrote nothing: the file is still format 1.
    expect(readFileSync(copy).equals(readFileSync(V1_FIXTURE))).toBe(true);
  });

  it('both reference decryptors read it, printing the group as the one tag', () => {
    const node = runNodeDecryptor(V1_FIXTURE, v1Vector.password);
    expect(node.stderr).toBe('');
    expect(JSON.parse(node.stdout)).toEqual(expectedV1);
    const python = pythonWithNacl();
    if (python === null) return; // the Python half needs PyNaCl (see the skipped tests)
    const out = execFileSync(python, [path.join(ROOT, 'docs/decrypt_vault.py'), V1_FIXTURE], {
      env: { ...process.env, TESSERA_PASSWORD: v1Vector.password },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(out)).toEqual(expectedV1);
  });
});

describe('reference decryptor (Node, libsodium only)', () => {
  it('decrypts the test vector to exactly the documented contents', () => {
    const r = runNodeDecryptor(FIXTURE, vector.password);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('accepts the password in decomposed Unicode form (NFC normalisation)', () => {
    const r = runNodeDecryptor(FIXTURE, vector.password.normalize('NFD'));
    expect(r.status).toBe(0);
  });

  it('refuses a wrong password and a modified payload', () => {
    expect(runNodeDecryptor(FIXTURE, 'wrong').stderr).toMatch(/wrong password/);
    const bytes = readFileSync(FIXTURE);
    bytes[bytes.length - 5]! ^= 1;
    const tampered = path.join(tmp.dir, 'tampered.tessera');
    writeFileSync(tampered, bytes);
    const r = runNodeDecryptor(tampered, vector.password);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/modified/);
  });
});

describe('reference decryptor (Python, PyNaCl)', () => {
  const python = pythonWithNacl();
  // The title says why it skips, because `npm test` lists skipped tests by title.
  const title = python
    ? 'decrypts the test vector to the same contents'
    : 'decrypts the test vector to the same contents (skipped: PyNaCl not installed; apt-get install python3-nacl)';
  it.skipIf(python === null)(title, () => {
    const out = execFileSync(python as string, [path.join(ROOT, 'docs/decrypt_vault.py'), FIXTURE], {
      env: { ...process.env, TESSERA_PASSWORD: vector.password },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(out)).toEqual(expected);
  });
});

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32 of `bits` (a string of 0 and 1), 5 bits a character, most significant first. */
function crockford(bits: string): string {
  return (bits.match(/.{5}/g) ?? []).map((b) => CROCKFORD[parseInt(b, 2)]).join('');
}
const bitString = (hex: string): string =>
  [...Buffer.from(hex, 'hex')].map((b) => b.toString(2).padStart(8, '0')).join('');

/** `key` with the character at `index` (of the 36, hyphens not counted) replaced by another one of the alphabet. */
function withTypo(key: string, index: number): string {
  const chars = key.replace(/-/g, '').split('');
  const c = chars[index]!;
  chars[index] = CROCKFORD[(CROCKFORD.indexOf(c) + 1) % CROCKFORD.length]!;
  return chars.join('').replace(/.{4}(?!$)/g, '$&-');
}

describe('recovery test vector', () => {
  it('is the committed file, byte for byte', () => {
    expect(createHash('sha256').update(readFileSync(RECOVERY_FIXTURE)).digest('hex')).toBe(recoveryVector.sha256);
  });

  it('rebuilds to the same bytes from its fixed randomness, every time', async () => {
    const first = await buildRecoveryTestVector();
    const second = await buildRecoveryTestVector();
    expect(Buffer.from(first.file).equals(Buffer.from(second.file))).toBe(true);
    expect(Buffer.from(first.file).equals(readFileSync(RECOVERY_FIXTURE))).toBe(true);
    expect(first.description).toEqual(recoveryVector);
  });

  it('holds a password slot and one recovery slot with the documented public key and sealed key', () => {
    const file = readFileSync(RECOVERY_FIXTURE);
    const header = JSON.parse(file.subarray(14, 14 + file.readUInt32LE(10)).toString('utf8')) as {
      slots: Record<string, unknown>[];
    };
    expect(header.slots.map((s) => s['type'])).toEqual(['password', 'recovery']);
    expect(header.slots[1]).toEqual({
      id: recoveryVector.recovery.slotId,
      type: 'recovery',
      publicKey: Buffer.from(recoveryVector.recovery.publicKeyHex, 'hex').toString('base64'),
      sealedKey: Buffer.from(recoveryVector.recovery.sealedKeyHex, 'hex').toString('base64'),
    });
  });

  it('documents a recovery key, check, seed and key pair that unrelated implementations reproduce', async () => {
    const { recovery } = recoveryVector;
    const secret = Buffer.from(recovery.secretHex, 'hex');
    // The text: 160 bits of secret, then the first 20 bits of the keyed BLAKE2b check (hash-wasm).
    const check = await blake2b('tessera recovery key check v1', 256, secret);
    expect(check).toBe(recovery.checkHashHex);
    const text = crockford(bitString(recovery.secretHex)) + crockford(bitString(check).slice(0, 20));
    expect(text.match(/.{4}/g)?.join('-')).toBe(recovery.recoveryKey);
    // The seed, and crypto_box_seed_keypair's X25519 pair: secret key = SHA-512(seed)[0:32] (Node's X25519).
    expect(await blake2b('tessera recovery key v1', 256, secret)).toBe(recovery.seedHex);
    const sk = createHash('sha512').update(Buffer.from(recovery.seedHex, 'hex')).digest().subarray(0, 32);
    expect(sk.toString('hex')).toBe(recovery.privateKeyHex);
    const jwk = createPublicKey(
      createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: sk.toString('base64url'), x: '' }, format: 'jwk' }),
    ).export({ format: 'jwk' });
    expect(Buffer.from(jwk.x!, 'base64url').toString('hex')).toBe(recovery.publicKeyHex);
  });
});

/** A correctly formatted recovery key (valid check group) of some other vault. */
async function otherVaultsKey(): Promise<string> {
  const key = await formatRecoveryKey(new Uint8Array(randomBytes(20)));
  expect(key).not.toBe(recoveryVector.recovery.recoveryKey);
  return key;
}

describe.each([
  ['Node, libsodium', 'node'],
  ['Python, PyNaCl', 'python'],
] as const)('reference decryptor (%s) with a recovery key', (_name, kind) => {
  const python = kind === 'python' ? pythonWithNacl() : null;
  const skip = kind === 'python' && python === null;
  // The titles say why they skip, because `npm test` lists skipped tests by title.
  const t = (title: string): string =>
    skip ? `${title} (skipped: PyNaCl not installed; apt-get install python3-nacl)` : title;

  /** Runs the decryptor with `--recovery-key` (key in TESSERA_RECOVERY_KEY, or on stdin when `key` is null), or with the password. */
  function run(
    file: string,
    secret: { recoveryKey: string } | { recoveryKeyOnStdin: string } | { password: string },
  ): { status: number | null; stdout: string; stderr: string } {
    const script = path.join(ROOT, kind === 'node' ? 'docs/decrypt-vault.mjs' : 'docs/decrypt_vault.py');
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['TESSERA_PASSWORD'];
    delete env['TESSERA_RECOVERY_KEY'];
    let args = [script, file];
    let input = '';
    if ('password' in secret) env['TESSERA_PASSWORD'] = secret.password;
    else {
      args = [script, '--recovery-key', file];
      if ('recoveryKey' in secret) env['TESSERA_RECOVERY_KEY'] = secret.recoveryKey;
      else input = `${secret.recoveryKeyOnStdin}\n`;
    }
    const r = spawnSync(kind === 'node' ? process.execPath : (python as string), args, {
      env,
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function refused(r: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(message);
  }

  it.skipIf(skip)(t('opens the recovery test vector with its recovery key to exactly the documented contents'), () => {
    const r = run(RECOVERY_FIXTURE, { recoveryKey: recoveryVector.recovery.recoveryKey });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expectedRecovery);
  });

  it.skipIf(skip)(t('reads the key from standard input, forgiving case, spaces and O/0, I/1, L/1'), () => {
    const sloppy = ` ${recoveryVector.recovery.recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'I')} `;
    const r = run(RECOVERY_FIXTURE, { recoveryKeyOnStdin: sloppy });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expectedRecovery);
  });

  it.skipIf(skip)(t('opens the recovery test vector with its password too'), () => {
    const r = run(RECOVERY_FIXTURE, { password: recoveryVector.password });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expectedRecovery);
  });

  it.skipIf(skip)(t('still opens the first test vector with its password'), () => {
    const r = run(FIXTURE, { password: vector.password });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it.skipIf(skip)(t('refuses a key with one character changed as a typo'), () => {
    const key = recoveryVector.recovery.recoveryKey;
    refused(run(RECOVERY_FIXTURE, { recoveryKey: withTypo(key, 0) }), /typo/);
    refused(run(RECOVERY_FIXTURE, { recoveryKey: withTypo(key, 17) }), /typo/);
    refused(run(RECOVERY_FIXTURE, { recoveryKey: withTypo(key, 35) }), /typo/); // a check character
  });

  it.skipIf(skip)(t('refuses a well-formed recovery key of another vault'), async () => {
    refused(run(RECOVERY_FIXTURE, { recoveryKey: await otherVaultsKey() }), /not the recovery key of this vault/);
  });

  it.skipIf(skip)(t('refuses characters outside the alphabet and a wrong length'), () => {
    const key = recoveryVector.recovery.recoveryKey;
    refused(run(RECOVERY_FIXTURE, { recoveryKey: `U${key.slice(1)}` }), /only the digits 0-9 and the letters/);
    refused(run(RECOVERY_FIXTURE, { recoveryKey: key.slice(0, -5) }), /36 characters/);
  });

  it.skipIf(skip)(t('says when a vault has no recovery slot'), () => {
    refused(run(FIXTURE, { recoveryKey: recoveryVector.recovery.recoveryKey }), /no recovery slot/);
  });

  it.skipIf(skip)(t('refuses a modified recovery slot or payload'), () => {
    const key = recoveryVector.recovery.recoveryKey;
    // A sealed key from elsewhere: the public key matches, the box does not open.
    const sealed = Buffer.from(recoveryVector.recovery.sealedKeyHex, 'hex');
    sealed[40]! ^= 1;
    const slot = path.join(tmp.dir, `recovery-slot-${kind}.tessera`);
    writeFileSync(
      slot,
      rewriteHeader(readFileSync(RECOVERY_FIXTURE), (h) =>
        h.replace(/"sealedKey":"[^"]*"/, `"sealedKey":"${sealed.toString('base64')}"`),
      ),
    );
    refused(run(slot, { recoveryKey: key }), /does not open with this recovery key/);
    const bytes = readFileSync(RECOVERY_FIXTURE);
    bytes[bytes.length - 5]! ^= 1;
    const payload = path.join(tmp.dir, `recovery-payload-${kind}.tessera`);
    writeFileSync(payload, bytes);
    refused(run(payload, { recoveryKey: key }), /recovery key is right but the file was modified/);
  });
});

/**
 * Files each reader must refuse (docs/vault-format.md §8, "required of every reader"), built from
 * the test vector: some with an edited header, some re-sealed with the vector's documented data key
 * so their payload authenticates and only its content is wrong.
 */
describe('both reference decryptors refuse what every reader must', () => {
  const fixture = (): Uint8Array => new Uint8Array(readFileSync(FIXTURE));
  const headerEnd = (b: Uint8Array): number => 14 + new DataView(b.buffer, b.byteOffset).getUint32(10, true);
  const dataKey = Buffer.from(vector.intermediate.dataKeyHex, 'hex');

  /** The vector with its plaintext payload replaced by `edit(plaintext)`, sealed under the real data key. */
  async function resealed(edit: (plaintext: Buffer) => Buffer): Promise<Uint8Array> {
    const file = fixture();
    const end = headerEnd(file);
    const nonce = file.subarray(end, end + 24);
    const plaintext = await aeadOpen(file.subarray(end + 24), file.subarray(0, end), nonce, dataKey);
    if (!plaintext) throw new Error('the vector did not open with its documented data key');
    const ciphertext = await aeadSeal(edit(Buffer.from(plaintext)), file.subarray(0, end), nonce, dataKey);
    return Buffer.concat([file.subarray(0, end + 24), ciphertext]);
  }

  function meta(plaintext: Buffer): { entries: Record<string, unknown>[] } {
    return JSON.parse(plaintext.subarray(4, 4 + plaintext.readUInt32LE(0)).toString('utf8')) as {
      entries: Record<string, unknown>[];
    };
  }

  function withMeta(plaintext: Buffer, m: unknown): Buffer {
    const json = Buffer.from(JSON.stringify(m));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(json.length);
    return Buffer.concat([len, json, plaintext.subarray(4 + plaintext.readUInt32LE(0))]);
  }

  const cases: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    [
      'a repeated name in the header',
      () => rewriteHeader(fixture(), (h) => h.replace(/"generation":(\d+)/, '"generation":$1,"generation":$1')),
      /repeats the name 'generation'/,
    ],
    [
      'invalid UTF-8 in the header',
      () => {
        const b = fixture();
        b[14 + 13] = 0xff;
        return b;
      },
      /not valid UTF-8/,
    ],
    [
      'a memlimit that is not whole KiB',
      () => rewriteHeader(fixture(), (h) => h.replace('"memlimit":67108864', '"memlimit":67108865')),
      /key-derivation parameters out of bounds/,
    ],
    [
      'two password slots',
      () =>
        rewriteHeader(fixture(), (h) => {
          const header = JSON.parse(h) as { slots: Record<string, unknown>[] };
          header.slots.push({ ...header.slots[0], id: '00000000-0000-4000-8000-000000000002' });
          return JSON.stringify(header);
        }),
      /more password work than Tessera ever writes/,
    ],
    [
      'a damaged version field (format 258)',
      () => {
        const b = fixture();
        b[9] = 1;
        return b;
      },
      /damaged/,
    ],
    [
      'a slot that unwraps to a 24-byte key',
      async () => {
        const file = fixture();
        const header = JSON.parse(Buffer.from(file.subarray(14, headerEnd(file))).toString('utf8')) as {
          slots: { nonce: string }[];
        };
        const wrapped = await aeadSeal(
          new Uint8Array(24).fill(1),
          Buffer.from(vector.intermediate.slotAadHex, 'hex'),
          Buffer.from(header.slots[0]!.nonce, 'base64'),
          Buffer.from(vector.intermediate.keyEncryptionKeyHex, 'hex'),
        );
        return rewriteHeader(file, (h) =>
          h.replace(/"wrappedKey":"[^"]*"/, `"wrappedKey":"${Buffer.from(wrapped).toString('base64')}"`),
        );
      },
      /32-byte data key/,
    ],
    [
      'a metaLen beyond the plaintext',
      () =>
        resealed((p) => {
          const out = Buffer.from(p);
          out.writeUInt32LE(p.length, 0);
          return out;
        }),
      /metadata length/,
    ],
    [
      'a secret range outside the table',
      () =>
        resealed((p) => {
          const m = meta(p);
          m.entries[4]!.secretOffset = 1000;
          return withMeta(p, m);
        }),
      /outside the secret table/,
    ],
  ];

  const python = pythonWithNacl();
  it.each(cases)('%s', async (name, build, expectedMessage) => {
    const file = path.join(tmp.dir, `${name.replace(/\W+/g, '-')}.tessera`);
    writeFileSync(file, await build());
    const node = runNodeDecryptor(file, vector.password);
    expect([name, node.status, node.stdout]).toEqual([name, 1, '']);
    expect(node.stderr).toMatch(expectedMessage);
    if (python === null) return; // the Python half needs PyNaCl (see the skipped test above)
    const py = spawnSync(python, [path.join(ROOT, 'docs/decrypt_vault.py'), file], {
      env: { ...process.env, TESSERA_PASSWORD: vector.password },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect([name, py.status, py.stdout]).toEqual([name, 1, '']);
    expect(py.stderr).toMatch(expectedMessage);
  });

  it('a later format with its own JSON header is reported as newer, not damaged', () => {
    const file = path.join(tmp.dir, 'newer.tessera');
    writeFileSync(
      file,
      rewriteHeader(fixture(), () => '{"formatVersion":3}', 3),
    );
    const node = runNodeDecryptor(file, vector.password);
    expect(node.status).toBe(1);
    expect(node.stderr).toMatch(/newer Tessera \(format 3\)/);
    if (python === null) return;
    const py = spawnSync(python, [path.join(ROOT, 'docs/decrypt_vault.py'), file], {
      env: { ...process.env, TESSERA_PASSWORD: vector.password },
      encoding: 'utf8',
    });
    expect(py.status).toBe(1);
    expect(py.stderr).toMatch(/newer Tessera \(format 3\)/);
  });
});
