// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Makes an SVG safe to keep as an icon: parsed by the strict xml-tree.ts (no document type, no
 * entities), then rebuilt from the tree with only the elements and attributes that draw shapes,
 * paint and text. The original text never passes through.
 *
 * What is refused and what is stripped follows the file's purpose:
 * - Refused, with a sentence that says why (the file is built to do something an icon must not):
 *   a script; embedded documents (foreignObject, iframe, embed, object); event attributes (on…);
 *   a link or `url(…)` to anything but a `#fragment` of the same file (an icon never reaches the
 *   network or the disk); a `javascript:`, `vbscript:` or `data:` address in any attribute or style;
 *   a document type or entity declaration (the "billion laughs" expansion is refused before any work).
 * - Stripped, silently (harmless extras editors leave behind): metadata, comments, processing
 *   instructions, editor namespaces (Inkscape, Sodipodi, Illustrator…), `<style>` sheets, classes,
 *   animation, filters, unknown elements and attributes, a `<use>` that points at another `<use>`
 *   (so uses cannot multiply into a billion copies), and text outside `<title>`, `<desc>` and `<text>`.
 *
 * The window shows the result in an `<img>` (no scripts, no loads even if something slipped by);
 * this module is the first of those two walls.
 */
import { IconError, NOT_AN_ICON_MESSAGE } from './icon-error';
import { parseXml, XmlError, type XmlElement, type XmlNode } from './xml-tree';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

export const SVG_REFUSALS = Object.freeze({
  script: 'This SVG contains a script, which Tessera does not allow in icons. Nothing was changed.',
  embedded:
    'This SVG embeds another document (HTML or a web page), which Tessera does not allow in icons. Nothing was changed.',
  events:
    'This SVG contains event handlers (code that runs when it is shown or clicked), which Tessera does not allow in icons. Nothing was changed.',
  external:
    'This SVG refers to something outside itself (a web address or another file), which Tessera does not allow in icons: an icon never reaches the network. Nothing was changed.',
  scheme:
    'This SVG contains a javascript: or data: address, which Tessera does not allow in icons. Nothing was changed.',
  doctype:
    'This SVG declares a document type or entities, which Tessera does not accept in icons (they can make a small file grow enormously). Nothing was changed.',
  damaged: 'This SVG file is damaged: it is not well-formed XML. Nothing was changed.',
  complex: 'This SVG is too complex for an icon. Choose a simpler image.',
});

/** Elements whose only purpose is to run code or show another document. */
const EMBEDDING = new Set(['foreignobject', 'iframe', 'embed', 'object', 'frame', 'frameset', 'applet', 'portal']);
const SCRIPTING = new Set(['script', 'handler', 'listener']);

/** Elements kept (by local name, case-sensitive as SVG is). Anything else is dropped with its content. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'path',
  'circle',
  'ellipse',
  'rect',
  'line',
  'polyline',
  'polygon',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
  'title',
  'desc',
  'text',
  'tspan',
]);

/** Elements whose text content is kept. */
const TEXT_ELEMENTS = new Set(['title', 'desc', 'text', 'tspan']);

/** Paint, geometry of text and visibility: as attributes, or as properties in `style`. */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'opacity',
  'clip-path',
  'clip-rule',
  'mask',
  'marker-start',
  'marker-mid',
  'marker-end',
  'color',
  'display',
  'visibility',
  'stop-color',
  'stop-opacity',
  'shape-rendering',
  'vector-effect',
  'paint-order',
  'mix-blend-mode',
  'isolation',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'transform-origin',
]);

/** Geometry and structure attributes (unprefixed), kept as they are once their value passes. */
const GEOMETRY = new Set([
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'fr',
  'dx',
  'dy',
  'width',
  'height',
  'd',
  'points',
  'pathLength',
  'viewBox',
  'preserveAspectRatio',
  'transform',
  'offset',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'rotate',
  'textLength',
  'lengthAdjust',
  'version',
]);

/** Attributes that name another resource. Only a `#fragment` of the same file is allowed. */
const LINKING = new Set(['href', 'src', 'action', 'formaction', 'background', 'lowsrc', 'dynsrc', 'poster']);

