// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Holds the decoder's answer up against what the image shows: past the budget's `qr-codes` limit an
 * image is refused (the decoder's results are unreliable there, see finder-count.ts), and an image
 * whose codes the decoder could not read at all says how many it seems to hold instead of nothing.
 */
import { IMPORT_LIMITS } from '../budget-limits';
import type { QrCode, RgbaImage } from './decoder';
import { QrError } from './errors';
import { countFinderPatterns } from './finder-count';

/** The codes read and the codes seen in one image. */
export interface CodeCount {
  readonly read: number;
  /** QR codes the image seems to hold, from their finder patterns (at least `read`). */
  readonly seen: number;
}

/**
 * Counts the codes an image seems to hold and checks them against the `qr-codes` limit.
 * @param limit the limit's value (default: IMPORT_LIMITS); tests lower it.
 * @throws QrError `too-large` naming the limit when the image holds more codes than it allows.
 */
export function checkCodeCount(
  image: RgbaImage,
  codes: readonly QrCode[],
  limit: number = IMPORT_LIMITS['qr-codes'].value,
): CodeCount {
  const seen = Math.max(codes.length, countFinderPatterns(image).codes);
  if (seen > limit) {
    const row = IMPORT_LIMITS['qr-codes'];
    const shown = limit.toLocaleString('en-US');
    throw new QrError(
      'too-large',
      `${row.exceeded.replace('{limit}', shown)} (about ${seen.toLocaleString('en-US')}); ${row.usual}.`,
      { limit: { name: 'qr-codes', value: limit } },
    );
  }
  return { read: codes.length, seen };
}
