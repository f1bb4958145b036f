// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A small, strict XML parser for SVG icons (sanitise-svg.ts): elements, attributes, text, CDATA,
 * comments and processing instructions, into a tree. It expands nothing: the five predefined
 * entities and numeric character references are decoded, any other entity reference is an error,
 * and a document type declaration (the only place entities can be declared, and the door to
 * "billion laughs" expansion and external entities) is refused on sight, before any work is done.
 * Depth and element count are bounded, and it runs on an explicit stack, so no input can blow the
 * call stack. Names are ASCII (every SVG name is). Errors are `XmlError`, with a short reason.
 *
 * @see https://www.w3.org/TR/xml/ §2.4 (character data), §2.8 (prolog, DOCTYPE), §3.1 (tags),
 *   §3.3.3 (attribute-value normalisation), §4.1 (references)
 */

export interface XmlElement {
  readonly kind: 'element';
  /** As written, prefix included ("svg", "xlink:href" is an attribute, "inkscape:grid" an element). */
  readonly name: string;
  readonly attributes: readonly (readonly [name: string, value: string])[];
  readonly children: XmlNode[];
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText;

/** Why the text is not a document this parser accepts. */
export class XmlError extends Error {
  constructor(
    readonly reason: 'doctype' | 'malformed' | 'too-complex',
    message: string,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Nesting deeper than this is refused (real icons nest a handful of groups). */
export const XML_MAX_DEPTH = 64;
/** More elements than this are refused (a detailed icon has a few hundred). */
export const XML_MAX_ELEMENTS = 20_000;

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
/** Characters XML 1.0 forbids (§2.2): C0 controls but tab, LF and CR; lone surrogates; FFFE/FFFF. */
/* eslint-disable no-control-regex -- the characters refused or removed are control characters */
const FORBIDDEN_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/* eslint-enable no-control-regex */
/** A DOCTYPE or entity declaration anywhere, however it is spelled. */
const DECLARATION = /<!\s*(?:doctype|entity)/i;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const malformed = (message: string): XmlError => new XmlError('malformed', message);

/** Decodes the references in character data or an attribute value. @throws XmlError */
function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<]{0,12});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw malformed('An “&” is not part of a reference.');
    if (Object.prototype.hasOwnProperty.call(PREDEFINED, body)) return PREDEFINED[body] as string;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!numeric) throw malformed(`The entity “&${body};” is not declared (Tessera declares none).`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] ?? '', 10);
    const char = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\u0000';
    if (FORBIDDEN_CHAR.test(char)) throw malformed(`&${body}; is not a character XML allows.`);
    return char;
  });
}

/** The parser's state over one text. */
class Reader {
  at = 0;
  constructor(readonly text: string) {}

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.at);
  }

  skipSpace(): void {
    SPACE.lastIndex = this.at;
    SPACE.exec(this.text);
    this.at = SPACE.lastIndex;
  }

  name(): string {
    NAME.lastIndex = this.at;
    const m = NAME.exec(this.text);
    if (!m) throw malformed(`A name was expected at character ${this.at}.`);
    this.at = NAME.lastIndex;
    return m[0];
  }

  /** Moves past `end`, returning what came before it. */
  until(end: string, what: string): string {
    const to = this.text.indexOf(end, this.at);
    if (to < 0) throw malformed(`${what} is not closed.`);
    const body = this.text.slice(this.at, to);
    this.at = to + end.length;
    return body;
  }
}

/**
 * Parses `text` into its root element (comments, processing instructions and the XML declaration
 * around it are dropped; so are comments inside it).
 * @throws XmlError
 */
export function parseXml(text: string): XmlElement {
  if (DECLARATION.test(text)) {
    throw new XmlError('doctype', 'The document declares a document type or entities.');
  }
  if (FORBIDDEN_CHAR.test(text)) throw malformed('The text holds characters XML does not allow.');
  const r = new Reader(text.startsWith('\uFEFF') ? text.slice(1) : text);
  skipMisc(r);
  if (!r.startsWith('<')) throw malformed('The document does not start with an element.');
  const root = parseElements(r);
  skipMisc(r);
  if (r.at < r.text.length) throw malformed('Something follows the root element.');
  return root;
}

