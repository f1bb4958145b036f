// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Opening an OpenPGP message encrypted with a passphrase (Proton Pass's encrypted exports) under the
 * import's work budget. OpenPGP.js (`openpgp`) parses the message; before it derives anything, every
 * symmetric-key encrypted session key packet (SKESK) it would try is read here, and its
 * string-to-key (S2K) cost is charged to the format's KDF ceiling: an iterated and salted S2K hashes
 * `count` bytes (and holds them in memory), an Argon2 S2K fills 2^m KiB `t` times. OpenPGP.js tries
 * every SKESK of a message at once, so all of them are charged, and their number is bounded by the
 * budget's `key-slots`. Its own limits are set to what was charged: the Argon2 memory exponent, and
 * the size a compressed message may inflate to (what is left of `archive-bytes`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9580 §3.7 (S2K), §5.3 (SKESK), §6 (ASCII armor)
 */
import type { Message, PartialConfig } from 'openpgp';
import type { Release, WorkBudget } from './budget';
import { PBKDF2_ITERATION_WORK, type KdfCost } from './budget-limits';
import { passwordRequired, wrongPassword } from './crypto';
import { ImportError, type ImportFormatId } from './types';

const ARMOR_BEGIN = '-----BEGIN PGP MESSAGE-----';
/** Packet tags (RFC 9580 §5): public-key and symmetric-key encrypted session keys. */
const PKESK_TAG = 1;
const SKESK_TAG = 3;

/**
 * OpenPGP.js, loaded when a message is opened: it takes ~80 ms to load, which the app's start and
 * every other import need not pay.
 */
const loadOpenPgp = (): Promise<typeof import('openpgp')> => import('openpgp');

/** The S2K of one SKESK, as the packet states it. */
export type S2k =
  | { readonly type: 'simple' | 'salted'; readonly hash: number }
  | { readonly type: 'iterated'; readonly hash: number; readonly countByte: number; readonly count: number }
  | { readonly type: 'argon2'; readonly passes: number; readonly parallelism: number; readonly memoryExponent: number };

/** One SKESK packet's parameters. */
export interface Skesk {
  readonly version: number;
  /** The symmetric cipher the S2K's key is for (RFC 9580 §9.3). */
  readonly cipher: number;
  readonly s2k: S2k;
}

/** Key sizes of the ciphers OpenPGP defines (RFC 9580 §9.3), in bytes. */
const CIPHER_KEY_BYTES: Readonly<Record<number, number>> = {
  1: 16, // IDEA
  2: 24, // TripleDES
  3: 16, // CAST5
  4: 16, // Blowfish
  7: 16, // AES-128
  8: 24, // AES-192
  9: 32, // AES-256
  10: 32, // Twofish
  11: 16, // Camellia-128
  12: 24, // Camellia-192
  13: 32, // Camellia-256
};

/** Digest sizes of the hashes OpenPGP defines (RFC 9580 §9.5), in bytes. */
const HASH_BYTES: Readonly<Record<number, number>> = {
  1: 16, // MD5
  2: 20, // SHA-1
  3: 20, // RIPEMD-160
  8: 32, // SHA-256
  9: 48, // SHA-384
  10: 64, // SHA-512
  11: 28, // SHA-224
  12: 32, // SHA3-256
  14: 64, // SHA3-512
};

/** The largest Argon2 memory exponent OpenPGP.js accepts at all (2^30 KiB = 1 TiB). */
const OPENPGP_MAX_ARGON2_EXPONENT = 30;

/** Raised for a packet this module cannot read; the caller turns it into an ImportError. */
class SkeskProblem extends Error {}

/**
 * The parameters of one SKESK packet body (RFC 9580 §5.3: versions 4 and 6; version 5 as
 * OpenPGP.js reads it).
 * @throws SkeskProblem when the body is not one.
 */
export function readSkesk(body: Uint8Array): Skesk {
  let at = 0;
  const byte = (): number => {
    const b = body[at++];
    if (b === undefined) throw new SkeskProblem('the session key packet is cut short');
    return b;
  };
  const version = byte();
  if (version !== 4 && version !== 5 && version !== 6) throw new SkeskProblem(`session key packet version ${version}`);
  if (version === 6) byte(); // count of the following fields
  const cipher = byte();
  if (version >= 5) byte(); // AEAD algorithm
  if (version === 6) byte(); // S2K length
  const s2kType = byte();
  let s2k: S2k;
  switch (s2kType) {
    case 0:
      s2k = { type: 'simple', hash: byte() };
      break;
    case 1:
      s2k = { type: 'salted', hash: byte() };
      at += 8;
      break;
    case 3: {
      const hash = byte();
      at += 8;
      const countByte = byte();
      s2k = { type: 'iterated', hash, countByte, count: (16 + (countByte & 15)) << ((countByte >> 4) + 6) };
      break;
    }
    case 4: {
      at += 16;
      s2k = { type: 'argon2', passes: byte(), parallelism: byte(), memoryExponent: byte() };
      break;
    }
    default:
      throw new SkeskProblem(`S2K type ${s2kType}`);
  }
  if (at > body.length) throw new SkeskProblem('the session key packet is cut short');
  return { version, cipher, s2k };
}

/**
 * What deriving one SKESK's key costs: bytes hashed (iterated S2K; OpenPGP.js holds them all in one
 * buffer, per round of the digest), or memory × passes (Argon2). A simple or salted S2K hashes the
 * passphrase once and counts as one PBKDF2 iteration.
 * @throws SkeskProblem for parameters OpenPGP.js itself would refuse.
 */
export function s2kCost(skesk: Skesk): KdfCost {
  const { s2k } = skesk;
  switch (s2k.type) {
    case 'simple':
    case 'salted':
      return { memoryBytes: 0, work: PBKDF2_ITERATION_WORK };
    case 'iterated': {
      const keyBytes = CIPHER_KEY_BYTES[skesk.cipher] ?? 32;
      const digestBytes = HASH_BYTES[s2k.hash] ?? 16;
      const rounds = Math.ceil(keyBytes / digestBytes);
      return { memoryBytes: s2k.count, work: s2k.count * rounds };
    }
    case 'argon2': {
      if (s2k.memoryExponent > OPENPGP_MAX_ARGON2_EXPONENT || s2k.passes < 1 || s2k.parallelism < 1) {
        throw new SkeskProblem('Argon2 parameters out of range');
      }
      const memoryBytes = 2 ** s2k.memoryExponent * 1024;
      return { memoryBytes, work: memoryBytes * s2k.passes };
    }
  }
}

/** True for text that starts (after spaces) like an ASCII-armored OpenPGP message. */
export function isArmoredMessage(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(ARMOR_BEGIN.length, bytes.length - i)).toString(
      'latin1',
    ) === ARMOR_BEGIN
  );
}

