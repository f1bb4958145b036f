// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * sanitiseSvg: an SVG rebuilt from its parsed tree with only what draws it. A file built to act
 * (script, handlers, outside references, code or data addresses, entities) is refused with a
 * sentence; harmless extras are stripped; and no hostile fragment ever survives, however it is
 * mixed into a drawing (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IconError, NOT_AN_ICON_MESSAGE } from '../../../electron/icons/image-check';
import { sanitiseSvg, SVG_REFUSALS } from '../../../electron/icons/sanitise-svg';
import { XML_MAX_DEPTH, XML_MAX_ELEMENTS } from '../../../electron/icons/xml-tree';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const svg = (inner: string, attributes = ''): string => `<svg ${NS} viewBox="0 0 24 24"${attributes}>${inner}</svg>`;

function refusal(text: string): IconError {
  try {
    sanitiseSvg(text);
  } catch (error) {
    expect(error).toBeInstanceOf(IconError);
    return error as IconError;
  }
  throw new Error(`accepted: ${text}`);
}

/** What must never be in a sanitised SVG. */
const HOSTILE_OUTPUT =
  /<script|<foreignObject|<iframe|<embed|<object|<style|<image|<a[\s>]|\son[a-z]*\s*=|javascript:|vbscript:|data:|href="(?!#)|url\((?!#|'#|"#)|<!DOCTYPE|<!ENTITY|&(?!amp;|lt;|gt;|quot;)/i;

describe('sanitiseSvg keeps the drawing', () => {
  it('rebuilds shapes, gradients, clip paths, text and local uses', () => {
    const input = svg(
      '<defs><linearGradient id="g" x1="0" x2="1" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"/>' +
        '<stop offset="1" stop-color="#000" stop-opacity=".5"/></linearGradient><clipPath id="c"><circle cx="12" cy="12" r="10"/></clipPath>' +
        '<path id="p" d="M0 0h4v4z"/></defs>' +
        '<g clip-path="url(#c)" transform="translate(1 1)"><rect width="24" height="24" fill="url(#g)"/>' +
        '<use xlink:href="#p" x="2"/><use href="#p" x="8"/></g>' +
        '<text x="2" y="20" font-family="sans-serif">A &amp; B <tspan fill="red">&lt;3</tspan></text><title>Logo</title>',
    );
    expect(sanitiseSvg(input)).toBe(
      svg(
        '<defs><linearGradient id="g" x1="0" x2="1" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"/>' +
          '<stop offset="1" stop-color="#000" stop-opacity=".5"/></linearGradient><clipPath id="c"><circle cx="12" cy="12" r="10"/></clipPath>' +
          '<path id="p" d="M0 0h4v4z"/></defs>' +
          '<g clip-path="url(#c)" transform="translate(1 1)"><rect width="24" height="24" fill="url(#g)"/>' +
          '<use href="#p" x="2"/><use href="#p" x="8"/></g>' +
          '<text x="2" y="20" font-family="sans-serif">A &amp; B <tspan fill="red">&lt;3</tspan></text><title>Logo</title>',
      ),
    );
  });

  it('strips metadata, comments, editor namespaces, style sheets, classes and unknown elements', () => {
    const input =
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n' +
      `<svg ${NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" ` +
      'viewBox="0 0 24 24" inkscape:version="1.3" sodipodi:docname="logo.svg" width="24" height="24">' +
      '<sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="8"/><metadata><rdf:RDF><cc:Work/></rdf:RDF></metadata>' +
      '<style>.a{fill:#f00}</style><filter id="f"><feGaussianBlur stdDeviation="2"/></filter>' +
      '<g class="a" inkscape:label="Layer 1" inkscape:groupmode="layer"><!-- shape --><path class="a" d="M1 1h2" style="fill:#123;-inkscape-stroke:none;stroke-width:2"/>' +
      '<animate attributeName="opacity" to="0"/></g>\n</svg>\n<!-- trailing -->';
    expect(sanitiseSvg(input)).toBe(
      `<svg ${NS} viewBox="0 0 24 24" width="24" height="24"><g><path d="M1 1h2" style="fill:#123;stroke-width:2"/></g></svg>`,
    );
  });

  it('drops a <use> that points at another <use>, or at nothing, so copies cannot multiply', () => {
    const input = svg(
      '<defs><path id="a" d="M0 0h1"/><g id="b"><use href="#a"/><use href="#a"/></g><g id="c"><use href="#b"/><use href="#b"/></g></defs>' +
        '<use href="#c"/><use href="#missing"/><use href="#a"/>',
    );
    expect(sanitiseSvg(input)).toBe(
      svg(
        '<defs><path id="a" d="M0 0h1"/><g id="b"><use href="#a"/><use href="#a"/></g><g id="c"/></defs><use href="#a"/>',
      ),
    );
  });

  it('is idempotent', () => {
    const once = sanitiseSvg(svg('<g fill="#fff" style="opacity:.5"><path d="M0 0"/></g><title>a &lt; b</title>'));
    expect(sanitiseSvg(once)).toBe(once);
  });
});

