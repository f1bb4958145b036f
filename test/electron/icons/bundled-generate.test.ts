// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The build's generator (scripts/icons/): path scaling, the SVG check, the licence policy, the
 * name and domain tables, and that a CoreUI glyph scaled to the 24×24 grid still draws what CoreUI
 * drew (rendered both ways with resvg and compared pixel by pixel).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICON_ALIASES } from '../../../scripts/icons/aliases';
import { renderSvg } from '../../../scripts/icons/dominant-colour';
import { GAP_ICONS } from '../../../scripts/icons/gap-icons';
import { generateBundledIcons } from '../../../scripts/icons/generate';
import { formatNumber, PathSyntaxError, scalePath } from '../../../scripts/icons/scale-path';
import { svgProblem } from '../../../scripts/icons/svg-check';
import { issuerKey } from '../../../electron/icons/issuer-key';
import { generatedIconData, generatedIcons, REPO_ROOT } from '../../fixtures/icons/generated-icons';

/** The numbers of path data, in order. */
function numbers(d: string): number[] {
  return (d.match(/[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi) ?? []).map(Number);
}

describe('scalePath', () => {
  it('scales every coordinate and length, but not an arc’s rotation or flags', () => {
    expect(scalePath('M10 20L30 40H50V60Z', 0.5)).toBe('M5 10L15 20H25V30Z');
    expect(scalePath('M0 0a4 8 30 1 0 12 16', 0.5)).toBe('M0 0a2 4 30 1 0 6 8');
    expect(scalePath('M0 0a1 1 0 011 1', 2)).toBe('M0 0a2 2 0 0 1 2 2');
  });

  it('reads numbers run together and writes implicit repeats out', () => {
    expect(scalePath('M1.5.5l-1-2 3 4', 2)).toBe('M3 1l-2-4l6 8');
    expect(scalePath('M1e1 2E0', 1)).toBe('M10 2');
    expect(scalePath('M0 0 10 10', 1)).toBe('M0 0L10 10');
  });

  it('turns a first relative move into the absolute move it means', () => {
    expect(scalePath('m4 4 2 2z', 1)).toBe('M4 4l2 2z');
    expect(scalePath('M0 0m4 4', 1)).toBe('M0 0m4 4');
  });

  it('refuses bad data', () => {
    for (const bad of ['10 10', 'M1', 'M1 2X3', 'a1 1 0 2 1 3 3', 'M1 2 L']) {
      expect(() => scalePath(bad, 1), bad).toThrow(PathSyntaxError);
    }
  });

  it('is undone by the inverse factor, up to rounding', () => {
    const point = fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 8 }), fc.constantFrom(0.75, 2, 0.5), (points, k) => {
        const d = `M${points.map(([x, y]) => `${x / 4} ${y / 4}`).join('L')}Z`;
        const back = scalePath(scalePath(d, k, 6), 1 / k, 6);
        const a = numbers(d);
        const b = numbers(back);
        expect(b).toHaveLength(a.length);
        a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 4));
      }),
    );
  });

  it('writes short numbers', () => {
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(-0.0001)).toBe('0');
    expect(formatNumber(1 / 3)).toBe('0.333');
  });
});

describe('svgProblem', () => {
  const wrap = (body: string): string => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;

  it('passes drawing with internal gradients', () => {
    expect(
      svgProblem(
        wrap(
          '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
            '<path fill="url(#g)" d="M0 0h10v10z"/><use href="#g"/><g style="fill:#000"><circle r="1"/></g>',
        ),
      ),
    ).toBeNull();
  });

  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<foreignObject><div/></foreignObject>', 'foreignobject'],
    ['<path onload="alert(1)" d="M0 0"/>', 'event handler'],
    ['<use href="https://example.com/x.svg#a"/>', 'outside'],
    ['<use xlink:href="other.svg#a"/>', 'outside'],
    ['<path fill="url(https://example.com/p)" d="M0 0"/>', 'outside'],
    ['<path style="fill:url(x.svg#a)" d="M0 0"/>', 'outside'],
    ['<image href="#a"/>', 'image'],
    ['<style>@import "x.css";</style>', 'style'],
    ['<a href="#x"><path d="M0 0"/></a>', '<a>'],
    ['<path d="M0 0" fill="javascript:alert(1)"/>', 'scheme'],
    ['<!DOCTYPE svg><path d="M0 0"/>', 'DOCTYPE'],
  ])('refuses %s', (body, why) => {
    expect(svgProblem(wrap(body))?.toLowerCase()).toContain(why.toLowerCase());
  });
});