/**
 * Whether an armored message starts with a SKESK packet, i.e. is encrypted with a passphrase: its
 * first base64 characters decoded (cheap, for detection; never throws).
 */
export function armoredStartsWithSkesk(bytes: Uint8Array): boolean {
  if (!isArmoredMessage(bytes)) return false;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  // The armor header line, optional "Key: value" header lines, a blank line, then base64.
  const body = /-----BEGIN PGP MESSAGE-----[^\S\n]*\r?\n(?:[^\r\n]+\r?\n)*?[^\S\n]*\r?\n\s*([A-Za-z0-9+/]{4})/.exec(
    head,
  );
  const first = body?.[1] === undefined ? undefined : Buffer.from(body[1], 'base64')[0];
  if (first === undefined) return false;
  // New packet format (0xC0 | tag) or old format (0x80 | tag << 2 | length type), tag 3.
  return first === 0xc3 || (first & 0xfc) === 0x8c;
}

/** How a message is opened: whose budget and KDF ceiling, and the app for the messages. */
export interface PgpOpening {
  readonly budget: WorkBudget;
  readonly format: ImportFormatId;
  /** The app, for messages: "Proton Pass". */
  readonly app: string;
  /** What the message is, for messages: "This Proton Pass export". */
  readonly what: string;
}

