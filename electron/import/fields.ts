// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading untrusted file content: UTF-8 text, JSON and typed fields. `unknown` stops here: every
 * importer reads its values through these functions, which check the type and name the field when
 * it is wrong. A missing or mistyped field of one entry throws {@link EntryProblem} (that entry is
 * skipped); a broken container throws ImportError `corrupt`.
 */
import { IMPORT_LIMITS } from './budget-limits';
import type { WorkBudget } from './budget';
import { chargeJson, scanJson } from './prescan';
import { ImportError } from './types';

/**
 * Something wrong with one entry's data; the entry is skipped with this message (plain words) as the
 * reason and `details` (the technical side: a field name, an encoding) beside it.
 */
export class EntryProblem extends Error {
  readonly details: string | undefined;

  constructor(message: string, options?: { cause?: unknown; details?: string | undefined }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EntryProblem';
    this.details = options?.details;
  }
}

/** The plain reason for an entry whose data is incomplete or of the wrong kind; the field goes to `details`. */
export const DAMAGED_ENTRY = 'its data in the file is incomplete or damaged';

export type JsonRecord = Readonly<Record<string, unknown>>;

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text without a byte-order mark, or null when the bytes are not UTF-8. */
export function tryDecodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return null;
  }
}

/**
 * UTF-8 text without a byte-order mark.
 * @throws ImportError `corrupt` naming `what` when the bytes are not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  const text = tryDecodeUtf8(bytes);
  if (text === null) throw new ImportError('corrupt', `${what} is not UTF-8 text; the file may be damaged.`);
  return text;
}

/**
 * Parses JSON text, charged to the import's budget first (its length, depth and values).
 * @throws BudgetExceededError; ImportError `corrupt` naming `what` (JSON.parse's message is
 *   dropped: it may quote content).
 */
export function parseJson(text: string, what: string, budget: WorkBudget): unknown {
  chargeJson(budget, text);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ImportError('corrupt', `${what} is not valid JSON; the file may be damaged or truncated.`, { cause });
  }
}

const sniffCache = new WeakMap<Uint8Array, unknown>();
const NOT_JSON = Symbol('not-json');

/**
 * The file parsed as JSON for format detection, or undefined. Cached per byte array, so the
 * detectors of every format share one parse; only text that starts like JSON, and whose depth and
 * values are within the default limits, is parsed (importFile refuses the others by name first).
 */
export function sniffJson(bytes: Uint8Array): unknown {
  const cached = sniffCache.get(bytes);
  if (cached !== undefined) return cached === NOT_JSON ? undefined : cached;
  let value: unknown = NOT_JSON;
  const first = firstNonSpace(bytes);
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    const text = tryDecodeUtf8(bytes);
    if (text !== null && withinDefaultJsonLimits(text)) {
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        value = NOT_JSON;
      }
    }
  }
  sniffCache.set(bytes, value);
  return value === NOT_JSON ? undefined : value;
}

function withinDefaultJsonLimits(text: string): boolean {
  const shape = scanJson(text);
  return shape.depth <= IMPORT_LIMITS['json-depth'].value && shape.values <= IMPORT_LIMITS['json-values'].value;
}

/** True when the bytes start, after spaces and a byte-order mark, like a JSON object or array. */
export function startsLikeJson(bytes: Uint8Array): boolean {
  const first = firstNonSpace(bytes);
  return first === 0x7b /* { */ || first === 0x5b; /* [ */
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // UTF-8 BOM
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i];
}

/** The text at `key`. @throws EntryProblem when it is missing or not text. */
export function str(obj: JsonRecord, key: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new EntryProblem(DAMAGED_ENTRY, { details: `'${key}' is missing or not text` });
  return value;
}

/** The text at `key`; undefined when absent or null. @throws EntryProblem when it is another type. */
export function optStr(obj: JsonRecord, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new EntryProblem(DAMAGED_ENTRY, { details: `'${key}' is not text` });
  return value;
}

/**
 * The whole number at `key` (a JSON number, or a string of digits, which some apps write).
 * @throws EntryProblem when it is missing or not a whole number.
 */
export function int(obj: JsonRecord, key: string): number {
  const value = optInt(obj, key);
  if (value === undefined) throw new EntryProblem(DAMAGED_ENTRY, { details: `'${key}' is missing` });
  return value;
}

/** The whole number at `key`; undefined when absent or null. @throws EntryProblem on any other value. */
export function optInt(obj: JsonRecord, key: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  throw new EntryProblem(DAMAGED_ENTRY, { details: `'${key}' is not a whole number` });
}

