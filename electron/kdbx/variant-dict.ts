// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * KDBX 4's VariantDictionary (the KDF parameters and the public custom data of the header): a
 * 2-byte version (critical byte 0x01), then items `type · u32 name length · name · u32 value length ·
 * value` until a 0 type. https://keepass.info/help/kb/kdbx_4.html ("VariantDictionary");
 * keepassxreboot/keepassxc src/format/Kdbx4Reader.cpp readVariantMap.
 */
import { ByteReader, ByteWriter } from './bytes';
import { corrupt, KdbxError } from './errors';

export type VariantValue =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'u64'; readonly value: bigint }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: bigint }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array };

const TYPE = { end: 0x00, u32: 0x04, u64: 0x05, bool: 0x08, i32: 0x0c, i64: 0x0d, string: 0x18, bytes: 0x42 } as const;
const VERSION = 0x0100;
const CRITICAL_MASK = 0xff00;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Reads a dictionary; `what` names it for errors ("the key-derivation parameters"). */
export function readVariantDictionary(bytes: Uint8Array, what: string): Map<string, VariantValue> {
  const r = new ByteReader(bytes, what);
  const version = r.u16();
  if ((version & CRITICAL_MASK) > (VERSION & CRITICAL_MASK)) {
    throw new KdbxError(
      'unsupported',
      'This KeePass database was saved by a newer KeePass that Tessera cannot read yet.',
      {
        details: `${what}: variant dictionary version 0x${version.toString(16)}`,
      },
    );
  }
  const out = new Map<string, VariantValue>();
  for (;;) {
    const type = r.u8();
    if (type === TYPE.end) return out;
    const name = utf8.decode(r.take(r.u32()));
    const raw = r.take(r.u32());
    const value = decodeValue(type, raw, what, name);
    if (!out.has(name)) out.set(name, value);
  }
}

function decodeValue(type: number, raw: Uint8Array, what: string, name: string): VariantValue {
  const size = (n: number): ByteReader => {
    if (raw.length !== n)
      throw corrupt(`${what} are malformed`, `${what}: '${name}' has ${raw.length} bytes, not ${n}`);
    return new ByteReader(raw, what);
  };
  switch (type) {
    case TYPE.u32:
      return { type: 'u32', value: size(4).u32() };
    case TYPE.u64:
      return { type: 'u64', value: size(8).u64() };
    case TYPE.bool:
      return { type: 'bool', value: size(1).u8() !== 0 };
    case TYPE.i32:
      return { type: 'i32', value: size(4).i32() };
    case TYPE.i64:
      return { type: 'i64', value: size(8).i64() };
    case TYPE.string:
      return { type: 'string', value: utf8.decode(raw) };
    case TYPE.bytes:
      return { type: 'bytes', value: Uint8Array.from(raw) };
    default:
      throw corrupt(`${what} are malformed`, `${what}: '${name}' has unknown type 0x${type.toString(16)}`);
  }
}

/** Writes a dictionary (items in the map's order). */
export function writeVariantDictionary(items: ReadonlyMap<string, VariantValue>): Uint8Array {
  const w = new ByteWriter().u16(VERSION);
  const enc = new TextEncoder();
  for (const [name, item] of items) {
    const key = enc.encode(name);
    const value = encodeValue(item);
    w.u8(TYPE[item.type]).u32(key.length).bytes(key).u32(value.length).bytes(value);
  }
  return w.u8(TYPE.end).result();
}

function encodeValue(item: VariantValue): Uint8Array {
  const w = new ByteWriter();
  switch (item.type) {
    case 'u32':
      return w.u32(item.value).result();
    case 'u64':
      return w.u64(item.value).result();
    case 'bool':
      return w.u8(item.value ? 1 : 0).result();
    case 'i32':
      return w.i32(item.value).result();
    case 'i64':
      return w.u64(BigInt.asUintN(64, item.value)).result();
    case 'string':
      return new TextEncoder().encode(item.value);
    case 'bytes':
      return item.value;
  }
}
