// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * QR code images for transfer links and per-entry `otpauth://` links, with the `qrcode` package.
 * Error correction M, as phone apps expect; a quiet zone of 4 modules (the standard's minimum).
 */
import QRCode from 'qrcode';

/** A PNG of `text` as a QR code. `text` holds secrets: the image does too. */
export function qrPng(text: string, options: { readonly scale?: number } = {}): Promise<Uint8Array> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: options.scale ?? 6 }).then(
    (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  );
}