describe('sanitiseSvg refuses a file built to act, saying why', () => {
  it.each([
    ['a script', svg('<script>alert(1)</script>'), SVG_REFUSALS.script],
    [
      'a namespaced script',
      svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
      SVG_REFUSALS.script,
    ],
    ['a script hidden in metadata', svg('<metadata><script/></metadata>'), SVG_REFUSALS.script],
    [
      'foreignObject',
      svg('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'),
      SVG_REFUSALS.embedded,
    ],
    ['an iframe', svg('<iframe src="https://example.com"/>'), SVG_REFUSALS.embedded],
    ['onload', svg('<path d="M0 0"/>', ' onload="alert(1)"'), SVG_REFUSALS.events],
    ['onclick on a dropped element', svg('<metadata onclick="x()"/>'), SVG_REFUSALS.events],
    ['ONMOUSEOVER', svg('<rect ONMOUSEOVER="x()"/>'), SVG_REFUSALS.events],
    ['an external link', svg('<a href="https://evil.example/"><path d="M0 0"/></a>'), SVG_REFUSALS.external],
    ['an external use', svg('<use xlink:href="https://evil.example/sprite.svg#x"/>'), SVG_REFUSALS.external],
    ['a file use', svg('<use href="icons.svg#x"/>'), SVG_REFUSALS.external],
    ['an external image', svg('<image href="https://evil.example/pixel.png"/>'), SVG_REFUSALS.external],
    ['an external paint', svg('<rect fill="url(https://evil.example/#g)"/>'), SVG_REFUSALS.external],
    ['an external paint in style', svg('<rect style="fill: url( \'//evil.example/x\' )"/>'), SVG_REFUSALS.external],
    [
      'an @import in a style sheet',
      svg('<style>@import url(https://evil.example/a.css);</style>'),
      SVG_REFUSALS.external,
    ],
    ['a CSS-escaped url', svg('<rect style="fill:u\\72 l(https://evil.example)"/>'), SVG_REFUSALS.external],
    ['javascript: in href', svg('<a href="javascript:alert(1)"/>'), SVG_REFUSALS.scheme],
    ['javascript: spelled with references', svg('<a href="&#106;ava&#x09;script:alert(1)"/>'), SVG_REFUSALS.scheme],
    ['javascript: split by a tab', svg('<a href="java\tscript:alert(1)"/>'), SVG_REFUSALS.scheme],
    ['a data: image', svg('<image href="data:image/png;base64,iVBORw0KGgo="/>'), SVG_REFUSALS.scheme],
    ['data: in a set element', svg('<set attributeName="href" to="data:text/html,x"/>'), SVG_REFUSALS.scheme],
    ['vbscript:', svg('<a xlink:href="VBScript:msgbox"/>'), SVG_REFUSALS.scheme],
  ])('%s', (_name, text, message) => {
    expect(refusal(text).message).toBe(message);
  });

  it('refuses a document type or entities before any expansion (billion laughs)', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
      `]><svg ${NS}><text>&lol9;</text></svg>`;
    const started = performance.now();
    expect(refusal(laughs).message).toBe(SVG_REFUSALS.doctype);
    expect(performance.now() - started).toBeLessThan(200);
    expect(refusal(`<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg ${NS}/>`).message).toBe(SVG_REFUSALS.doctype);
    expect(refusal(`<!doctype svg><svg ${NS}/>`).message).toBe(SVG_REFUSALS.doctype);
    expect(refusal(svg('&xxe;')).message).toBe(SVG_REFUSALS.damaged);
  });

  it('refuses damaged XML and what is not an SVG', () => {
    for (const text of [
      svg('<g>'),
      `<svg ${NS}><path d="a" d="b"/></svg>`,
      `<svg ${NS} x=1/>`,
      `<svg ${NS}/><svg/>`,
      '<svg',
      '',
    ]) {
      expect(refusal(text).message).toMatch(/^(This SVG file is damaged|Tessera can use a PNG)/);
    }
    expect(refusal('<html><svg/></html>').message).toBe(NOT_AN_ICON_MESSAGE);
  });

  it('refuses a file nested or repeated beyond what an icon needs', () => {
    const deep = `<svg ${NS}>${'<g>'.repeat(XML_MAX_DEPTH + 1)}${'</g>'.repeat(XML_MAX_DEPTH + 1)}</svg>`;
    expect(refusal(deep).message).toBe(SVG_REFUSALS.complex);
    const wide = svg('<path d="M0 0"/>'.repeat(XML_MAX_ELEMENTS + 1));
    expect(refusal(wide).message).toBe(SVG_REFUSALS.complex);
    const veryDeep = `<svg ${NS}>${'<g>'.repeat(200_000)}`;
    expect(refusal(veryDeep).message).toBe(SVG_REFUSALS.complex);
  });
});

