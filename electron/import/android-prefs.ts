// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Android `shared_prefs` XML (`<map><string name="k">v</string><int name="k" value="1"/>...</map>`),
 * the container of the Authy, FreeOTP v1 and Battle.net files (docs/formats.md §8), read with
 * fast-xml-parser. Strict: the root must be `<map>`; a DOCTYPE (never written by Android, and the
 * door to entity-expansion tricks) is refused. The text is measured before it is parsed (elements,
 * attributes, references: prescan.ts) and charged to the import's budget.
 */
import { XMLParser } from 'fast-xml-parser';
import type { WorkBudget } from './budget';
import { IMPORT_LIMITS } from './budget-limits';
import { isRecord, tryDecodeUtf8 } from './fields';
import { chargeXml } from './prescan';
import { ImportError } from './types';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // The scan before parsing (prescan.ts) already bounds references; the parser's own cap is a second line.
  processEntities: { enabled: true, maxTotalExpansions: IMPORT_LIMITS['xml-references'].value },
  ignoreDeclaration: true,
  isArray: (name) => name !== 'map',
});

/** One preference: its element name (`string`, `int`, `boolean`...) and its value as text. */
export interface Preference {
  readonly kind: string;
  readonly value: string;
}

/** Cheap sniff for detection: UTF-8 text that looks like a shared_prefs file and contains `marker`. */
export function looksLikePrefs(bytes: Uint8Array, marker: string): boolean {
  const head = bytes.subarray(0, 512);
  const text = tryDecodeUtf8(head.length < bytes.length ? trimToCharBoundary(head) : head);
  if (text === null || !/^\s*(<\?xml[^>]*>\s*)?<map[\s>/]/.test(text)) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker, 0, 'utf8');
}

function trimToCharBoundary(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0x80) end--;
  return end > 0 && (bytes[end - 1] ?? 0) >= 0xc0 ? bytes.subarray(0, end - 1) : bytes.subarray(0, end);
}

/**
 * All preferences by name, in file order.
 * @throws BudgetExceededError before parsing a text past the budget's XML limits; ImportError
 *   `corrupt` when the file is not a shared_prefs XML map.
 */
export function readSharedPrefs(bytes: Uint8Array, formatName: string, budget: WorkBudget): Map<string, Preference> {
  const text = tryDecodeUtf8(bytes);
  const bad = (): ImportError =>
    new ImportError('corrupt', `This ${formatName} file is not a readable Android preferences (XML) file.`);
  if (text === null) throw bad();
  if (chargeXml(budget, text).declaresEntities || /<!DOCTYPE/i.test(text)) throw bad();
  let doc: unknown;
  try {
    doc = parser.parse(text, true) as unknown;
  } catch (cause) {
    throw new ImportError('corrupt', `This ${formatName} file is not valid XML; it may be damaged.`, { cause });
  }
  if (!isRecord(doc)) throw bad();
  const map = doc['map'];
  if (map === '') return new Map();
  if (!isRecord(map)) throw bad();
  const out = new Map<string, Preference>();
  for (const [kind, list] of Object.entries(map)) {
    if (kind.startsWith('@') || !Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      const pref = preference(kind, item);
      if (pref !== null && !out.has(pref.name)) out.set(pref.name, { kind, value: pref.value });
    }
  }
  return out;
}

function preference(kind: string, item: unknown): { name: string; value: string } | null {
  if (typeof item === 'string') return null; // an element without a name attribute
  if (!isRecord(item)) return null;
  const name = firstText(item['@name']);
  if (name === undefined) return null;
  const value = kind === 'string' ? (firstText(item['#text']) ?? '') : firstText(item['@value']);
  return value === undefined ? null : { name, value };
}

function firstText(value: unknown): string | undefined {
  const v = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof v === 'string' ? v : undefined;
}
