// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Cheap scans that count what a parser would build, before it builds it: JSON nesting and values,
 * XML elements, attributes and references, lines. One linear pass each, with `indexOf` doing the
 * long stretches, so a 50 MB file is measured in tens of milliseconds and refused before
 * JSON.parse or the XML parser allocate gigabytes for it. The counts err on the high side (a `,`
 * or `<` that is not quite a value or an element still counts), never the low side.
 */
import type { WorkBudget } from './budget';

/** What a JSON text would build. */
export interface JsonShape {
  /** Deepest nesting of arrays and objects. */
  readonly depth: number;
  /** Values: roughly one per comma plus one per array or object. */
  readonly values: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** Measures a JSON text without parsing it (the text need not be valid; JSON.parse decides that). */
export function scanJson(text: string): JsonShape {
  let depth = 0;
  let deepest = 0;
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      values++;
      if (++depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    } else if (c === COMMA) {
      values++;
    }
  }
  return { depth: deepest, values };
}

/** The index of the quote that closes the string opened at `open` (the end of the text if none). */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * Charges a JSON text to the budget before it is parsed: its length (`json-text`, summed over the
 * import), its depth and its values.
 * @throws BudgetExceededError
 */
export function chargeJson(budget: WorkBudget, text: string): void {
  budget.spend('json-text', text.length);
  const shape = scanJson(text);
  budget.atMost('json-depth', shape.depth);
  budget.spend('json-values', shape.values);
}

/** What an XML text would build. */
export interface XmlShape {
  readonly elements: number;
  readonly attributes: number;
  /** Most attributes on one element. */
  readonly attributesPerElement: number;
  /** `&…;` entity and character references, in text and attribute values. */
  readonly references: number;
  /** A `<!DOCTYPE` or `<!ENTITY` declaration (never in Android files; the door to entity expansion). */
  readonly declaresEntities: boolean;
}

/** Measures an XML text without parsing it. */
export function scanXml(text: string): XmlShape {
  let elements = 0;
  let attributes = 0;
  let attributesPerElement = 0;
  let references = 0;
  let declaresEntities = false;
  let amp = text.indexOf('&'); // the next `&` at or after i (-1: none left), so each is found once
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    while (amp >= 0 && amp < textEnd) {
      if (amp >= i) references++;
      amp = text.indexOf('&', amp + 1);
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = after(text, '-->', lt + 4);
    } else if (text.startsWith('<![CDATA[', lt)) {
      i = after(text, ']]>', lt + 9);
    } else if (text.startsWith('<!', lt) || text.startsWith('<?', lt) || text.startsWith('</', lt)) {
      if (/^<!(DOCTYPE|ENTITY)/i.test(text.slice(lt, lt + 10))) declaresEntities = true;
      i = after(text, '>', lt + 2);
    } else {
      elements++;
      const tag = readTag(text, lt + 1);
      attributes += tag.attributes;
      references += tag.references;
      if (tag.attributes > attributesPerElement) attributesPerElement = tag.attributes;
      i = tag.end;
    }
    if (amp >= 0 && amp < i) amp = text.indexOf('&', i); // skipped with a comment, tag or declaration
  }
  return { elements, attributes, attributesPerElement, references, declaresEntities };
}

/** One start tag from after its `<` to after its `>`: `=` outside quotes are attributes. */
function readTag(text: string, from: number): { attributes: number; references: number; end: number } {
  let attributes = 0;
  let references = 0;
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 0x26 /* & */) references++;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3d /* = */) {
      attributes++;
    } else if (c === 0x3e /* > */) {
      return { attributes, references, end: i + 1 };
    }
  }
  return { attributes, references, end: text.length };
}

function after(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}

/** Occurrences of `part` in the whole text (one pass). */
function countOf(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

/**
 * Charges an XML text to the budget before it is parsed.
 * @throws BudgetExceededError; returns whether the text declares entities (the caller refuses it).
 */
export function chargeXml(budget: WorkBudget, text: string): { readonly declaresEntities: boolean } {
  const shape = scanXml(text);
  budget.spend('xml-elements', shape.elements);
  budget.atMost('xml-attributes-per-element', shape.attributesPerElement);
  budget.spend('xml-attributes', shape.attributes);
  budget.spend('xml-references', shape.references);
  return { declaresEntities: shape.declaresEntities };
}

/** Lines of a text as `split(/\r\n|\r|\n/)` would give them, counted without splitting. */
export function countLines(text: string): number {
  return 1 + countOf(text, '\n') + countOf(text, '\r') - countOf(text, '\r\n');
}
