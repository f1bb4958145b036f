// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Files the import-worker tests read (in Node and in the Chromium tier): a list of account links,
 * an Aegis export with accounts Tessera cannot import (unsupported and malformed),
 * a FreeOTP backup as large as the import's work budget accepts (seconds of XML parsing), a long
 * text that outgrows a small heap cap, and a BMP screenshot of a QR code.
 */
import { createHash } from 'node:crypto';
import { IMPORT_LIMITS } from '../../../electron/import';
import type { RgbaImage } from '../../../electron/import/qr';
import { base32Encode } from '../../../electron/otp';

/** An account whose secret the test knows. */
export interface LinkAccount {
  readonly issuer: string;
  readonly account: string;
  readonly secret: Uint8Array;
}

/** A deterministic 20-byte secret per name. */
export function secretOf(name: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`tessera-import-worker:${name}`).digest().subarray(0, 20));
}

export function account(issuer: string, name = 'alice@example.com'): LinkAccount {
  return { issuer, account: name, secret: secretOf(`${issuer}:${name}`) };
}

/** The `otpauth://totp/` link of an account. */
export function link(a: LinkAccount): string {
  const secret = base32Encode(a.secret).replace(/=+$/, '');
  return `otpauth://totp/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}?secret=${secret}&issuer=${encodeURIComponent(a.issuer)}`;
}

/** A text file of links, one a line (the otpauth:// link list format). */
export function linkList(accounts: readonly LinkAccount[]): Uint8Array {
  return new TextEncoder().encode(`${accounts.map(link).join('\n')}\n`);
}

/**
 * The `db` of an Aegis export (docs/formats.md §1): `kept`, then an mOTP account (a kind Tessera
 * does not support) and one of 11 digits (out of range), which the review lists as skipped.
 */
export function aegisDbWithSkipped(kept: readonly LinkAccount[] = [account('GitHub')]): Record<string, unknown> {
  const totp = (a: LinkAccount, info: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'totp',
    issuer: a.issuer,
    name: a.account,
    info: { secret: base32Encode(a.secret).replace(/=+$/, ''), algo: 'SHA1', digits: 6, period: 30, ...info },
  });
  return {
    version: 3,
    entries: [
      ...kept.map((a) => totp(a)),
      { ...totp(account('Bank', 'bob'), { algo: 'MD5', period: 10, pin: '1234' }), type: 'motp' },
      totp(account('Odd', 'eve'), { digits: 11 }),
    ],
  };
}

/** A plain Aegis export around `db`. */
export function aegisPlainFile(db: Record<string, unknown> = aegisDbWithSkipped()): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ version: 1, header: { slots: null, params: null }, db }));
}

/**
 * A FreeOTP (v1) backup: Android preferences XML with 100 real tokens and as many other
 * preferences (`<int>`, which FreeOTP ignores) as the work budget's XML limits accept, so every
 * check lets it through to the parser, which then needs seconds. Nothing in it is an error: read
 * to the end it gives 100 accounts. Written line by line into one buffer, so making it leaves
 * little garbage behind (a test that measures pauses of this process must not cause its own).
 */
export function budgetSizedFreeOtpXml(): {
  readonly bytes: Uint8Array;
  readonly elements: number;
  /** The secrets of its 100 accounts. */
  readonly secrets: readonly Uint8Array[];
} {
  const tokens = 100;
  // One element and one attribute per token, two attributes per <int>, the root: all under the limits.
  const margin = 100;
  const ints = Math.min(
    IMPORT_LIMITS['xml-elements'].value - tokens - 1 - margin,
    Math.floor((IMPORT_LIMITS['xml-attributes'].value - tokens) / 2) - margin,
  );
  const limit = IMPORT_LIMITS['file-bytes'].value;
  const out = new Uint8Array(limit);
  const encoder = new TextEncoder();
  let size = 0;
  const write = (text: string): void => {
    const { written } = encoder.encodeInto(text, out.subarray(size));
    if (written === undefined || written < text.length) throw new Error('the FreeOTP file outgrew the size limit');
    size += written;
  };
  const q = '&quot;';
  const secrets: Uint8Array[] = [];
  write(`<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n`);
  for (let i = 0; i < tokens; i++) {
    secrets.push(secretOf(`freeotp:${i}`));
    const secret = Array.from(secretOf(`freeotp:${i}`), (b) => (b > 127 ? b - 256 : b)).join(',');
    const json = [
      `${q}algo${q}:${q}SHA1${q}`,
      `${q}digits${q}:6`,
      `${q}issuerExt${q}:${q}Service ${i}${q}`,
      `${q}label${q}:${q}user${i}@example.com${q}`,
      `${q}period${q}:30`,
      `${q}secret${q}:[${secret}]`,
      `${q}type${q}:${q}TOTP${q}`,
    ].join(',');
    write(`    <string name="Service ${i}:user${i}@example.com">{${json}}</string>\n`);
  }
  const filler = 'x'.repeat(200);
  for (let i = 0; i < ints; i++) write(`    <int name="setting_${i}" value="${filler}" />\n`);
  write('</map>\n');
  return { bytes: out.slice(0, size), elements: tokens + ints + 1, secrets };
}

/** A link list of `lines` long links (~3 KB each): a text that alone takes tens of MB of heap once decoded. */
export function longLinkList(lines: number): Uint8Array {
  const accounts = Array.from({ length: lines }, (_, i) => account(`Issuer ${i} ${'i'.repeat(200)}`, `a${i}`));
  const padded = accounts.map((a) => `${link(a)}&image=${'https%3A%2F%2Fexample.com%2F'.repeat(100)}`);
  return new TextEncoder().encode(padded.join('\n'));
}

/** An uncompressed 24-bit BMP of the pixels (bottom-up rows, BGR, each row padded to 4 bytes). */
export function bmp24(image: RgbaImage): Uint8Array {
  const rowBytes = Math.ceil((image.width * 3) / 4) * 4;
  const pixelBytes = rowBytes * image.height;
  const out = new Uint8Array(54 + pixelBytes);
  const view = new DataView(out.buffer);
  out.set([0x42, 0x4d]); // "BM"
  view.setUint32(2, out.length, true);
  view.setUint32(10, 54, true); // pixels' offset
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, image.width, true);
  view.setInt32(22, image.height, true);
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(30, 0, true); // BI_RGB
  view.setUint32(34, pixelBytes, true);
  for (let y = 0; y < image.height; y++) {
    const row = 54 + (image.height - 1 - y) * rowBytes;
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + x) * 4;
      const to = row + x * 3;
      out[to] = image.data[from + 2] ?? 0;
      out[to + 1] = image.data[from + 1] ?? 0;
      out[to + 2] = image.data[from] ?? 0;
    }
  }
  return out;
}