describe('the generated set', () => {
  const { index, report } = generatedIconData();
  const icons = generatedIcons();

  it('has unique, plain ids and draws from the three CC0 sets', () => {
    const ids = index.icons.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_]+$/);
    expect(index.sets.map((s) => [s.package, s.licence])).toEqual([
      ['simple-icons', 'CC0-1.0'],
      ['@iconify-json/cib', 'CC0-1.0'],
      ['@iconify-json/logos', 'CC0-1.0'],
    ]);
    expect(index.icons.length).toBeGreaterThan(3000);
    expect(index.sets.reduce((n, s) => n + s.icons, 0)).toBe(index.icons.length);
  });

  it('pins each set to the exact version in package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    for (const set of index.sets) expect(manifest.devDependencies[set.package]).toBe(set.version);
  });

  it('leaves out simple-icons icons whose own licence a GPL app cannot ship, and credits the others', () => {
    const left = new Map(report.dropped.map((d) => [d.id, d.reason]));
    expect(left.get('vuedotjs')).toBe('licence CC-BY-NC-SA-4.0');
    expect(left.get('webpack')).toBe('licence custom');
    for (const [id, reason] of left) if (reason.startsWith('licence')) expect(icons.has(id), id).toBe(false);
    expect(index.credits.length).toBeGreaterThan(100);
    for (const credit of index.credits) {
      expect(icons.has(credit.id)).toBe(true);
      expect(credit.licence).not.toMatch(/NC|ND|custom/);
    }
  });

  it('bundles every gap icon, unless simple-icons has it back', () => {
    for (const gap of GAP_ICONS) {
      const dropped = report.dropped.find((d) => d.id === gap.id);
      if (dropped) expect(dropped.reason).toBe('simple-icons has it now');
      else expect(icons.image(gap.id)?.kind).toBe(gap.set === 'cib' ? 'path' : 'image');
    }
  });

  it('gives the alias table the final say on its names and domains', () => {
    for (const alias of ICON_ALIASES) {
      for (const name of alias.names ?? []) {
        expect(index.icons[index.names[issuerKey(name)] ?? -1]?.[0], name).toBe(alias.id);
      }
      for (const domain of alias.domains ?? [])
        expect(index.icons[index.domains[domain] ?? -1]?.[0], domain).toBe(alias.id);
    }
  });

  it('locates each record exactly in the data', () => {
    const { data } = generatedIconData();
    let end = 0;
    for (const [id, , , offset, length] of index.icons) {
      expect(offset, id).toBe(end);
      const record = JSON.parse(data.toString('utf8', offset, offset + length)) as { kind: string };
      expect(['path', 'image']).toContain(record.kind);
      end = offset + length;
    }
    expect(end).toBe(data.length);
  });

  it('keeps simple-icons paths as the package ships them', () => {
    for (const id of ['github', 'google', 'x', 'proton']) {
      const svg = readFileSync(path.join(REPO_ROOT, 'node_modules', 'simple-icons', 'icons', `${id}.svg`), 'utf8');
      const image = icons.image(id);
      expect(image?.kind === 'path' ? image.path : null).toBe(/<path d="([^"]+)"/.exec(svg)?.[1]);
    }
  });

  it('draws each CoreUI glyph on the 24×24 grid as CoreUI drew it on 32×32', () => {
    const cib = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'node_modules', '@iconify-json', 'cib', 'icons.json'), 'utf8'),
    ) as { icons: Record<string, { body: string }> };
    const mask = (svg: string): boolean[] => {
      const { pixels } = renderSvg(svg, 96);
      const out: boolean[] = [];
      for (let i = 3; i < pixels.length; i += 4) out.push((pixels[i] ?? 0) >= 128);
      return out;
    };
    for (const gap of GAP_ICONS) {
      if (gap.set !== 'cib' || !icons.has(gap.id)) continue;
      const image = icons.image(gap.id);
      if (image?.kind !== 'path') throw new Error(gap.id);
      const original = mask(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${cib.icons[gap.name]?.body.replace(/currentColor/g, '#000')}</svg>`,
      );
      const scaled = mask(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${image.path}"/></svg>`,
      );
      const differing = original.filter((on, i) => on !== scaled[i]).length;
      expect(differing / original.length, gap.id).toBeLessThan(0.01);
      expect(original.filter(Boolean).length, gap.id).toBeGreaterThan(100);
    }
  });

  it('is deterministic: the same packages give the same fingerprint', () => {
    expect(generateBundledIcons(REPO_ROOT).index.fingerprint).toBe(index.fingerprint);
    expect(index.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
