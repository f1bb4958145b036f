// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The decryption primitives foreign backups use, over Node's crypto (and hash-wasm for Argon2id,
 * which Node 20 lacks). Every derivation is charged to the import's work budget before it runs
 * (its work against the format's ceiling in budget-limits.ts, summed over every slot and attempt;
 * its memory against the memory limit), so a hostile file cannot make the app derive for hours or
 * allocate gigabytes. An authentication failure is returned as null: the caller decides whether it
 * means a wrong password.
 */
import { createDecipheriv, createHash, pbkdf2, scrypt, type BinaryLike } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2id } from 'hash-wasm';
import type { WorkBudget } from './budget';
import { PBKDF2_ITERATION_WORK, type KdfCost } from './budget-limits';
import { ImportError, type ImportFormatId } from './types';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: BinaryLike,
  salt: BinaryLike,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * Shapes a KDF accepts at all (a power-of-two N, an iteration count that is a count); how much work
 * a file may ask for is the budget's per-format ceiling (budget-limits.ts KDF_CEILINGS).
 */
export const KDF_BOUNDS = Object.freeze({
  pbkdf2MaxIterations: 10_000_000,
  scryptMaxN: 2 ** 20,
  scryptMaxR: 32,
  scryptMaxP: 16,
  scryptMaxMemoryBytes: 1024 * 1024 * 1024,
});

/** Whose budget a derivation is charged to, and as which format's work. */
export interface KdfCharge {
  readonly budget: WorkBudget;
  readonly format: ImportFormatId;
}

/**
 * Runs a derivation after charging its cost, releasing its memory afterwards.
 * @throws BudgetExceededError before any work when the cost passes the format's ceiling.
 */
async function charged<T>(charge: KdfCharge, cost: KdfCost, derive: () => Promise<T>): Promise<T> {
  const release = charge.budget.kdf(charge.format, cost);
  try {
    return await derive();
  } finally {
    release();
  }
}

/** SHA-256 of the password, as a key (andOTP's old format, TOTP Authenticator): charged as one iteration. */
export function sha256Key(password: string, charge: KdfCharge): Buffer {
  charge.budget.kdf(charge.format, { memoryBytes: 0, work: PBKDF2_ITERATION_WORK })();
  return createHash('sha256').update(password, 'utf8').digest();
}

/** UTF-8 bytes of a password (what every format in docs/formats.md derives from). */
export function passwordBytes(password: string): Buffer {
  return Buffer.from(password, 'utf8');
}

/**
 * PBKDF2-HMAC with a bounded iteration count, charged to the budget.
 * @throws ImportError `unsupported` when the count is outside 1..10,000,000; BudgetExceededError.
 */
export async function pbkdf2Key(
  password: string,
  salt: Uint8Array,
  iterations: number,
  keyBytes: number,
  digest: 'sha1' | 'sha256' | 'sha512',
  charge: KdfCharge,
): Promise<Buffer> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > KDF_BOUNDS.pbkdf2MaxIterations) {
    throw new ImportError(
      'unsupported',
      `The file asks for ${iterations} key-derivation iterations, outside 1 to 10,000,000.`,
    );
  }
  const cost = { memoryBytes: 0, work: iterations * PBKDF2_ITERATION_WORK };
  return charged(charge, cost, () => pbkdf2Async(passwordBytes(password), salt, iterations, keyBytes, digest));
}

/** scrypt's cost: its memory is 128·r·N (plus 128·r·p), its work that memory once per lane (× p). */
export function scryptCost(params: { readonly n: number; readonly r: number; readonly p: number }): KdfCost {
  const { n, r, p } = params;
  return { memoryBytes: 128 * r * (n + p), work: 128 * r * n * p };
}

/**
 * scrypt with bounded parameters (N a power of two, at most 2^20; r ≤ 32; p ≤ 16; ≤ 1 GiB),
 * charged to the budget.
 * @throws ImportError `unsupported` when the file's parameters are outside the bounds;
 *   BudgetExceededError when they pass the format's ceiling.
 */
