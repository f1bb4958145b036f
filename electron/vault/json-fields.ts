// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Strict readers for the JSON parts of the file (header and payload metadata). Every value from a
 * file is `unknown` until one of these narrows it; anything unexpected is a `corrupt` VaultError
 * naming the place, and unknown keys are refused (the format version changes instead).
 */
import { corrupt } from './errors';

/** A plain JSON object with exactly the `required` keys plus any of the `optional` ones. */
export function readObject(
  value: unknown,
  where: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(`${where} is not an object`);
  const record = value as Record<string, unknown>;
  for (const key of required) if (!Object.hasOwn(record, key)) throw corrupt(`${where} has no '${key}'`);
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) throw corrupt(`${where} has an unknown field '${key}'`);
  }
  return record;
}

/** A safe integer in [min, max]. */
export function readInt(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw corrupt(`${where} is not an integer in [${min}, ${max}]`);
  }
  return value;
}

/** A string of at most `maxLength` UTF-16 code units. */
export function readString(value: unknown, where: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length > maxLength) throw corrupt(`${where} is not a valid string`);
  return value;
}

/** One of the listed string literals. */
export function readEnum<T extends string>(value: unknown, where: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw corrupt(`${where} is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** An array of at most `maxItems` items. */
export function readArray(value: unknown, where: string, maxItems: number): readonly unknown[] {
  if (!Array.isArray(value) || value.length > maxItems) throw corrupt(`${where} is not a list of at most ${maxItems}`);
  return value;
}

/** Canonical standard base64 (RFC 4648 §4, padded) of exactly `length` bytes. */
export function readBase64(value: unknown, where: string, length: number): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw corrupt(`${where} is not base64`);
  const bytes = Buffer.from(value, 'base64');
  // Refuses non-canonical spellings (stray padding bits), so one value has one encoding.
  if (bytes.length !== length || bytes.toString('base64') !== value) {
    throw corrupt(`${where} is not ${length} bytes of canonical base64`);
  }
  return new Uint8Array(bytes); // a copy: small Buffers share Node's pool
}

/** Standard padded base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Strict UTF-8 → JSON (docs/vault-format.md §3): invalid UTF-8 (a byte-order mark included, which
 * stays in the text and is not JSON), invalid JSON, and an object that repeats a member name are
 * all `corrupt`. Repeated names are refused because parsers disagree on which one counts, so two
 * readers could see two different headers in the same authenticated bytes.
 */
export function parseJsonBytes(bytes: Uint8Array, where: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw corrupt(`${where} is not valid UTF-8`, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw corrupt(`${where} is not valid JSON`, error);
  }
  const repeated = repeatedMemberName(text);
  if (repeated !== null) {
    // Quote only a plain name: the message may reach a terminal.
    const shown = /^[A-Za-z0-9_]{1,32}$/.test(repeated) ? `'${repeated}'` : 'of a member';
    throw corrupt(`${where} repeats the name ${shown} in one object`);
  }
  return value;
}

/**
 * The first member name that appears twice in one object of `text`, compared after unescaping
 * (`"a"` and `"\u0061"` are the same name), or null. `text` must already be valid JSON, so a
 * light scan suffices: a string right after `{` or after `,` inside an object is a member name.
 */
export function repeatedMemberName(text: string): string | null {
  const objects: (Set<string> | null)[] = []; // one frame per open object (a Set) or array (null)
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x5c /* \ */) {
          escaped = true;
          end++;
        } else if (d === 0x22) break;
      }
      if (expectName) {
        const name = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        const names = objects.at(-1);
        if (names) {
          if (names.has(name)) return name;
          names.add(name);
        }
        expectName = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      objects.push(new Set());
      expectName = true;
    } else if (c === 0x5b /* [ */) {
      objects.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      objects.pop();
    } else if (c === 0x2c /* , */) {
      expectName = objects.at(-1) instanceof Set;
    }
  }
  return null;
}
