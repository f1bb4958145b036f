// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Hostile import files, built in memory (never committed): each is the smallest file that made
 * Tessera spend seconds or gigabytes before the work budget (issue 14), at the size reported, plus
 * a few that sit just past one limit. Shared by the hostile-input suite and scripts/bench/hostile.ts.
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import initSqlJs from 'sql.js';
import { qrPng } from '../../../../electron/export/qr';

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

/**
 * A ZIP of `count` empty stored files (the first one `Accounts.txt`, so it is taken for an
 * Authenticator Plus export), with ZIP64 end records when the count does not fit 16 bits. ~90 bytes
 * an entry: 480,000 entries are 43 MB.
 */
export function zipWithEntries(count: number): Uint8Array {
  const name = (i: number): Buffer => (i === 0 ? ascii('Accounts.txt') : ascii(`f${i.toString(36)}`));
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const n = name(i);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(n.length, 26);
    local.push(lh, n);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(central);
  return Uint8Array.from(Buffer.concat([...local, cd, endRecords(count, cd.length, offset, offset + cd.length)]));
}

/**
 * A ZIP holding one `Accounts.txt` whose header declares `declared` bytes but which inflates to
 * `inflated` bytes of links (a lying zip bomb).
 */
export function zipBomb(inflated: number, declared: number): Uint8Array {
  const line = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n';
  const text = Buffer.alloc(inflated, line);
  const data = deflateRawSync(text, { level: 9 });
  const n = ascii('Accounts.txt');
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0);
  lh.writeUInt16LE(20, 4);
  lh.writeUInt16LE(8, 8); // deflate
  lh.writeUInt32LE(data.length, 18);
  lh.writeUInt32LE(declared, 22);
  lh.writeUInt16LE(n.length, 26);
  const ch = Buffer.alloc(46);
  ch.writeUInt32LE(0x02014b50, 0);
  ch.writeUInt16LE(20, 4);
  ch.writeUInt16LE(20, 6);
  ch.writeUInt16LE(8, 10);
  ch.writeUInt32LE(data.length, 20);
  ch.writeUInt32LE(declared, 24);
  ch.writeUInt16LE(n.length, 28);
  const cdStart = 30 + n.length + data.length;
  const cd = Buffer.concat([ch, n]);
  return Uint8Array.from(Buffer.concat([lh, n, data, cd, endRecords(1, cd.length, cdStart, cdStart + cd.length)]));
}

/** EOCD, preceded by the ZIP64 end record and locator when the count passes 65,535. */
function endRecords(count: number, cdSize: number, cdOffset: number, at: number): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  if (count <= 0xffff) {
    eocd.writeUInt16LE(count, 8);
    eocd.writeUInt16LE(count, 10);
    eocd.writeUInt32LE(cdSize, 12);
    eocd.writeUInt32LE(cdOffset, 16);
    return eocd;
  }
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(at), 8);
  locator.writeUInt32LE(1, 16);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([record, locator, eocd]);
}

const AUTHY_KEY = 'com.authy.storage.tokens.authenticator.key';

/** An Authy-looking shared_prefs file of `n` elements (25 bytes each: 1.55 million are 39 MB). */
export function xmlElements(n: number): string {
  return `<map><string name="${AUTHY_KEY}">[]</string>${'<int name="a" value="1"/>'.repeat(n)}</map>`;
}

/** `elements` elements of `perElement` distinct attributes each (16 × 187,500 = 3 million). */
export function xmlAttributes(elements: number, perElement: number): string {
  const attributes = Array.from({ length: perElement }, (_, i) => `a${i}="1"`).join(' ');
  return `<map><string name="${AUTHY_KEY}">[]</string>${`<i ${attributes}/>`.repeat(elements)}</map>`;
}

/** One string of `n` character references (`&#65;`, 5 bytes each: 10 million are 50 MB). */
export function xmlCharacterReferences(n: number): string {
  return `<map><string name="${AUTHY_KEY}">${'&#65;'.repeat(n)}</string></map>`;
}

