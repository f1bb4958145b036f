// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Codes as they leave the OTP engine: the current code of an entry with its validity window, and
 * the code a preview of typed parameters gives. Times are Unix milliseconds; never a secret.
 */
import type { EntryId } from './entry';

/** One current code, computed in main. Times are Unix milliseconds. */
export interface CodeSnapshot {
  readonly id: EntryId;
  readonly code: string;
  readonly validFrom: number;
  /** When this code stops being valid; null for HOTP (valid until used). */
  readonly validUntil: number | null;
  /** The following code, present only near the end of the current period. */
  readonly next?: string;
}

/** A previewed code and when it stops being valid (null for HOTP). Never the secret. */
export interface CodePreview {
  readonly code: string;
  readonly validUntil: number | null;
}
