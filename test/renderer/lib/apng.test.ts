// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The APNG encoder: chunks as the specification lays them out (sequence numbers, CRCs, frame
 * delays), pixels that inflate back to the frames, and a still image an independent decoder
 * (libvips through sharp) reads as frame 0.
 */
import sharp from 'sharp';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodeApng, type ApngFrame } from '../../../renderer/codes/rings/apng';

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
  readonly crcOk: boolean;
}

function chunks(png: Uint8Array): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at);
const u16 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint16(at);

/** A 3 × 2 frame of one colour. */
function solid(r: number, g: number, b: number, a: number, delayMs = 1000): ApngFrame {
  return { rgba: Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => [r, g, b, a][i % 4] ?? 0), delayMs };
}

/** Inflates a frame's data and drops each row's filter byte (always 0, None). */
function unfiltered(zdata: Uint8Array, width: number, height: number): number[] {
  const raw = inflateSync(zdata);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    out.push(...raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)));
  }
  return out;
}

describe('APNG encoder', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('lays out IHDR, acTL, then fcTL + IDAT/fdAT per frame with one sequence, and IEND', async () => {
    const frames = [solid(255, 0, 0, 255, 1000), solid(0, 255, 0, 128, 250), solid(0, 0, 255, 0, 30_000)];
    const list = chunks(await encodeApng(3, 2, frames));
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const [ihdr, actl] = list;
    expect([u32(ihdr!.data, 0), u32(ihdr!.data, 4), ...ihdr!.data.subarray(8)]).toEqual([3, 2, 8, 6, 0, 0, 0]);
    expect([u32(actl!.data, 0), u32(actl!.data, 4)]).toEqual([3, 0]); // three frames, loop forever
    const controls = list.filter((c) => c.type === 'fcTL').map((c) => c.data);
    const sequences = [
      ...controls.map((d) => u32(d, 0)),
      ...list.filter((c) => c.type === 'fdAT').map((c) => u32(c.data, 0)),
    ];
    expect(sequences.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(controls.map((d) => [u16(d, 20), u16(d, 22)])).toEqual([
      [1000, 1000],
      [250, 1000],
      [30_000, 1000],
    ]);
    for (const d of controls)
      expect([u32(d, 4), u32(d, 8), u32(d, 12), u32(d, 16), d[24], d[25]]).toEqual([3, 2, 0, 0, 0, 0]);
    const data = [list[3]!.data, list[5]!.data.subarray(4), list[7]!.data.subarray(4)];
    data.forEach((z, i) => expect(unfiltered(z, 3, 2)).toEqual([...(frames[i]?.rgba ?? [])]));
  });

  it('writes delays beyond 65.535 s as whole seconds', async () => {
    const list = chunks(await encodeApng(3, 2, [solid(1, 2, 3, 4, 120_000)]));
    const control = list.find((c) => c.type === 'fcTL')!.data;
    expect([u16(control, 20), u16(control, 22)]).toEqual([120, 1]);
  });

  it('is a PNG an independent decoder reads as its first frame', async () => {
    const first = solid(20, 184, 166, 255);
    const png = await encodeApng(3, 2, [first, solid(217, 45, 32, 255)]);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 4]);
    expect([...data]).toEqual([...first.rgba]);
  });

  it('refuses no frames, a frame of the wrong size and delays it cannot write', async () => {
    await expect(encodeApng(3, 2, [])).rejects.toThrow(RangeError);
    await expect(encodeApng(3, 3, [solid(0, 0, 0, 0)])).rejects.toThrow(/wrong size/);
    for (const delayMs of [0, -1, 1.5, 65_536 + 500, 0x10000 * 1000, Number.NaN])
      await expect(encodeApng(3, 2, [solid(0, 0, 0, 0, delayMs)]), String(delayMs)).rejects.toThrow(/delay/);
  });
});