/** A Google Authenticator database (`accounts` table) of `rows` empty rows (~13 bytes each). */
export async function sqliteRows(rows: number): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.exec(
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT, secret TEXT, counter INTEGER, type INTEGER, issuer TEXT)',
    );
    db.exec(
      `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows}) ` +
        "INSERT INTO accounts (email, secret) SELECT '', '' FROM c",
    );
    return db.export();
  } finally {
    db.close();
  }
}

/** A list of `n` account links, one per line (33 bytes each: a million are 33 MB). */
export function linkList(n: number): string {
  return 'otpauth://totp/a?secret=JBSWY3DP\n'.repeat(n);
}

/** An encrypted Aegis vault with `count` password slots of the given scrypt cost (none opens it). */
export function aegisSlots(count: number, cost: { n: number; r: number; p: number }): string {
  const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
  const slots = Array.from({ length: count }, (_, i) => ({
    type: 1,
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    key: hex(32),
    key_params: { nonce: hex(12), tag: hex(16) },
    ...cost,
    salt: hex(32),
    repaired: true,
    is_backup: false,
  }));
  return JSON.stringify({
    version: 1,
    header: { slots, params: { nonce: hex(12), tag: hex(16) } },
    db: randomBytes(64).toString('base64'),
  });
}

/** An encrypted Ente Auth export asking for Argon2id `opsLimit` passes over `memLimit` bytes. */
export function enteExport(opsLimit: number, memLimit: number): string {
  return JSON.stringify({
    version: 1,
    kdfParams: { memLimit, opsLimit, salt: randomBytes(16).toString('base64') },
    encryptedData: randomBytes(64).toString('base64'),
    encryptionNonce: randomBytes(24).toString('base64'),
  });
}

/**
 * A FreeOTP 2 backup (a serialized HashMap<String, String>) of `entries` pairs whose values all
 * refer back to one string of `stringBytes` characters: 20,000 uses of 8 MB in a 9 MB file.
 */
export function freeOtpReferences(entries: number, stringBytes: number): Uint8Array {
  const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
  const i32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const utf = (s: string): Buffer => Buffer.concat([u16(s.length), ascii(s)]);
  const parts: Buffer[] = [
    Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72]),
    utf('java.util.HashMap'),
    Buffer.from('0507dac1c31660d1', 'hex'),
    Buffer.from([0x03]),
    u16(2),
    Buffer.from([0x46]),
    utf('loadFactor'),
    Buffer.from([0x49]),
    utf('threshold'),
    Buffer.from([0x78, 0x70]),
    Buffer.from('3f400000', 'hex'),
    i32(12),
    Buffer.from([0x77, 0x08]),
    i32(16),
    i32(entries),
  ];
  // Handles: 0x7e0000 the class description, 0x7e0001 the map, then each string in order.
  const big = Buffer.alloc(stringBytes, 'a');
  const length = Buffer.alloc(8);
  length.writeBigInt64BE(BigInt(stringBytes));
  parts.push(Buffer.from([0x74]), utf('k0'), Buffer.from([0x7c]), length, big);
  const bigHandle = 0x7e0000 + 3;
  for (let i = 1; i < entries; i++) {
    parts.push(Buffer.from([0x74]), utf(`k${i}`), Buffer.from([0x71]), i32(bigHandle));
  }
  parts.push(Buffer.from([0x78]));
  return Uint8Array.from(Buffer.concat(parts));
}

/** A PNG of `n` QR codes (account links) in a grid of `columns`, 3 pixels a module. */
export async function qrGrid(n: number, columns: number): Promise<Uint8Array> {
  const tiles: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    tiles.push(Buffer.from(await qrPng(`otpauth://totp/T${i}:a?secret=JBSWY3DPEHPK3PXP&issuer=T${i}`, { scale: 3 })));
  }
  const first = await sharp(tiles[0]).metadata();
  const w = first.width ?? 0;
  const h = first.height ?? 0;
  const rows = Math.ceil(n / columns);
  const png = await sharp({ create: { width: w * columns, height: h * rows, channels: 3, background: '#ffffff' } })
    .composite(tiles.map((input, i) => ({ input, left: (i % columns) * w, top: Math.floor(i / columns) * h })))
    .png()
    .toBuffer();
  return Uint8Array.from(png);
}