describe('sanitiseSvg under random input', () => {
  const safeElement = fc.constantFrom(
    '<path d="M0 0h24v24H0z"/>',
    '<circle cx="12" cy="12" r="4" fill="#0af"/>',
    '<g transform="scale(2)"><rect width="2" height="2"/></g>',
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>',
    '<rect fill="url(#g)" width="1" height="1"/>',
    '<title>Title &amp; more</title>',
    '<metadata><x:y xmlns:x="urn:x"/></metadata>',
    '<!-- note -->',
    '<use href="#g"/>',
  );
  const hostileFragment = fc.constantFrom(
    '<script>alert(1)</script>',
    '<script xlink:href="https://evil.example/x.js"/>',
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
    '<rect onload="x()"/>',
    '<rect onmouseover="x()" width="1"/>',
    '<a href="javascript:alert(1)"><rect/></a>',
    '<a xlink:href="https://evil.example/">x</a>',
    '<use href="https://evil.example/s.svg#a"/>',
    '<image href="data:image/png;base64,AAAA"/>',
    '<image xlink:href="//evil.example/p.png"/>',
    '<rect fill="url(https://evil.example/p)"/>',
    '<rect style="fill:url(http://evil.example)"/>',
    '<rect style="background:u\\72l(http://evil.example)"/>',
    '<style>@import "https://evil.example/a.css";</style>',
    '<set attributeName="href" to="javascript:x()"/>',
    '<animate attributeName="href" values="data:text/html,x"/>',
    '<iframe src="https://evil.example"/>',
    '<embed src="x.swf"/>',
    '<a href="&#x6A;avascript:x()"/>',
    '<rect fill="&#117;rl(https://evil.example)"/>',
  );
  const hostileAttribute = fc.constantFrom(
    ' onload="x()"',
    ' onerror="x()"',
    ' href="https://evil.example"',
    ' xlink:href="javascript:x()"',
    ' style="fill:url(https://evil.example)"',
    ' fill="url(//evil.example/a)"',
    ' src="data:,x"',
  );

  it('never lets a hostile fragment through, wherever it lands', () => {
    fc.assert(
      fc.property(
        fc.array(safeElement, { maxLength: 6 }),
        fc.array(hostileFragment, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        fc.option(hostileAttribute, { nil: '' }),
        (safe, hostile, positions, attribute) => {
          const parts: string[] = [...safe];
          hostile.forEach((fragment, i) => parts.splice((positions[i] ?? 0) % (parts.length + 1), 0, fragment));
          const doc = svg(parts.join(''), attribute);
          try {
            const out = sanitiseSvg(doc);
            expect(out).not.toMatch(HOSTILE_OUTPUT);
          } catch (error) {
            expect(error).toBeInstanceOf(IconError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('whatever comes out is clean, well-formed and stable, and anything else is an IconError', () => {
    const token = fc.constantFrom(
      '<',
      '>',
      '/>',
      '</g>',
      '<g>',
      '<svg>',
      `<svg ${NS}>`,
      '</svg>',
      '<path d="M0 0"/>',
      '<script>',
      '</script>',
      ' on',
      'load="x"',
      ' href="',
      '#a',
      'http://e/',
      '"',
      "'",
      'url(',
      ')',
      '&',
      '&amp;',
      '&#106;',
      'javascript:',
      'data:',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<?x ?>',
      '<!DOCTYPE',
      ' ',
      '=',
      'style="',
      'fill:',
      '\\',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(token, { maxLength: 40 }).map((t) => t.join('')),
        ),
        (text) => {
          let out: string;
          try {
            out = sanitiseSvg(text);
          } catch (error) {
            expect(error).toBeInstanceOf(IconError);
            return;
          }
          expect(out).not.toMatch(HOSTILE_OUTPUT);
          expect(sanitiseSvg(out)).toBe(out);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
