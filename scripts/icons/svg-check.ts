// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The build's check of a multi-colour SVG logo before it is bundled: the sets come from trusted
 * packages, but an icon shown as `data:image/svg+xml` must still carry nothing that runs or
 * reaches out. An allowlist: only drawing elements, no event handler, no reference outside the
 * document (`href`, `url(…)` other than `#id`), no scheme at all in any value. An icon that fails
 * is dropped from the bundle, with the reason printed.
 */

const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg',
  'g',
  'path',
  'circle',
  'ellipse',
  'rect',
  'line',
  'polyline',
  'polygon',
  'defs',
  'lineargradient',
  'radialgradient',
  'stop',
  'clippath',
  'mask',
  'use',
  'title',
  'desc',
]);

/** Why an SVG may not be bundled, or null when it passes. */
export function svgProblem(svg: string): string | null {
  if (/<!|<\?(?!xml\s)/i.test(svg)) return 'has a DOCTYPE, CDATA, comment or processing instruction';
  for (const tag of svg.matchAll(/<\/?\s*([a-zA-Z][\w:.-]*)([^>]*)>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    if (!ALLOWED_ELEMENTS.has(name)) return `has a <${name}> element`;
    for (const attr of (tag[2] ?? '').matchAll(/([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      const value = (attr[2] ?? '').slice(1, -1);
      if (attrName.startsWith('on')) return `has an event handler (${attrName})`;
      if ((attrName === 'href' || attrName.endsWith(':href')) && !value.startsWith('#')) {
        return `refers outside itself (${attrName}="${value}")`;
      }
      if (/url\(\s*(?!['"]?#)/i.test(value)) return `refers outside itself (${attrName}: ${value})`;
      const namespace = attrName === 'xmlns' || attrName.startsWith('xmlns:');
      if (!namespace && /(?:javascript|vbscript|data|https?|ftp|file|blob)\s*:/i.test(value)) {
        return `names a URL scheme (${attrName}="${value}")`;
      }
      if (attrName === 'style' && /@import|expression\(/i.test(value)) return 'has an unsafe style';
    }
  }
  return null;
}