/**
 * Decrypts a passphrase-encrypted OpenPGP message (armored or binary) after charging every SKESK's
 * S2K to the budget. The charge comes before the password is asked for, as for Ente: a file over the
 * ceiling is refused without a prompt.
 * @throws BudgetExceededError; ImportError `corrupt` (not a readable message, or no passphrase
 *   packet), `unsupported` (encrypted to a key), `password-required`, `wrong-password`.
 */
export async function decryptWithPassphrase(
  bytes: Uint8Array,
  password: string | undefined,
  opening: PgpOpening,
): Promise<Uint8Array> {
  const { budget, format, app, what } = opening;
  const { decrypt, readMessage } = await loadOpenPgp();
  // Unknown or unreadable packets are errors here, not skipped: a passphrase packet OpenPGP.js cannot
  // read must not vanish from the list this module charges.
  const parseConfig: PartialConfig = { ignoreMalformedPackets: false, ignoreUnsupportedPackets: false };
  let message: Message<Uint8Array> | Message<string>;
  try {
    message = isArmoredMessage(bytes)
      ? await readMessage({ armoredMessage: Buffer.from(bytes).toString('utf8'), config: parseConfig })
      : await readMessage({ binaryMessage: Uint8Array.from(bytes), config: parseConfig });
  } catch (cause) {
    const details = cause instanceof Error ? `OpenPGP: ${cause.message}` : undefined;
    if (cause instanceof Error && cause.name === 'UnsupportedError') {
      throw new ImportError('unsupported', `${what} uses a kind of encryption Tessera does not read.`, {
        cause,
        details,
      });
    }
    throw new ImportError('corrupt', `${what} is not a readable encrypted message; it may be damaged or incomplete.`, {
      cause,
      details,
    });
  }
  const skesks = message.packets.filterByTag(SKESK_TAG);
  if (skesks.length === 0) {
    if (message.packets.filterByTag(PKESK_TAG).length > 0) {
      throw new ImportError(
        'unsupported',
        `${what} is encrypted for a key, not with a password. Export it again from ${app} with a password.`,
      );
    }
    throw new ImportError('corrupt', `${what} holds no password-encrypted data; it may be damaged.`);
  }
  budget.atMost('key-slots', skesks.length);
  const releases: Release[] = [];
  let maxExponent = 0;
  try {
    for (const packet of skesks) {
      let skesk: Skesk;
      let cost: KdfCost;
      try {
        skesk = readSkesk(packet.write());
        cost = s2kCost(skesk);
      } catch (cause) {
        if (!(cause instanceof SkeskProblem)) throw cause;
        throw new ImportError('unsupported', `${what} uses a kind of password protection Tessera does not read.`, {
          cause,
          details: `OpenPGP: ${cause.message}`,
        });
      }
      if (skesk.s2k.type === 'argon2') maxExponent = Math.max(maxExponent, skesk.s2k.memoryExponent);
      releases.push(budget.kdf(format, cost));
    }
    if (password === undefined) throw passwordRequired(app);
    const config: PartialConfig = {
      ignoreMalformedPackets: false,
      allowUnauthenticatedMessages: false,
      allowUnauthenticatedStream: false,
      maxArgon2MemoryExponent: maxExponent,
      maxDecompressedMessageSize: budget.remaining('archive-bytes'),
    };
    let data: Uint8Array;
    try {
      ({ data } = await decrypt({
        message: message as Message<Uint8Array>,
        passwords: [password],
        format: 'binary',
        config,
      }));
    } catch (cause) {
      if (cause instanceof Error && /decompressed message size/i.test(cause.message)) {
        budget.spend('archive-bytes', budget.remaining('archive-bytes') + 1);
      }
      // A wrong passphrase fails the session key (its cipher byte or size) or the integrity check;
      // so does a modified file, which the message also says.
      throw wrongPassword(app);
    }
    return data;
  } finally {
    for (const release of releases) release();
  }
}
