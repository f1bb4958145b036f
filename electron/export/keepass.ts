// SPDX-License-Identifier: GPL-3.0-or-later
/** KeePassXC export. STUB: replaced by the KDBX writer (issue #17). */
import type { ExportEntry } from './types';

/**
 * A KDBX 4 database (Argon2id KDF) holding one entry per account, its otpauth:// link in KeePassXC's
 * `otp` attribute, protected by `password`.
 */
export function exportKeePass(entries: readonly ExportEntry[], password: string): Promise<Uint8Array> {
  void entries;
  void password;
  return Promise.reject(new Error('KeePass export is not built yet.'));
}