const ID = /^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/;
const LOCAL_REF = /^#([A-Za-z_][A-Za-z0-9_.:-]{0,127})$/;
/** `url(#id)` with optional quotes and spaces: the only `url()` an icon may hold. */
const LOCAL_URL = /^url\(\s*(['"]?)#[A-Za-z_][A-Za-z0-9_.:-]{0,127}\1\s*\)$/i;
const URL_CALL = /url\s*\(([^)]*)\)?/gi;
/** A scheme that runs code or carries a file: looked for with every space and control removed. */
const BAD_SCHEME = /(?:^|[^a-z0-9+.-])(?:javascript|vbscript|livescript|data):/i;
/** CSS that can escape, comment, nest or end a declaration: a value with it is dropped. */
const CSS_TRICKS = /[\\{}<>@;]|\/\*|expression\s*\(|-moz-binding|behaviou?r\s*:/i;

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1);
const prefixOf = (name: string): string | null => (name.includes(':') ? name.slice(0, name.indexOf(':')) : null);
/* eslint-disable no-control-regex -- the characters refused or removed are control characters */
const squashed = (value: string): string =>
  value.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g, '');
/* eslint-enable no-control-regex */

/**
 * The SVG rebuilt from its parsed tree with only what draws the icon (module comment).
 * @throws IconError with a sentence for the user: refused (hostile), damaged, or not an SVG.
 */
export function sanitiseSvg(text: string): string {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    if (error.reason === 'doctype') throw new IconError(SVG_REFUSALS.doctype, error.message);
    if (error.reason === 'too-complex') throw new IconError(SVG_REFUSALS.complex, error.message);
    throw new IconError(SVG_REFUSALS.damaged, error.message);
  }
  if (localName(root.name) !== 'svg') throw new IconError(NOT_AN_ICON_MESSAGE, `The root element is <${root.name}>.`);
  refuseHostile(root);
  const kept = keepElement(root, true);
  if (kept === null) throw new IconError(NOT_AN_ICON_MESSAGE);
  dropMultiplyingUses(kept);
  return serialise(kept, true);
}

// Refusals --------------------------------------------------------------------------------------

/** Walks every element, kept or not, and refuses the file when one is built to act (module comment). */
function refuseHostile(root: XmlElement): void {
  const stack: XmlElement[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    const local = localName(el.name).toLowerCase();
    if (SCRIPTING.has(local)) throw new IconError(SVG_REFUSALS.script, `<${el.name}>`);
    if (EMBEDDING.has(local)) throw new IconError(SVG_REFUSALS.embedded, `<${el.name}>`);
    for (const [name, value] of el.attributes) refuseAttribute(el.name, name, value);
    if (local === 'style') {
      for (const child of el.children) if (child.kind === 'text') refuseValue(el.name, 'style', child.text);
    }
    for (const child of el.children) if (child.kind === 'element') stack.push(child);
  }
}

function refuseAttribute(element: string, name: string, value: string): void {
  const local = localName(name).toLowerCase();
  if (local.startsWith('on')) throw new IconError(SVG_REFUSALS.events, `<${element} ${name}>`);
  if (prefixOf(name)?.toLowerCase() === 'xmlns' || local === 'xmlns') return;
  refuseValue(element, name, value);
  if (LINKING.has(local) && !LOCAL_REF.test(value.trim())) {
    throw new IconError(SVG_REFUSALS.external, `<${element} ${name}="${value.slice(0, 80)}">`);
  }
}

