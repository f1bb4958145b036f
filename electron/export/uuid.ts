// SPDX-License-Identifier: GPL-3.0-or-later
/** The random UUIDs the exporters write into the apps' files (Aegis, 2FAS, Bitwarden). */

/** A v4 UUID from 16 random bytes. */
export function uuidV4(randomBytes: (n: number) => Uint8Array): string {
  const b = Buffer.from(randomBytes(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
