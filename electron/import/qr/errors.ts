// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one error type of QR import's image stage: an image that cannot be decoded for a reason the
 * user can act on. Its `kind` is stable (the UI and the CLI branch on it); its message says what is
 * wrong and, where it helps, what to do. Bugs (a pixel buffer that does not match its size, a worker
 * that crashed) are plain exceptions, never a `QrError`.
 */

/** Why an image was refused. */
export type QrErrorKind =
  /** Larger than QR_IMAGE_LIMITS allows; refused from its header, before any pixel is decoded. */
  | 'too-large'
  /** Not PNG, JPEG, WebP, BMP or GIF (by its first bytes, whatever its name says). */
  | 'not-an-image'
  /** Looks like a supported image but cannot be decoded (truncated, damaged). */
  | 'unreadable-image';

/** An image that cannot be scanned; `kind` says why. */
export class QrError extends Error {
  /** The limit of the import budget the image went over (budget-limits.ts), when that is why. */
  readonly limit: { readonly name: string; readonly value: number } | undefined;

  constructor(
    readonly kind: QrErrorKind,
    message: string,
    options?: { cause?: unknown; limit?: { readonly name: string; readonly value: number } },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QrError';
    this.limit = options?.limit;
  }
}
