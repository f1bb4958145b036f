// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A strict reader for one shape of Java object serialization: a `java.util.HashMap<String, String>`
 * as `ObjectOutputStream.writeObject` writes it (FreeOTP 2.x backups, FORMATS.md §8). Anything else
 * — another class, a non-string key or value, trailing data — is refused.
 *
 * Hand-written on purpose: the one npm package for the format (java-deserialization 0.1.0) is a
 * single 2016 release without types that builds arbitrary object graphs; this reader accepts only
 * the bytes a HashMap<String, String> can produce (as Aegis's own SerializedHashMapParser does).
 *
 * Back-references (`TC_REFERENCE`) let a small stream stand for a huge one (20,000 references to
 * one 8 MB string): every string handed out, referenced or not, is charged by its length to the
 * budget's `reference-expansion` limit, so what the caller parses stays bounded.
 *
 * @see https://docs.oracle.com/javase/8/docs/platform/serialization/spec/protocol.html
 */
import type { WorkBudget } from './budget';

/** The stream is not a serialized HashMap<String, String>; the message says where it differs. */
export class JavaSerializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaSerializationError';
  }
}

const MAGIC = 0xaced;
const VERSION = 5;
const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
const TC_LONGSTRING = 0x7c;
const BASE_HANDLE = 0x7e0000;
const HASHMAP_UID = 362498820763181265n;
/** More pairs than any authenticator backup holds; bounds work on hostile input. */
const MAX_PAIRS = 100_000;

/** True when the bytes start with the Java serialization magic and version (`AC ED 00 05`). */
export function isJavaSerialized(bytes: Uint8Array): boolean {
  return bytes[0] === 0xac && bytes[1] === 0xed && bytes[2] === 0x00 && bytes[3] === VERSION;
}

/**
 * Reads a serialized HashMap<String, String>; entries come in stream order.
 * @throws JavaSerializationError; BudgetExceededError past `reference-expansion`.
 */
export function readJavaStringMap(bytes: Uint8Array, budget: WorkBudget): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const fail = (what: string): never => {
    throw new JavaSerializationError(`not a serialized HashMap<String, String>: ${what} at byte ${pos}`);
  };
  const need = (n: number): number => {
    if (n > bytes.length - pos) fail('unexpected end of data');
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => view.getUint8(need(1));
  const u16 = (): number => view.getUint16(need(2));
  const i32 = (): number => view.getInt32(need(4));
  const expect = (value: number, what: string): void => {
    if (u8() !== value) fail(`expected ${what}`);
  };
  const handles: (string | null)[] = []; // null: the class description and the map itself
  const utf = (length: number): string => decodeModifiedUtf8(bytes.subarray(need(length), pos), fail);

  if (u16() !== MAGIC || u16() !== VERSION) fail('wrong magic or version');
  expect(TC_OBJECT, 'an object');
  expect(TC_CLASSDESC, 'a class description');
  if (utf(u16()) !== 'java.util.HashMap') fail('the class is not java.util.HashMap');
  if (view.getBigInt64(need(8)) !== HASHMAP_UID) fail('unexpected serialVersionUID');
  handles.push(null);
  if ((u8() & 0x03) !== 0x03) fail('unexpected class flags');
  // OpenJDK writes loadFactor and threshold; Android's HashMap (API ≤ 23) only loadFactor.
  const fieldCount = u16();
  if (fieldCount < 1 || fieldCount > 2) fail('unexpected field count');
  for (let i = 0; i < fieldCount; i++) {
    const type = u8();
    const name = utf(u16());
    if (!((type === 0x46 && name === 'loadFactor') || (type === 0x49 && name === 'threshold'))) {
      fail('unexpected field');
    }
  }
  expect(TC_ENDBLOCKDATA, 'end of class annotations');
  expect(TC_NULL, 'no superclass');
  handles.push(null);
  need(4 * fieldCount); // loadFactor (float) [, threshold (int)]
  expect(TC_BLOCKDATA, 'block data');
  if (u8() !== 8) fail('unexpected block length');
  i32(); // capacity
  const size = i32();
  if (size < 0 || size > MAX_PAIRS) fail('implausible size');

  const handOut = (s: string): string => {
    budget.spend('reference-expansion', s.length);
    return s;
  };
  const readString = (): string => {
    const tag = u8();
    if (tag === TC_STRING) {
      const s = utf(u16());
      handles.push(s);
      return handOut(s);
    }
    if (tag === TC_LONGSTRING) {
      const length = view.getBigInt64(need(8));
      if (length < 0n || length > BigInt(bytes.length - pos)) fail('string longer than the data');
      const s = utf(Number(length));
      handles.push(s);
      return handOut(s);
    }
    if (tag === TC_REFERENCE) {
      const target = handles[i32() - BASE_HANDLE];
      return typeof target === 'string' ? handOut(target) : fail('reference to something that is not a string');
    }
    return fail('expected a string');
  };
  const map = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    const key = readString();
    map.set(key, readString());
  }
  expect(TC_ENDBLOCKDATA, 'end of map data');
  if (pos !== bytes.length) fail('trailing data');
  return map;
}

/**
 * Java's modified UTF-8: 1–3 byte sequences of UTF-16 code units; NUL is C0 80. The units go into a
 * typed array (2 bytes each, never more units than bytes), so a long string costs a few times its
 * size, not the ~8 bytes a unit of a plain array.
 */
function decodeModifiedUtf8(bytes: Uint8Array, fail: (what: string) => never): string {
  const units = new Uint16Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length;) {
    const a = bytes[i] ?? 0;
    if (a < 0x80 && a !== 0) {
      units[n++] = a;
      i += 1;
    } else if ((a & 0xe0) === 0xc0) {
      const b = bytes[i + 1] ?? 0;
      if ((b & 0xc0) !== 0x80) fail('invalid modified UTF-8');
      units[n++] = ((a & 0x1f) << 6) | (b & 0x3f);
      i += 2;
    } else if ((a & 0xf0) === 0xe0) {
      const b = bytes[i + 1] ?? 0;
      const c = bytes[i + 2] ?? 0;
      if ((b & 0xc0) !== 0x80 || (c & 0xc0) !== 0x80) fail('invalid modified UTF-8');
      units[n++] = ((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f);
      i += 3;
    } else {
      fail('invalid modified UTF-8');
    }
  }
  let out = '';
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode(...units.subarray(i, Math.min(n, i + 8192)));
  return out;
}
