// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authenticator Plus exports (docs/formats.md §8): a ZIP, encrypted with traditional PKWARE ZipCrypto,
 * holding `Accounts.txt`, a list of `otpauth://` links. Read with @zip.js/zip.js (pure JavaScript,
 * no workers, CRC checked); the link list is read as every other link list. The central directory
 * is checked against the budget before zip.js lists a single entry, and inflating stops at the
 * budget's `archive-bytes` whatever the headers declare (zip-directory.ts).
 */
import { configure, Uint8ArrayReader, ZipReader, type Entry } from '@zip.js/zip.js';
import { BudgetExceededError, WorkBudget } from './budget';
import { passwordRequired, wrongPassword } from './crypto';
import { decodeUtf8 } from './fields';
import { readLinkList } from './uri-list';
import { ImportError, type ImportFormat } from './types';
import { BoundedWriter, checkZipDirectory } from './zip-directory';

const NAME = 'Authenticator Plus';
const ACCOUNTS = 'Accounts.txt';
/** What each file is called in results (ImportResult.variant). */
export const VARIANTS = Object.freeze({
  zipCrypto: 'encrypted ZIP export (ZipCrypto)',
  aes: 'encrypted ZIP export (AES)',
  plain: 'ZIP export without a password',
});

configure({ useWebWorkers: false });

const isZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const mentionsAccounts = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ACCOUNTS, 0, 'latin1');

export const authenticatorPlusFormat: ImportFormat = {
  id: 'authenticator-plus',
  name: NAME,
  detect: (bytes) => (isZip(bytes) && mentionsAccounts(bytes) ? 0.95 : 0),
  /** Bit 0 of the first local header's flags: the entry is encrypted. */
  needsPassword: (bytes) => isZip(bytes) && bytes.length > 6 && ((bytes[6] ?? 0) & 1) === 1,
  async parse(bytes, password, budget = new WorkBudget()) {
    checkZipDirectory(bytes, budget);
    const reader = new ZipReader(new Uint8ArrayReader(bytes));
    try {
      let entries: Entry[];
      try {
        entries = await reader.getEntries();
      } catch (cause) {
        throw new ImportError('corrupt', 'This Authenticator Plus export is not a readable ZIP file.', { cause });
      }
      const accounts = entries.find((e) => e.filename.split('/').pop() === ACCOUNTS && !e.directory);
      if (accounts === undefined) throw new ImportError('corrupt', `This ZIP file holds no ${ACCOUNTS}.`);
      budget.atMost('archive-bytes', accounts.uncompressedSize);
      if (accounts.encrypted && password === undefined) throw passwordRequired(NAME);
      const writer = new BoundedWriter(budget);
      try {
        const data = await extract(accounts, password, writer);
        const variant = !accounts.encrypted ? VARIANTS.plain : accounts.zipCrypto ? VARIANTS.zipCrypto : VARIANTS.aes;
        return readLinkList('authenticator-plus', decodeUtf8(data, ACCOUNTS), budget, undefined, variant);
      } finally {
        writer.release();
      }
    } finally {
      await reader.close().catch(() => undefined);
    }
  },
};

async function extract(entry: Entry, password: string | undefined, writer: BoundedWriter): Promise<Uint8Array> {
  if (entry.directory) throw new ImportError('corrupt', `${ACCOUNTS} is a folder.`);
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
    // ZipCrypto checks one byte of the password, then the CRC: both failures mean a wrong password
    // (or a modified file, which the message also says).
    if (entry.encrypted) throw wrongPassword(NAME);
    throw new ImportError('corrupt', `${ACCOUNTS} cannot be extracted; the file is damaged.`, { cause });
  }
  return data;
}

/** The budget's refusal, also when zip.js's streams wrapped it in another error. */
function budgetError(error: unknown): BudgetExceededError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof BudgetExceededError) return e;
  }
  return null;
}