export async function scryptKey(
  password: string,
  salt: Uint8Array,
  params: { readonly n: number; readonly r: number; readonly p: number },
  keyBytes: number,
  charge: KdfCharge,
): Promise<Buffer> {
  const { n, r, p } = params;
  const powerOfTwo = Number.isSafeInteger(n) && n >= 2 && (n & (n - 1)) === 0;
  const memory = 128 * n * r;
  if (
    !powerOfTwo ||
    n > KDF_BOUNDS.scryptMaxN ||
    !Number.isSafeInteger(r) ||
    r < 1 ||
    r > KDF_BOUNDS.scryptMaxR ||
    !Number.isSafeInteger(p) ||
    p < 1 ||
    p > KDF_BOUNDS.scryptMaxP ||
    memory > KDF_BOUNDS.scryptMaxMemoryBytes
  ) {
    throw new ImportError('unsupported', 'The file’s scrypt parameters are outside the range Tessera accepts.');
  }
  const options = { N: n, r, p, maxmem: memory + 16 * 1024 * 1024 };
  return charged(charge, scryptCost(params), () => scryptAsync(passwordBytes(password), salt, keyBytes, options));
}

/** Argon2id (RFC 9106) with fixed, format-given parameters (never read from the file), charged to the budget. */
export async function argon2idKey(
  password: string,
  salt: Uint8Array,
  params: { readonly iterations: number; readonly memoryKiB: number; readonly parallelism: number },
  keyBytes: number,
  charge: KdfCharge,
): Promise<Uint8Array> {
  const memoryBytes = params.memoryKiB * 1024;
  const cost = { memoryBytes, work: memoryBytes * params.iterations };
  return charged(charge, cost, () =>
    argon2id({
      password: passwordBytes(password),
      salt,
      iterations: params.iterations,
      memorySize: params.memoryKiB,
      parallelism: params.parallelism,
      hashLength: keyBytes,
      outputType: 'binary',
    }),
  );
}

/**
 * AES-GCM decryption (key length picks AES-128/192/256), 16-byte tag. Null when authentication
 * fails (wrong key or modified data).
 * @throws ImportError `corrupt` for a nonce or tag of an impossible size.
 */
export function aesGcmDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad?: Uint8Array,
): Buffer | null {
  if (nonce.length < 8 || nonce.length > 128 || tag.length !== 16) {
    throw new ImportError(
      'corrupt',
      'The encryption header has a nonce or tag of the wrong size; the file is damaged.',
    );
  }
  const decipher = createDecipheriv(gcmName(key), key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(tag);
  if (aad !== undefined) decipher.setAAD(aad);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

function gcmName(key: Uint8Array): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  switch (key.length) {
    case 16:
      return 'aes-128-gcm';
    case 24:
      return 'aes-192-gcm';
    case 32:
      return 'aes-256-gcm';
    default:
      throw new ImportError('corrupt', 'The file holds a key of the wrong size; it is damaged.');
  }
}

/**
 * AES-256-CBC with PKCS#7 padding. Null when the padding is wrong (usually a wrong key; a wrong key
 * still yields valid-looking padding about once in 256 tries, so callers also check the plaintext).
 */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer | null {
  if (key.length !== 32 || iv.length !== 16) {
    throw new ImportError('corrupt', 'The encryption header has a key or IV of the wrong size; the file is damaged.');
  }
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * A cheap look at an AES-256-CBC ciphertext under `key` without decrypting all of it: the first
 * plaintext block, and whether the last block ends in valid PKCS#7 padding. For telling whether a
 * known key (an app's built-in default password) opens a file, as a check before reading it;
 * null when the sizes are not those of CBC.
 */
export function aesCbcPeek(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): { readonly head: Buffer; readonly padded: boolean } | null {
  if (key.length !== 32 || iv.length !== 16 || ciphertext.length < 16 || ciphertext.length % 16 !== 0) return null;
  const block = (previous: Uint8Array, data: Uint8Array): Buffer => {
    const decipher = createDecipheriv('aes-256-ecb', key, null);
    decipher.setAutoPadding(false);
    const out = Buffer.concat([decipher.update(data), decipher.final()]);
    for (let i = 0; i < 16; i++) out[i] = (out[i] ?? 0) ^ (previous[i] ?? 0);
    return out;
  };
  const head = block(iv, ciphertext.subarray(0, 16));
  const n = ciphertext.length;
  const last = block(n === 16 ? iv : ciphertext.subarray(n - 32, n - 16), ciphertext.subarray(n - 16));
  const pad = last[15] ?? 0;
  const padded = pad >= 1 && pad <= 16 && last.subarray(16 - pad).every((b) => b === pad);
  return { head, padded };
}

/** The error for a password that does not open the file. */
export function wrongPassword(formatName: string): ImportError {
  return new ImportError(
    'wrong-password',
    `The password does not open this ${formatName} file (or the file was modified). Check the password and try again.`,
  );
}

/** The error for an encrypted file opened without a password. */
export function passwordRequired(formatName: string): ImportError {
  return new ImportError(
    'password-required',
    `This ${formatName} file is encrypted: enter the password it was exported with.`,
  );
}
