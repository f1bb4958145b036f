// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How many QR codes an image seems to hold (finder patterns), and what `tessera scan` says with it
 * (issue 14, item 10): a picture of more codes than the `qr-codes` limit is refused naming how many
 * it seems to hold, and a code the decoder cannot read is reported as seen rather than "no QR code".
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCodeCount, countFinderPatterns, decodeQr, QrError } from '../../../../electron/import/qr';
import { runCli, tempDir } from '../../cli/harness';
import { encodeImage, fillRect, newCanvas, paintQr, qrSide } from './render';

const LINK = (i: number): string => `otpauth://totp/T${i}:a?secret=JBSWY3DPEHPK3PXP&issuer=T${i}`;

/** `n` codes in a row on white, 3 pixels a module, optionally light on dark. */
function codes(n: number, options: { readonly invert?: boolean; readonly damage?: boolean } = {}) {
  const side = qrSide(LINK(0), 3);
  const canvas = newCanvas(side * n, side);
  fillRect(canvas, 0, 0, canvas.width, canvas.height, [255, 255, 255]);
  for (let i = 0; i < n; i++) paintQr(canvas, LINK(i), i * side, 0, 3);
  if (options.damage) {
    // Black over the middle of each code: its finder patterns stay, its data does not.
    for (let i = 0; i < n; i++) fillRect(canvas, i * side + side * 0.3, side * 0.3, side * 0.4, side * 0.4, [0, 0, 0]);
  }
  if (options.invert)
    for (let i = 0; i < canvas.data.length; i += 4) canvas.data.fill(255 - (canvas.data[i] ?? 0), i, i + 3);
  return canvas;
}

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe('finder patterns', () => {
  it('counts three per code, dark on light and light on dark', () => {
    expect(countFinderPatterns(codes(4))).toEqual({ patterns: 12, codes: 4 });
    expect(countFinderPatterns(codes(3, { invert: true }))).toEqual({ patterns: 9, codes: 3 });
    expect(countFinderPatterns(newCanvas(100, 100))).toEqual({ patterns: 0, codes: 0 });
  });

  it('refuses more codes than the limit, saying how many the image seems to hold', async () => {
    const image = codes(4);
    const found = await decodeQr(image);
    expect(checkCodeCount(image, found, 4)).toEqual({ read: 4, seen: 4 });
    let error: unknown;
    try {
      checkCodeCount(image, found, 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QrError);
    expect((error as QrError).kind).toBe('too-large');
    expect((error as QrError).limit).toEqual({ name: 'qr-codes', value: 3 });
    expect((error as QrError).message).toBe(
      'This image holds more than 3 QR codes (about 4); Tessera reads at most that many in one image: ' +
        'crop it into smaller parts and scan each.',
    );
  });
});

describe('tessera scan: codes seen but not read', () => {
  it('says how many it saw instead of "no QR code found"', async () => {
    const file = path.join(dir, 'damaged.png');
    await writeFile(file, await encodeImage(codes(2, { damage: true }), 'png'));
    const r = await runCli(['scan', file]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      'damaged.png: no QR code could be read, though Tessera saw what look like 2 QR codes.\n',
    );
    expect(r.stderr).toMatch(/tessera: No QR code could be read\. If the QR code is on a screen, zoom in/);
  });
});
