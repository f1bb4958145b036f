// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A minimal animated-PNG encoder (APNG, https://wiki.mozilla.org/APNG_Specification) for the
 * countdown rings: full-size RGBA frames, each shown for its own time, looping forever. Browsers
 * play an animated image on the compositor and wake only when a frame changes, which is why the
 * rings are images rather than CSS animations (those tick the compositor at the display's rate).
 * Compression is zlib through the platform's CompressionStream.
 */

export interface ApngFrame {
  /** width × height × 4 bytes, straight (not premultiplied) alpha, rows top to bottom. */
  readonly rgba: Uint8Array | Uint8ClampedArray;
  /** How long the frame shows, in milliseconds: 1 … 65,535, or whole seconds up to 65,535 s. */
  readonly delayMs: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (over type and data). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function u32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v));
  return out;
}

/** Each row prefixed with filter type 0 (None): the frames are small and mostly transparent. */
function scanlines(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) out.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** zlib-wrapped deflate, as IDAT and fdAT carry it. */
async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  // Not awaited: a write resolves only once the output is read below.
  const written = Promise.all([writer.write(bytes as Uint8Array<ArrayBuffer>), writer.close()]);
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) chunks.push(part.value);
  await written;
  return concat(chunks);
}

/** fcTL: the frame covers the whole image, replaces what was there, and leaves it for the next. */
function frameControl(sequence: number, width: number, height: number, delayMs: number): Uint8Array {
  const data = new Uint8Array(26);
  const view = new DataView(data.buffer);
  view.setUint32(0, sequence);
  view.setUint32(4, width);
  view.setUint32(8, height);
  view.setUint32(12, 0); // x offset
  view.setUint32(16, 0); // y offset
  // The delay is a fraction of a second: milliseconds when they fit 16 bits, else whole seconds.
  const [numerator, denominator] = delayMs <= 0xffff ? [delayMs, 1000] : [Math.round(delayMs / 1000), 1];
  view.setUint16(20, numerator);
  view.setUint16(22, denominator);
  data[24] = 0; // dispose: none
  data[25] = 0; // blend: source (replace, alpha included)
  return chunk('fcTL', data);
}

/** Encodes `frames` (at least one) as a forever-looping APNG; frame 0 is also the still image. */
export async function encodeApng(width: number, height: number, frames: readonly ApngFrame[]): Promise<Uint8Array> {
  if (frames.length === 0) throw new RangeError('an animation needs at least one frame');
  const parts: Uint8Array[] = [Uint8Array.from(SIGNATURE)];
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  parts.push(chunk('IHDR', header), chunk('acTL', u32s(frames.length, 0)));
  const compressed = await Promise.all(
    frames.map((f) => {
      if (f.rgba.length !== width * height * 4) throw new RangeError('a frame has the wrong size');
      const fits = f.delayMs <= 0xffff || (f.delayMs % 1000 === 0 && f.delayMs / 1000 <= 0xffff);
      if (!(Number.isInteger(f.delayMs) && f.delayMs >= 1 && fits))
        throw new RangeError('a frame delay is out of range');
      return zlib(scanlines(f.rgba, width, height));
    }),
  );
  let sequence = 0;
  compressed.forEach((data, i) => {
    parts.push(frameControl(sequence++, width, height, frames[i]?.delayMs ?? 1000));
    if (i === 0) {
      parts.push(chunk('IDAT', data));
    } else {
      const fdat = new Uint8Array(4 + data.length);
      new DataView(fdat.buffer).setUint32(0, sequence++);
      fdat.set(data, 4);
      parts.push(chunk('fdAT', fdat));
    }
  });
  parts.push(chunk('IEND', new Uint8Array(0)));
  return concat(parts);
}
