// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading a KDBX 3.x or 4.x file with a password, charging the import's work budget for everything
 * the file could make expensive: the key derivation (before it runs, from the parameters in the
 * header: the `keepass` row of KDF_CEILINGS), the decompressed size (the `memory` gauge; zlib stops at
 * the bound), and the XML's structure (elements, attributes, references, depth) before it is parsed.
 *
 * KDBX 4: header SHA-256 (a damaged header is found before any derivation) → key → header HMAC (a
 * wrong key) → HMAC blocks → decrypt → inflate → inner header → XML.
 * KDBX 3.x: key → decrypt (bad padding or stream start bytes: a wrong key) → hashed blocks →
 * inflate → XML (its Meta/HeaderHash checked against the header).
 */
import { createHash, createHmac } from 'node:crypto';
import type { WorkBudget } from '../import/budget';
import { chargeXml } from '../import/prescan';
import { equalBytes, wipe } from './bytes';
import { readHashedBlocks, readHmacBlocks } from './blocks';
import { decryptPayload } from './cipher';
import { corrupt, KdbxError } from './errors';
import { gunzipBounded } from './gzip';
import { cipherName, readHeader, type KdbxHeader } from './header';
import { readInnerHeader } from './inner-header';
import { innerStream, type InnerStream } from './inner-stream';
import { deriveTransformedKey, kdfCost, kdfName } from './kdf';
import { blockHmacKey, compositeKey, HEADER_BLOCK_INDEX, hmacBaseKey, masterKey } from './keys';
import type { KdbxDatabase } from './model';
import { readKeePassXml, xmlDepth } from './xml';

export interface KdbxReadOptions {
  readonly password: string;
  readonly budget: WorkBudget;
  /** Which string fields to keep (and decrypt when protected); default all. */
  readonly wantField?: (key: string) => boolean;
}

export interface KdbxFile {
  /** "KDBX 4.0 (Argon2id, ChaCha20)". */
  readonly variant: string;
  readonly header: KdbxHeader;
  readonly database: KdbxDatabase;
}

/**
 * Memory one payload byte may cost while it is read: the bytes, the XML text, the parser's copy. The
 * payload is inflated to at most the budget's `memory` limit divided by this.
 */
export const PAYLOAD_MEMORY_FACTOR = 3;

/** The format's name for the KDF ceiling (budget-limits.ts KDF_CEILINGS). */
const FORMAT = 'keepass';

/** "KDBX 4.0 (Argon2id, ChaCha20)" from the header alone (no key needed). */
export function describeHeader(header: KdbxHeader): string {
  return `KDBX ${header.major}.${header.minor} (${kdfName(header.kdf)}, ${cipherName(header.cipher)})`;
}

/**
 * Opens a KDBX file.
 * @throws KdbxError (`corrupt`, `unsupported`, `wrong-key`), or the budget's BudgetExceededError.
 */
