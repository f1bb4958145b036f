// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A strict reader for one shape of Java object serialization: a `java.util.HashMap<String, String>`
 * as `ObjectOutputStream.writeObject` writes it (FreeOTP 2.x backups, docs/formats.md §8).
 * Anything else — another class, a non-string key or value, trailing data — is refused.
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

/** A cursor over the stream; a failure names the byte it stopped at. */
class JavaStream {
  pos = 0;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(what: string): never {
    throw new JavaSerializationError(`not a serialized HashMap<String, String>: ${what} at byte ${this.pos}`);
  }

  /** Skips `n` bytes and returns where they start. */
  need(n: number): number {
    if (n > this.bytes.length - this.pos) this.fail('unexpected end of data');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }

  u16(): number {
    return this.view.getUint16(this.need(2));
  }

  i32(): number {
    return this.view.getInt32(this.need(4));
  }

  i64(): bigint {
    return this.view.getBigInt64(this.need(8));
  }

  expect(value: number, what: string): void {
    if (this.u8() !== value) this.fail(`expected ${what}`);
  }

  /** `length` bytes of modified UTF-8. */
  utf(length: number): string {
    return decodeModifiedUtf8(this.bytes.subarray(this.need(length), this.pos), (what) => this.fail(what));
  }
}

/**
 * Reads a serialized HashMap<String, String>; entries come in stream order.
 * @throws JavaSerializationError; BudgetExceededError past `reference-expansion`.
 */
export function readJavaStringMap(bytes: Uint8Array, budget: WorkBudget): Map<string, string> {
  const stream = new JavaStream(bytes);
  const handles: (string | null)[] = []; // null: the class description and the map itself
  const size = readHashMapHeader(stream, handles);
  const map = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    const key = readString(stream, handles, budget);
    map.set(key, readString(stream, handles, budget));
  }
  stream.expect(TC_ENDBLOCKDATA, 'end of map data');
  if (stream.pos !== bytes.length) stream.fail('trailing data');
  return map;
}

/**
 * Reads the stream up to the map's pairs: magic and version, the HashMap class description (its
 * serialVersionUID, flags and fields), the fields' values and the block that gives the pair count.
 * Hands out a handle for the class description and one for the map. Returns the pair count.
 */
function readHashMapHeader(stream: JavaStream, handles: (string | null)[]): number {
  if (stream.u16() !== MAGIC || stream.u16() !== VERSION) stream.fail('wrong magic or version');
  stream.expect(TC_OBJECT, 'an object');
  stream.expect(TC_CLASSDESC, 'a class description');
  if (stream.utf(stream.u16()) !== 'java.util.HashMap') stream.fail('the class is not java.util.HashMap');
  if (stream.i64() !== HASHMAP_UID) stream.fail('unexpected serialVersionUID');
  handles.push(null);
  if ((stream.u8() & 0x03) !== 0x03) stream.fail('unexpected class flags');
  // OpenJDK writes loadFactor and threshold; Android's HashMap (API ≤ 23) only loadFactor.
  const fieldCount = stream.u16();
  if (fieldCount < 1 || fieldCount > 2) stream.fail('unexpected field count');
  for (let i = 0; i < fieldCount; i++) {
    const type = stream.u8();
    const name = stream.utf(stream.u16());
    if (!((type === 0x46 && name === 'loadFactor') || (type === 0x49 && name === 'threshold'))) {
      stream.fail('unexpected field');
    }
  }
  stream.expect(TC_ENDBLOCKDATA, 'end of class annotations');
  stream.expect(TC_NULL, 'no superclass');
  handles.push(null);
  stream.need(4 * fieldCount); // loadFactor (float) [, threshold (int)]
  stream.expect(TC_BLOCKDATA, 'block data');
  if (stream.u8() !== 8) stream.fail('unexpected block length');
  stream.i32(); // capacity
  const size = stream.i32();
  if (size < 0 || size > MAX_PAIRS) stream.fail('implausible size');
  return size;
}

/**
 * One key or value: a new string (short or long), which gets the next handle, or a reference to
 * an earlier one. Every string handed out is charged by its length to `reference-expansion`.
 */
function readString(stream: JavaStream, handles: (string | null)[], budget: WorkBudget): string {
  const handOut = (s: string): string => {
    budget.spend('reference-expansion', s.length);
    return s;
  };
  const tag = stream.u8();
  if (tag === TC_STRING) {
    const s = stream.utf(stream.u16());
    handles.push(s);
    return handOut(s);
  }
  if (tag === TC_LONGSTRING) {
    const length = stream.i64();
    if (length < 0n || length > BigInt(stream.bytes.length - stream.pos)) stream.fail('string longer than the data');
    const s = stream.utf(Number(length));
    handles.push(s);
    return handOut(s);
  }
  if (tag === TC_REFERENCE) {
    const target = handles[stream.i32() - BASE_HANDLE];
    return typeof target === 'string' ? handOut(target) : stream.fail('reference to something that is not a string');
  }
  return stream.fail('expected a string');
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
