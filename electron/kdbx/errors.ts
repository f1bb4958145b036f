// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codec's one error type. It knows nothing of importers: electron/import/keepass.ts turns each
 * kind into an ImportError. The message is a plain sentence a user can act on; `details` keeps the
 * technical side (a field id, a length). Neither ever holds a secret.
 */

/**
 * - `corrupt`: the bytes are not a well-formed KDBX file, or a block failed its integrity check
 *   after the key was confirmed;
 * - `unsupported`: a well-formed file Tessera does not read (Twofish, KeePass 1.x, a newer major
 *   version, an inner stream other than Salsa20 or ChaCha20...);
 * - `wrong-key`: the composite key does not open the file (a wrong password, or a database that also
 *   needs a key file or a hardware key: the two cannot be told apart).
 */
export type KdbxErrorKind = 'corrupt' | 'unsupported' | 'wrong-key';

export class KdbxError extends Error {
  readonly details: string | undefined;

  constructor(
    readonly kind: KdbxErrorKind,
    message: string,
    options?: { details?: string | undefined; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KdbxError';
    this.details = options?.details;
  }
}

/** A damaged file: `what` says which part, in plain words. */
export function corrupt(what: string, details?: string): KdbxError {
  return new KdbxError('corrupt', `This KeePass database is damaged: ${what}. Try another copy of the file.`, {
    details,
  });
}
