// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The payload's gzip compression (the header's compression flag 1), inflated with a hard bound on
 * the output so a small file cannot unpack to gigabytes: zlib stops at `maxBytes`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { corrupt } from './errors';

/** The result of a bounded inflate: the bytes, or `too-large` when the output passed `maxBytes`. */
export type Inflated =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly tooLarge: true };

export function gunzipBounded(data: Uint8Array, maxBytes: number): Inflated {
  try {
    return { ok: true, bytes: new Uint8Array(gunzipSync(data, { maxOutputLength: Math.max(1, maxBytes) })) };
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, tooLarge: true };
    }
    throw corrupt('its compressed data is broken', error instanceof Error ? error.message : String(error));
  }
}

export function gzip(data: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(data));
}