export async function readKdbx(file: Uint8Array, options: KdbxReadOptions): Promise<KdbxFile> {
  const header = readHeader(file);
  const v4 = header.major >= 4;
  let headerHmac: Uint8Array | null = null;
  if (v4) {
    if (file.length < header.bytes.length + 64) throw corrupt('it ends right after its header');
    const headerHash = file.subarray(header.bytes.length, header.bytes.length + 32);
    headerHmac = file.subarray(header.bytes.length + 32, header.bytes.length + 64);
    if (!equalBytes(sha256(header.bytes), headerHash)) throw corrupt('its header does not match its checksum');
  }

  const release = options.budget.kdf(FORMAT, kdfCost(header.kdf));
  const composite = compositeKey(options.password);
  let transformed: Uint8Array;
  try {
    transformed = await deriveTransformedKey(composite, header.kdf);
  } finally {
    release();
    wipe(composite);
  }

  let payload: Uint8Array;
  let stream: InnerStream;
  try {
    if (v4) {
      payload = openKdbx4(file, header, transformed, headerHmac as Uint8Array, options.budget);
      const inner = readInnerHeader(payload);
      stream = innerStream(inner.streamId, inner.streamKey);
      payload = payload.subarray(inner.end);
    } else {
      payload = openKdbx3(file, header, transformed, options.budget);
      stream = innerStream(header.innerStream ?? 0, header.protectedStreamKey ?? new Uint8Array(0));
    }
  } finally {
    wipe(transformed);
  }

  const releaseText = options.budget.reserve(payload.length * PAYLOAD_MEMORY_FACTOR);
  try {
    const text = decodeXml(payload);
    if (chargeXml(options.budget, text).declaresEntities || /<!DOCTYPE/i.test(text)) {
      throw corrupt('its content declares XML entities', 'DOCTYPE in the KeePass XML');
    }
    // Nesting: the budget's depth limit (named for JSON, the same concern: no reader recurses deeper).
    options.budget.atMost('json-depth', xmlDepth(text));
    const database = readKeePassXml(text, { stream, ...(options.wantField ? { wantField: options.wantField } : {}) });
    if (!v4 && database.headerHash !== null && !equalBytes(database.headerHash, sha256(header.bytes))) {
      throw corrupt('its header does not match the checksum inside it');
    }
    return { variant: describeHeader(header), header, database };
  } finally {
    stream.wipe();
    releaseText();
  }
}

function openKdbx4(
  file: Uint8Array,
  header: KdbxHeader,
  transformed: Uint8Array,
  headerHmac: Uint8Array,
  budget: WorkBudget,
): Uint8Array {
  const base = hmacBaseKey(header.masterSeed, transformed);
  const key = masterKey(header.masterSeed, transformed);
  try {
    const headerKey = blockHmacKey(HEADER_BLOCK_INDEX, base);
    const mac = new Uint8Array(createHmac('sha256', headerKey).update(header.bytes).digest());
    wipe(headerKey);
    if (!equalBytes(mac, headerHmac)) throw wrongKey();
    const ciphertext = readHmacBlocks(file, header.bytes.length + 64, base);
    const plain = decryptPayload(header.cipher, key, header.encryptionIv, ciphertext);
    if (plain === null) throw corrupt('its encrypted data is damaged', 'bad padding after a valid HMAC');
    return inflate(plain, header, budget);
  } finally {
    wipe(base, key);
  }
}

function openKdbx3(file: Uint8Array, header: KdbxHeader, transformed: Uint8Array, budget: WorkBudget): Uint8Array {
  const key = masterKey(header.masterSeed, transformed);
  try {
    const plain = decryptPayload(header.cipher, key, header.encryptionIv, file.subarray(header.bytes.length));
    const start = header.streamStartBytes as Uint8Array;
    if (plain === null || plain.length < 32 || !equalBytes(plain.subarray(0, 32), start)) throw wrongKey();
    return inflate(readHashedBlocks(plain.subarray(32)), header, budget);
  } finally {
    wipe(key);
  }
}

function inflate(data: Uint8Array, header: KdbxHeader, budget: WorkBudget): Uint8Array {
  const max = Math.floor(budget.limit('memory') / PAYLOAD_MEMORY_FACTOR);
  if (!header.compressed) return data;
  const out = gunzipBounded(data, max);
  if (!out.ok) {
    budget.reserve((max + 1) * PAYLOAD_MEMORY_FACTOR)(); // throws the budget's `memory` error
    throw corrupt('its data unpacks to more than Tessera reads'); // not reached
  }
  return out.bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeXml(payload: Uint8Array): string {
  try {
    return utf8.decode(payload).replace(/^\ufeff/, '');
  } catch (cause) {
    throw new KdbxError(
      'corrupt',
      'This KeePass database is damaged: its content is not UTF-8 text. Try another copy of the file.',
      {
        cause,
      },
    );
  }
}

function wrongKey(): KdbxError {
  return new KdbxError('wrong-key', 'The password does not open this KeePass database.');
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}