/** Whitespace, comments and processing instructions (the prolog and what follows the root). */
function skipMisc(r: Reader): void {
  for (;;) {
    r.skipSpace();
    if (r.startsWith('<!--')) {
      r.at += 4;
      r.until('-->', 'A comment');
    } else if (r.startsWith('<?')) {
      r.at += 2;
      r.until('?>', 'A processing instruction');
    } else return;
  }
}

/** The root element and everything inside it, on an explicit stack. */
function parseElements(r: Reader): XmlElement {
  const stack: XmlElement[] = [];
  let count = 0;
  let root: XmlElement | null = null;
  do {
    const parent = stack[stack.length - 1];
    if (parent !== undefined) {
      const text = readText(r);
      if (text !== '') parent.children.push({ kind: 'text', text });
      if (r.at >= r.text.length) throw malformed(`<${parent.name}> is not closed.`);
    }
    if (r.startsWith('</')) {
      r.at += 2;
      const name = r.name();
      r.skipSpace();
      if (!r.startsWith('>')) throw malformed(`The end tag </${name}> is not closed.`);
      r.at += 1;
      const open = stack.pop();
      if (open?.name !== name) throw malformed(`</${name}> closes <${open?.name ?? '(nothing)'}>.`);
    } else if (r.startsWith('<!--')) {
      r.at += 4;
      const body = r.until('-->', 'A comment');
      if (body.includes('--')) throw malformed('A comment contains “--”.');
    } else if (r.startsWith('<![CDATA[')) {
      r.at += 9;
      const data = r.until(']]>', 'A CDATA section');
      stack[stack.length - 1]?.children.push({ kind: 'text', text: data });
    } else if (r.startsWith('<?')) {
      r.at += 2;
      r.until('?>', 'A processing instruction');
    } else if (r.startsWith('<!')) {
      throw malformed('A declaration appears inside the document.');
    } else {
      if (++count > XML_MAX_ELEMENTS) throw new XmlError('too-complex', `More than ${XML_MAX_ELEMENTS} elements.`);
      if (stack.length >= XML_MAX_DEPTH) throw new XmlError('too-complex', `Nested deeper than ${XML_MAX_DEPTH}.`);
      const { element, selfClosing } = readStartTag(r);
      if (parent === undefined) root = element;
      else stack[stack.length - 1]?.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  } while (stack.length > 0);
  if (root === null) throw malformed('The document has no root element.');
  return root;
}

/** Character data up to the next `<`. */
function readText(r: Reader): string {
  const to = r.text.indexOf('<', r.at);
  const end = to < 0 ? r.text.length : to;
  const raw = r.text.slice(r.at, end);
  r.at = end;
  if (raw.includes(']]>')) throw malformed('“]]>” appears in text.');
  return decodeReferences(raw);
}

/** `<name attr="value" …>` or `…/>`. */
function readStartTag(r: Reader): { element: XmlElement; selfClosing: boolean } {
  r.at += 1;
  const name = r.name();
  const attributes: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    const before = r.at;
    r.skipSpace();
    if (r.startsWith('/>')) {
      r.at += 2;
      return { element: { kind: 'element', name, attributes, children: [] }, selfClosing: true };
    }
    if (r.startsWith('>')) {
      r.at += 1;
      return { element: { kind: 'element', name, attributes, children: [] }, selfClosing: false };
    }
    if (r.at === before) throw malformed(`<${name}>: attributes must be separated by spaces.`);
    const attr = r.name();
    r.skipSpace();
    if (!r.startsWith('=')) throw malformed(`<${name}>: the attribute ${attr} has no value.`);
    r.at += 1;
    r.skipSpace();
    const quote = r.text[r.at];
    if (quote !== '"' && quote !== "'") throw malformed(`<${name}>: the value of ${attr} is not quoted.`);
    r.at += 1;
    const raw = r.until(quote, `The value of ${attr}`);
    if (raw.includes('<')) throw malformed(`<${name}>: the value of ${attr} contains “<”.`);
    if (seen.has(attr)) throw malformed(`<${name}>: the attribute ${attr} appears twice.`);
    seen.add(attr);
    // Attribute-value normalisation: each tab, line feed and carriage return becomes a space.
    attributes.push([attr, decodeReferences(raw.replace(/[\t\n\r]/g, ' '))]);
  }
}