/** The boolean at `key`; undefined when absent or null. */
export function optBool(obj: JsonRecord, key: string): boolean | undefined {
  const value = obj[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** The array at `key`. @throws EntryProblem when it is missing or not an array. */
export function arr(obj: JsonRecord, key: string): readonly unknown[] {
  const value = obj[key];
  if (!Array.isArray(value)) throw new EntryProblem(DAMAGED_ENTRY, { details: `'${key}' is missing or not a list` });
  return value;
}

/** The object at `key`. @throws EntryProblem when it is missing or not an object. */
export function rec(obj: JsonRecord, key: string): JsonRecord {
  const value = obj[key];
  if (!isRecord(value)) throw new EntryProblem(DAMAGED_ENTRY, { details: `'${key}' is missing or not an object` });
  return value;
}

/**
 * The OTP parameters most formats keep side by side in one object: the algorithm's name at
 * `algorithmKey`, and `digits`, `period` and `counter`, each optional.
 * @throws EntryProblem when one of them is of the wrong type.
 */
export function otpParameterFields(
  obj: JsonRecord,
  algorithmKey: 'algorithm' | 'algo',
): {
  algorithm: string | undefined;
  digits: number | undefined;
  period: number | undefined;
  counter: number | undefined;
} {
  return {
    algorithm: optStr(obj, algorithmKey),
    digits: optInt(obj, 'digits'),
    period: optInt(obj, 'period'),
    counter: optInt(obj, 'counter'),
  };
}

/**
 * Id → name from a list of `{<idKey>: text, <nameKey>: text}` objects (groups, categories); items of
 * another shape are passed over, a later item wins over an earlier one with the same id, and
 * anything but a list gives an empty map.
 */
export function namesById(list: unknown, idKey: string, nameKey: string): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(list)) return names;
  for (const item of list as unknown[]) {
    if (isRecord(item) && typeof item[idKey] === 'string' && typeof item[nameKey] === 'string') {
      names.set(item[idKey], item[nameKey]);
    }
  }
  return names;
}

/**
 * Runs a container-level read and turns a field problem into ImportError `corrupt`: for the parts
 * of a file without which no entry can be read (the list of entries, the encryption header).
 */
export function fileLevel<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof EntryProblem) {
      throw new ImportError('corrupt', `${what} is incomplete or damaged. Export the accounts again.`, {
        cause: error,
        details: error.details ?? error.message,
      });
    }
    throw error;
  }
}

/** The last path segment of a file name (either separator). */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** How many bytes `looksLikeCiphertext` samples: enough for the statistics, cheap on any file. */
const CIPHERTEXT_SAMPLE = 4096;

/**
 * Detection helper for formats without magic bytes (docs/formats.md §4): true when the bytes are at
 * least `minLength` long, are not text (not UTF-8, or mostly control characters), and look like the
 * output of a cipher — the number of distinct byte values in the first 4 KiB is at least 80 % of what
 * uniformly random bytes of that length show, and no byte value is more than three times as frequent
 * as random bytes would make it. Text, JSON, XML, SQLite pages and zero-padded binaries fail; random
 * bytes and compressed data pass. Evidence only together with another clue (a header value, a name).
 */
export function looksLikeCiphertext(bytes: Uint8Array, minLength: number): boolean {
  if (bytes.length < minLength) return false;
  const sample = bytes.subarray(0, CIPHERTEXT_SAMPLE);
  const n = sample.length;
  const counts = new Uint32Array(256);
  let printable = 0;
  for (const b of sample) {
    counts[b] = (counts[b] ?? 0) + 1;
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) printable++;
  }
  // Random bytes are ~37 % printable ASCII; text is nearly all of it. Text in other scripts is UTF-8,
  // which random bytes of this length almost never are.
  if (printable > n * 0.6 || isUtf8Prefix(sample, n < bytes.length)) return false;
  let distinct = 0;
  let most = 0;
  for (const c of counts) {
    if (c > 0) distinct++;
    if (c > most) most = c;
  }
  const expectedDistinct = 256 * (1 - Math.pow(255 / 256, n));
  const expectedMost = n / 256 + 3 * Math.sqrt(n / 256) + 2; // mean + 3σ (+2 for tiny samples)
  return distinct >= 0.8 * expectedDistinct && most <= 3 * expectedMost;
}

/** Whether `bytes` is UTF-8; when `cut` (a prefix of a longer file), a sequence cut off at the end is allowed. */
function isUtf8Prefix(bytes: Uint8Array, cut: boolean): boolean {
  for (let drop = 0; drop <= (cut ? 3 : 0); drop++) {
    if (tryDecodeUtf8(bytes.subarray(0, bytes.length - drop)) !== null) return true;
  }
  return false;
}
