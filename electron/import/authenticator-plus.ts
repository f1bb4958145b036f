// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authenticator Plus exports (FORMATS.md §8): a ZIP, encrypted with traditional PKWARE ZipCrypto,
 * holding `Accounts.txt`, a list of `otpauth://` links. Read with @zip.js/zip.js (pure JavaScript,
 * no workers, CRC checked); the link list is read as every other link list.
 */
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, type Entry } from '@zip.js/zip.js';
import { passwordRequired, wrongPassword } from './crypto';
import { decodeUtf8 } from './fields';
import { readLinkList } from './uri-list';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Authenticator Plus';
const ACCOUNTS = 'Accounts.txt';
/** Larger than any list of links; bounds a zip bomb. */
const MAX_UNCOMPRESSED = 16 * 1024 * 1024;

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
  async parse(bytes, password) {
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
      if (accounts.uncompressedSize > MAX_UNCOMPRESSED) throw new ImportError('too-large', `${ACCOUNTS} is too large.`);
      if (accounts.encrypted && password === undefined) throw passwordRequired(NAME);
      const data = await extract(accounts, password);
      return readLinkList('authenticator-plus', decodeUtf8(data, ACCOUNTS));
    } finally {
      await reader.close().catch(() => undefined);
    }
  },
};

async function extract(entry: Entry, password: string | undefined): Promise<Uint8Array> {
  if (entry.directory) throw new ImportError('corrupt', `${ACCOUNTS} is a folder.`);
  let data: Uint8Array;
  try {
    data = await entry.getData(new Uint8ArrayWriter(), {
      checkSignature: true,
      useWebWorkers: false,
      ...(password !== undefined ? { password } : {}),
    });
  } catch (cause) {
    // ZipCrypto checks one byte of the password, then the CRC: both failures mean a wrong password
    // (or a modified file, which the message also says).
    if (entry.encrypted) throw wrongPassword(NAME);
    throw new ImportError('corrupt', `${ACCOUNTS} cannot be extracted; the file is damaged.`, { cause });
  }
  if (data.length > MAX_UNCOMPRESSED) throw new ImportError('too-large', `${ACCOUNTS} is too large.`);
  return data;
}
