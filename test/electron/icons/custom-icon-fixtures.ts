// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Pictures and Aegis icon packs built inside the tests (nothing from the network, no binary
 * fixtures): PNG and JPEG through sharp, SVG as text, packs as ZIP files through zip.js to the
 * format Aegis documents (docs/iconpacks.md: pack.json with uuid, name, version and icons), and
 * ways to make a ZIP lie about itself (declared sizes, entry counts).
 */
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import sharp from 'sharp';
import { crc32 } from 'node:zlib';

configure({ useWebWorkers: false });

export const PACK_UUID = 'c553f06f-2a17-46ca-87f5-56af90dd0500';

export const GOOD_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#181717" d="M12 0L24 24H0z"/></svg>';

export function svgBytes(svg: string): Uint8Array {
  return new TextEncoder().encode(svg);
}

/** A PNG of one colour (sharp). */
export async function png(width: number, height: number, background = '#ff0000'): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 4, background } })
      .png()
      .toBuffer(),
  );
}

/** A JPEG of one colour, with EXIF naming `copyright` when given (sharp). */
export async function jpeg(width: number, height: number, copyright?: string): Promise<Uint8Array> {
  let image = sharp({ create: { width, height, channels: 3, background: '#336699' } });
  if (copyright !== undefined) image = image.withExif({ IFD0: { Copyright: copyright } });
  return new Uint8Array(await image.jpeg().toBuffer());
}

/** A PNG of random pixels (does not compress): `size`² RGBA is about 4·size² bytes. */
export async function noisyPng(size: number, seed = 1): Promise<Uint8Array> {
  const pixels = new Uint8Array(size * size * 4);
  let x = seed;
  for (let i = 0; i < pixels.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  return new Uint8Array(
    await sharp(pixels, { raw: { width: size, height: size, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

/** A PNG chunk with its CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** `png` with `chunk` inserted right after IHDR. */
export function withChunkAfterIhdr(pngBytes: Uint8Array, chunk: Uint8Array): Uint8Array {
  const at = 8 + 25;
  const out = new Uint8Array(pngBytes.length + chunk.length);
  out.set(pngBytes.subarray(0, at));
  out.set(chunk, at);
  out.set(pngBytes.subarray(at), at + chunk.length);
  return out;
}

export interface PackIconSpec {
  readonly filename: string;
  readonly category?: string | null;
  readonly issuer?: readonly string[];
}

/** pack.json as Aegis documents it. */
export function packJson(icons: readonly PackIconSpec[], over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    uuid: PACK_UUID,
    name: 'Test Icons',
    version: 1,
    icons: icons.map((i) => ({ filename: i.filename, category: i.category ?? 'Services', issuer: i.issuer ?? [] })),
    ...over,
  });
}

/** A ZIP of these files (deflated; `store` names the ones kept uncompressed). */
export async function zip(
  files: Record<string, Uint8Array | string>,
  store: readonly string[] = [],
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    await writer.add(name, new Uint8ArrayReader(bytes), { level: store.includes(name) ? 0 : 6 });
  }
  return writer.close();
}

/** A pack of these icons and files. */
export async function pack(
  icons: readonly PackIconSpec[],
  files: Record<string, Uint8Array | string>,
  over: Record<string, unknown> = {},
): Promise<Uint8Array> {
  return zip({ 'pack.json': packJson(icons, over), ...files });
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function endOfCentralDirectory(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.length - 22; at >= 0; at--) if (view.getUint32(at, true) === EOCD) return at;
  throw new Error('no end record');
}

/** A copy whose end record claims `entries` entries. */
export function claimEntries(bytes: Uint8Array, entries: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const end = endOfCentralDirectory(out);
  view.setUint16(end + 8, entries, true);
  view.setUint16(end + 10, entries, true);
  return out;
}

/**
 * A copy whose central directory says every member (or only `member`, in its local header too)
 * unpacks to `size`.
 */
export function claimUncompressedSize(bytes: Uint8Array, size: number, member?: string): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const end = endOfCentralDirectory(out);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error('no central header');
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLength));
    if (member === undefined || name === member) view.setUint32(at + 24, size, true);
    if (member !== undefined && name === member) {
      const header = view.getUint32(at + 42, true);
      if (view.getUint32(header, true) !== LOCAL) throw new Error('no local header');
      view.setUint32(header + 22, size, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
