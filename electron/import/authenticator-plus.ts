// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authenticator Plus exports (docs/formats.md §8): a ZIP holding `Accounts.txt`, a list of
 * `otpauth://` links, encrypted with traditional PKWARE ZipCrypto (or WinZip AES, or not at all).
 * The member is read under the work budget by zip-member.ts (central directory checked first,
 * inflating bounded, a WinZip AES key derivation charged); the link list is read as every other.
 */
import { WorkBudget } from './budget';
import { decodeUtf8 } from './fields';
import { readLinkList } from './uri-list';
import { ImportError, type ImportFormat } from './types';
import { isZip, mentions, openZip, useMember } from './zip-member';

const NAME = 'Authenticator Plus';
const ACCOUNTS = 'Accounts.txt';
/** What each file is called in results (ImportResult.variant). */
export const VARIANTS = Object.freeze({
  zipCrypto: 'encrypted ZIP export (ZipCrypto)',
  aes: 'encrypted ZIP export (AES)',
  plain: 'ZIP export without a password',
});

export const authenticatorPlusFormat: ImportFormat = {
  id: 'authenticator-plus',
  name: NAME,
  detect: (bytes) => (isZip(bytes) && mentions(bytes, ACCOUNTS) ? 0.95 : 0),
  /** Bit 0 of the first local header's flags: the entry is encrypted. */
  needsPassword: (bytes) => isZip(bytes) && bytes.length > 6 && ((bytes[6] ?? 0) & 1) === 1,
  async parse(bytes, password, budget = new WorkBudget()) {
    const zip = await openZip(bytes, budget, `This ${NAME} export`);
    try {
      const accounts = zip.find(ACCOUNTS, true);
      if (accounts === undefined) throw new ImportError('corrupt', `This ZIP file holds no ${ACCOUNTS}.`);
      const variant = !accounts.encrypted ? VARIANTS.plain : accounts.zipCrypto ? VARIANTS.zipCrypto : VARIANTS.aes;
      const encryption = { password, format: 'authenticator-plus', app: NAME } as const;
      return await useMember(accounts, budget, encryption, (data) =>
        readLinkList('authenticator-plus', decodeUtf8(data, ACCOUNTS), budget, undefined, variant),
      );
    } finally {
      await zip.close();
    }
  },
};
