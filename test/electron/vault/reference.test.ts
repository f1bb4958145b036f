// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The published format: the committed test vector, the reference decryptors in docs/ (which use
 * no Tessera code), and Tessera itself must all agree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInlineKdf, unlockVault } from '../../../electron/vault';
import { ROOT } from './helpers/bundle';
import { makeTempDir } from './helpers/fakes';
import { base32, buildTestVector } from './helpers/test-vector';

const FIXTURE = path.join(ROOT, 'test/fixtures/vault/test-vector.tessera');
const vector = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/vault/test-vector.json'), 'utf8')) as {
  sha256: string;
  password: string;
  passwordUtf8Hex: string;
  generation: number;
  vaultId: string;
  kdf: { opslimit: number; memlimit: number; saltHex: string };
  intermediate: { keyEncryptionKeyHex: string };
  entries: Record<string, unknown>[];
};
const expected = { formatVersion: 1, generation: vector.generation, vaultId: vector.vaultId, entries: vector.entries };

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
