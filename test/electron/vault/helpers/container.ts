// SPDX-License-Identifier: GPL-3.0-or-later
/** Byte-level helpers for building hostile vault files in tests. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Splits a container into its prefix fields, header text and the rest. */
export function splitContainer(file: Uint8Array): { version: number; header: string; rest: Uint8Array } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLen = view.getUint32(10, true);
  return {
    version: view.getUint16(8, true),
    header: new TextDecoder().decode(file.subarray(14, 14 + headerLen)),
    rest: file.slice(14 + headerLen),
  };
}

/** Rebuilds a container with an edited header text (headerLen fixed up). The payload tag no longer matches. */
export function rewriteHeader(file: Uint8Array, edit: (header: string) => string, version?: number): Uint8Array {
  const parts = splitContainer(file);
  const header = new TextEncoder().encode(edit(parts.header));
  const out = new Uint8Array(14 + header.length + parts.rest.length);
  out.set(file.subarray(0, 8), 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, version ?? parts.version, true);
  view.setUint32(10, header.length, true);
  out.set(header, 14);
  out.set(parts.rest, 14 + header.length);
  return out;
}

/** SHA-256 of a file's current bytes. */
export function digestOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
