// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading one named file out of a ZIP export under the import's work budget, for the formats whose
 * export is a ZIP (1Password's 1PUX, Proton Pass, Raivo OTP, Authenticator Plus). The central directory is
 * checked before zip.js lists a single entry, the member's declared size before it is inflated, and
 * inflating stops at the budget's `archive-bytes` whatever the headers claim (zip-directory.ts).
 * Encrypted members (WinZip AES, or traditional ZipCrypto) are opened with the file's password; the
 * WinZip AES key derivation is charged to the format's KDF ceiling before zip.js runs it.
 *
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (ZIP), and
 *   https://www.winzip.com/en/support/aes-encryption/ (WinZip AES: PBKDF2-HMAC-SHA1, 1,000 iterations,
 *   2 × key length + 2 bytes derived)
 */
import { configure, Uint8ArrayReader, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { BudgetExceededError, type WorkBudget } from './budget';
import { PBKDF2_ITERATION_WORK } from './budget-limits';
import { passwordRequired, wrongPassword } from './crypto';
import { ImportError, type ImportFormatId } from './types';
import { BoundedWriter, checkZipDirectory } from './zip-directory';

configure({ useWebWorkers: false });

/** The WinZip AES iteration count: fixed by the format, never read from the file. */
export const WINZIP_AES_ITERATIONS = 1_000;

/** `PK\3\4`: a ZIP file's first local header. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Whether the bytes hold `text` (Latin-1): ZIP member names are stored in the clear, encrypted or not. */
export function mentions(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/** An open ZIP file: its entries, and `close` to call when done. */
export interface OpenZip {
  readonly entries: readonly Entry[];
  /** The first file (not folder) whose full name is `name`, or whose last path part is, when `anyFolder`. */
  find(name: string, anyFolder?: boolean): FileEntry | undefined;
  close(): Promise<void>;
}

/**
 * Opens a ZIP file after checking its central directory against the budget.
 * @throws BudgetExceededError; ImportError `corrupt` naming `what` when it is not a readable ZIP file.
 */
export async function openZip(bytes: Uint8Array, budget: WorkBudget, what: string): Promise<OpenZip> {
  checkZipDirectory(bytes, budget);
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch (cause) {
    await reader.close().catch(() => undefined);
    throw new ImportError('corrupt', `${what} is not a readable ZIP file; it may be damaged or incomplete.`, {
      cause,
    });
  }
  return {
    entries,
    find(name, anyFolder = false) {
      const match = (e: Entry): e is FileEntry =>
        !e.directory && (e.filename === name || (anyFolder && e.filename.split('/').pop() === name));
      return entries.find(match);
    },
    close: () => reader.close().catch(() => undefined),
  };
}

/** How an encrypted member may be opened. */
export interface MemberPassword {
  readonly password: string | undefined;
  /** The format whose KDF ceiling pays for a WinZip AES key derivation. */
  readonly format: ImportFormatId;
  /** The app, for the password messages: "Raivo OTP". */
  readonly app: string;
}

/**
 * Inflates (and decrypts) one member and hands its bytes to `use`; the memory they took is given
 * back to the budget afterwards. Without `encryption`, an encrypted member is refused as damaged:
 * the format never encrypts its members.
 * @throws BudgetExceededError (also when zip.js wrapped it); ImportError `password-required`,
 *   `wrong-password` or `corrupt`.
 */
export async function useMember<T>(
  entry: FileEntry,
  budget: WorkBudget,
  encryption: MemberPassword | undefined,
  use: (data: Uint8Array) => T | Promise<T>,
): Promise<T> {
  budget.atMost('archive-bytes', entry.uncompressedSize);
  let password: string | undefined;
  if (entry.encrypted) {
    if (encryption === undefined) {
      throw new ImportError(
        'corrupt',
        `${entry.filename} is encrypted inside the ZIP file, which this export never is.`,
      );
    }
    if (encryption.password === undefined) throw passwordRequired(encryption.app);
    password = encryption.password;
    if (!entry.zipCrypto) chargeWinZipAes(entry, budget, encryption.format);
  }
  const writer = new BoundedWriter(budget);
  try {
    let data: Uint8Array;
    try {
      data = await entry.getData(writer, {
        checkSignature: true,
        useWebWorkers: false,
        ...(password !== undefined ? { password } : {}),
      });
    } catch (cause) {
      const limit = budgetError(cause);
      if (limit !== null) throw limit;
      // ZipCrypto checks one byte of the password, WinZip AES two bytes and then a MAC, and the
      // CRC follows: any failure of an encrypted member means a wrong password (or a modified file,
      // which the message also says).
      if (entry.encrypted && encryption !== undefined) throw wrongPassword(encryption.app);
      throw new ImportError('corrupt', `${entry.filename} cannot be extracted from the ZIP file; it is damaged.`, {
        cause,
      });
    }
    return await use(data);
  } finally {
    writer.release();
  }
}

/**
 * WinZip AES derives 2 × key length + 2 bytes with PBKDF2-HMAC-SHA1 (1,000 iterations): 2, 3 or 4
 * SHA-1 blocks for AES-128, -192 and -256, each block 1,000 iterations. Charged before zip.js
 * derives; an entry that does not say its strength is charged as AES-256.
 */
function chargeWinZipAes(entry: FileEntry, budget: WorkBudget, format: ImportFormatId): void {
  const strength = entry.extraFieldAES?.strength;
  const blocks = strength === 1 ? 2 : strength === 2 ? 3 : 4;
  budget.kdf(format, { memoryBytes: 0, work: blocks * WINZIP_AES_ITERATIONS * PBKDF2_ITERATION_WORK })();
}

/** The budget's refusal, also when zip.js's streams wrapped it in another error. */
function budgetError(error: unknown): BudgetExceededError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof BudgetExceededError) return e;
  }
  return null;
}