/** A value that carries a code or data scheme, or a `url()` to anything but a fragment. */
function refuseValue(element: string, name: string, value: string): void {
  if (BAD_SCHEME.test(squashed(value))) throw new IconError(SVG_REFUSALS.scheme, `<${element} ${name}>`);
  for (const match of value.matchAll(URL_CALL)) {
    if (!LOCAL_URL.test(`url(${(match[1] ?? '').trim()})`) || match[0].slice(-1) !== ')') {
      throw new IconError(SVG_REFUSALS.external, `<${element} ${name}>: ${match[0].slice(0, 80)}`);
    }
  }
  // A CSS escape can spell url( without the letters: `u\72l(`. Refused where a url could hide.
  if (/\\/.test(value) && /\(/.test(value)) throw new IconError(SVG_REFUSALS.external, `<${element} ${name}>`);
}

// Keeping ---------------------------------------------------------------------------------------

interface CleanElement {
  readonly name: string;
  readonly attributes: [string, string][];
  readonly children: (CleanElement | string)[];
}

/** The element rebuilt with what it may keep, or null when it goes with its content. */
function keepElement(el: XmlElement, isRoot: boolean): CleanElement | null {
  // A prefixed element belongs to an editor's namespace (or hides as svg:…): not ours to keep,
  // except the root, whose prefix is dropped.
  if ((!isRoot && prefixOf(el.name) !== null) || !ELEMENTS.has(localName(el.name))) return null;
  const name = localName(el.name);
  const attributes = keepAttributes(name, el.attributes);
  const children: (CleanElement | string)[] = [];
  for (const child of el.children as readonly XmlNode[]) {
    if (child.kind === 'text') {
      if (TEXT_ELEMENTS.has(name) && child.text !== '') children.push(child.text);
    } else {
      const kept = keepElement(child, false);
      if (kept !== null) children.push(kept);
    }
  }
  return { name, attributes, children };
}

function keepAttributes(element: string, attributes: readonly (readonly [string, string])[]): [string, string][] {
  const kept: [string, string][] = [];
  for (const [rawName, value] of attributes) {
    const prefix = prefixOf(rawName);
    const name = localName(rawName);
    if (name === 'href' && (prefix === null || prefix === 'xlink')) {
      const ref = LOCAL_REF.exec(value.trim());
      if (ref && (element === 'use' || element.endsWith('Gradient') || element === 'pattern')) {
        kept.push(['href', `#${ref[1] ?? ''}`]);
      }
      continue;
    }
    if (prefix !== null) continue;
    if (name === 'id') {
      if (ID.test(value)) kept.push([name, value]);
    } else if (name === 'style') {
      const style = keepStyle(value);
      if (style !== '') kept.push([name, style]);
    } else if (GEOMETRY.has(name) || PRESENTATION.has(name)) {
      if (safeValue(value)) kept.push([name, value]);
    }
  }
  return kept;
}

/** A value kept as it is: no CSS trick, and any `url()` a local one (others were refused). */
function safeValue(value: string): boolean {
  if (value.length > 100_000 || CSS_TRICKS.test(value)) return false;
  return [...value.matchAll(URL_CALL)].every((m) => LOCAL_URL.test(m[0]));
}

/** The `style` attribute with only presentation properties, rebuilt as `name:value;…`. */
function keepStyle(style: string): string {
  if (/\/\*|\\/.test(style)) return '';
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (PRESENTATION.has(property) && value !== '' && safeValue(value)) kept.push(`${property}:${value}`);
  }
  return kept.join(';');
}

/**
 * Drops each `<use>` whose target is missing or itself holds a `<use>`: every use then copies plain
 * shapes once, so the drawing grows linearly with the file, never exponentially.
 */
function dropMultiplyingUses(root: CleanElement): void {
  const byId = new Map<string, CleanElement>();
  const all: CleanElement[] = [];
  const stack: CleanElement[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    all.push(el);
    const id = el.attributes.find(([n]) => n === 'id')?.[1];
    if (id !== undefined && !byId.has(id)) byId.set(id, el);
    for (const child of el.children) if (typeof child !== 'string') stack.push(child);
  }
  const holdsUse = (el: CleanElement): boolean =>
    el.name === 'use' || el.children.some((c) => typeof c !== 'string' && holdsUse(c));
  for (const el of all) {
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (typeof child === 'string' || child?.name !== 'use') continue;
      const target = child.attributes.find(([n]) => n === 'href')?.[1]?.slice(1);
      const to = target === undefined ? undefined : byId.get(target);
      if (to === undefined || holdsUse(to)) el.children.splice(i, 1);
    }
  }
}

// Writing ---------------------------------------------------------------------------------------

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

function serialise(el: CleanElement, isRoot: boolean): string {
  const attributes = (isRoot ? [['xmlns', SVG_NAMESPACE] as const, ...el.attributes] : el.attributes)
    .map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`)
    .join('');
  if (el.children.length === 0) return `<${el.name}${attributes}/>`;
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialise(c, false))).join('');
  return `<${el.name}${attributes}>${inner}</${el.name}>`;
}
