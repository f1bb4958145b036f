// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Generates the bundled icon set (electron/icons/bundled-format.ts) from the installed icon
 * packages: every simple-icons icon whose own licence lets a GPL app ship it, the gap icons of
 * CoreUI Brands and SVG Logos (gap-icons.ts), Tessera's alias table (aliases.ts). The build calls
 * it (vite-plugin.ts) and so do the tests, on the same packages, so what is tested is what ships.
 * Deterministic: the same packages give the same bytes (and fingerprint).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BUNDLED_ICONS_FORMAT,
  type BundledIconCredit,
  type BundledIndex,
  type BundledIndexIcon,
  type BundledRecord,
  type BundledSetInfo,
} from '../../electron/icons/bundled-format';
import { imageTileFor, normaliseHexColour } from '../../electron/icons/contrast';
import { foldText, issuerKey } from '../../electron/icons/issuer-key';
import { ICON_ALIASES } from './aliases';
import { dominantColour } from './dominant-colour';
import { GAP_ICONS } from './gap-icons';
import { scalePath } from './scale-path';
import { svgProblem } from './svg-check';

/** Per-icon licences of simple-icons that a GPL-3.0-or-later app can ship (others: NC, ND, custom, …). */
const SHIPPABLE_LICENCES =
  /^(?:CC0-1\.0|Unlicense|MIT|Apache-2\.0|BSD-3-Clause|MPL-2\.0|CC-BY-(?:2\.5|3\.0|4\.0)|CC-BY-SA-4\.0|GPL-2\.0-or-later|GPL-3\.0-(?:only|or-later))$/;

/** The packages the bundle draws from, in order of preference, and the licence each must still have. */
const SETS = [
  { key: 'simple-icons', package: 'simple-icons', name: 'Simple Icons', homepage: 'https://simpleicons.org' },
  {
    key: 'cib',
    package: '@iconify-json/cib',
    name: 'CoreUI Brands',
    homepage: 'https://github.com/coreui/coreui-icons',
  },
  { key: 'logos', package: '@iconify-json/logos', name: 'SVG Logos', homepage: 'https://github.com/gilbarbara/logos' },
] as const;
const SET_LICENCE = 'CC0-1.0';

interface SimpleIcon {
  title: string;
  slug: string;
  hex: string;
  source: string;
  aliases?: { aka?: string[]; dup?: { title: string }[]; loc?: Record<string, string> };
  license?: { type: string; url?: string };
}

interface IconifySet {
  width?: number;
  height?: number;
  icons: Record<string, { body: string; width?: number; height?: number; left?: number; top?: number }>;
}

/** Name levels: the alias table has the final say, then titles and ids, then the sets' own aliases. */
const enum Level {
  Tessera = 0,
  Title = 1,
  SetAlias = 2,
}

interface Candidate {
  id: string;
  title: string;
  set: number;
  record: BundledRecord;
  names: { name: string; level: Level }[];
}

export interface GenerateReport {
  /** Icons left out, and why (a licence, a failed check, a gap filled by simple-icons itself). */
  readonly dropped: readonly { readonly id: string; readonly reason: string }[];
  /** Name keys claimed by more than one icon (the better-ranked one keeps it). */
  readonly contested: number;
}

export interface GeneratedIcons {
  readonly index: BundledIndex;
  readonly data: Buffer;
  readonly report: GenerateReport;
}

function packageDir(root: string, name: string): string {
  return path.join(root, 'node_modules', ...name.split('/'));
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** A CoreUI glyph (only `<path fill="currentColor" d>` elements on 32×32) as one 24×24 path. */
function cibPath(set: IconifySet, name: string): string {
  const icon = set.icons[name];
  if (!icon) throw new Error(`gap-icons.ts: CoreUI Brands has no icon '${name}'.`);
  const size = icon.width ?? set.width ?? 16;
  if (size !== (icon.height ?? set.height ?? 16)) throw new Error(`gap-icons.ts: cib '${name}' is not square.`);
  const body = icon.body.trim();
  const paths = [...body.matchAll(/<path fill="currentColor" d="([^"]+)"\/>/g)];
  if (paths.length === 0 || paths.map((p) => p[0]).join('') !== body) {
    throw new Error(`gap-icons.ts: cib '${name}' is not plain one-colour paths.`);
  }
  return paths.map((p) => scalePath(p[1] ?? '', 24 / size)).join('');
}

/** A logo as a standalone square SVG (its box centred), ready for a data: URL. */
function logoSvg(set: IconifySet, name: string): string {
  const icon = set.icons[name];
  if (!icon) throw new Error(`gap-icons.ts: SVG Logos has no icon '${name}'.`);
  const width = icon.width ?? set.width ?? 16;
  const height = icon.height ?? set.height ?? 16;
  const side = Math.max(width, height);
  const x = (icon.left ?? 0) - (side - width) / 2;
  const y = (icon.top ?? 0) - (side - height) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${side} ${side}">${icon.body}</svg>`;
}

function setInfo(root: string, index: number, icons: number): BundledSetInfo {
  const set = SETS[index];
  if (!set) throw new Error(`No icon set ${index}.`);
  const manifest = readJson<{ version: string; license: string }>(
    path.join(packageDir(root, set.package), 'package.json'),
  );
  if (manifest.license !== SET_LICENCE) {
    throw new Error(
      `${set.package} is now licensed ${manifest.license}, not ${SET_LICENCE}: review before bundling it.`,
    );
  }
  return {
    package: set.package,
    version: manifest.version,
    name: set.name,
    licence: manifest.license,
    homepage: set.homepage,
    icons,
  };
}

/** Reads the icon packages under `root`/node_modules and builds the index and data. */
export function generateBundledIcons(root: string): GeneratedIcons {
  const dropped: { id: string; reason: string }[] = [];
  const credits: BundledIconCredit[] = [];
  const candidates: Candidate[] = [];

  const simpleDir = packageDir(root, 'simple-icons');
  for (const icon of readJson<SimpleIcon[]>(path.join(simpleDir, 'data', 'simple-icons.json'))) {
    if (icon.license && !SHIPPABLE_LICENCES.test(icon.license.type)) {
      dropped.push({ id: icon.slug, reason: `licence ${icon.license.type}` });
      continue;
    }
    const svg = readFileSync(path.join(simpleDir, 'icons', `${icon.slug}.svg`), 'utf8');
    const d = /<path d="([^"]+)"\/>/.exec(svg)?.[1];
    if (!d) throw new Error(`simple-icons ${icon.slug}: no path.`);
    if (icon.license) {
      credits.push({
        id: icon.slug,
        title: icon.title,
        licence: icon.license.type,
        source: icon.license.url ?? icon.source,
      });
    }
    const aliases = icon.aliases ?? {};
    candidates.push({
      id: icon.slug,
      title: icon.title,
      set: 0,
      record: { kind: 'path', hex: normaliseHexColour(icon.hex).slice(1), path: d },
      names: [
        { name: icon.title, level: Level.Title },
        { name: icon.slug, level: Level.Title },
        ...(aliases.aka ?? []).map((name) => ({ name, level: Level.SetAlias })),
        ...(aliases.dup ?? []).map((dup) => ({ name: dup.title, level: Level.SetAlias })),
        ...Object.values(aliases.loc ?? {}).map((name) => ({ name, level: Level.SetAlias })),
      ],
    });
  }

  const cib = readJson<IconifySet>(path.join(packageDir(root, '@iconify-json/cib'), 'icons.json'));
  const logos = readJson<IconifySet>(path.join(packageDir(root, '@iconify-json/logos'), 'icons.json'));
  const taken = new Set(candidates.map((c) => c.id));
  for (const gap of GAP_ICONS) {
    if (taken.has(gap.id)) {
      dropped.push({ id: gap.id, reason: 'simple-icons has it now' });
      continue;
    }
    let record: BundledRecord;
    if (gap.set === 'cib') {
      record = { kind: 'path', hex: normaliseHexColour(gap.hex).slice(1), path: cibPath(cib, gap.name) };
    } else {
      const svg = logoSvg(logos, gap.name);
      const problem = svgProblem(svg);
      const dominant = problem === null ? dominantColour(svg) : null;
      const background = dominant === null ? null : imageTileFor(dominant);
      if (problem !== null || background === null) {
        dropped.push({ id: gap.id, reason: problem ?? `no tile keeps 3:1 with its colour ${dominant ?? 'none'}` });
        continue;
      }
      record = { kind: 'image', svg, background };
    }
    taken.add(gap.id);
    candidates.push({
      id: gap.id,
      title: gap.title,
      set: gap.set === 'cib' ? 1 : 2,
      record,
      names: [
        { name: gap.title, level: Level.Title },
        { name: gap.id, level: Level.Title },
      ],
    });
  }

  const byId = new Map(candidates.map((c) => [c.id, c]));
  const domainTargets = new Map<string, string>();
  for (const alias of ICON_ALIASES) {
    const target = byId.get(alias.id);
    if (!target) throw new Error(`aliases.ts: '${alias.id}' is not a bundled icon.`);
    for (const name of alias.names ?? []) target.names.push({ name, level: Level.Tessera });
    for (const domain of alias.domains ?? []) domainTargets.set(domain.toLowerCase(), alias.id);
  }

  candidates.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const position = new Map(candidates.map((c, pos) => [c.id, pos]));

  // Each key to its best claimant: lower level, then a name that needed no ending stripped
  // ("X" over "X.Org"), then the preferred set, then the earlier id.
  const plainKey = (name: string): string => foldText(name).replace(/[^\p{L}\p{N}]+/gu, '');
  const claims = new Map<string, { pos: number; rank: [number, number, number, number] }>();
  const claimed = new Set<string>();
  let contested = 0;
  candidates.forEach((candidate, pos) => {
    for (const { name, level } of candidate.names) {
      const key = issuerKey(name);
      if (key === '') continue;
      const rank: [number, number, number, number] = [level, key === plainKey(name) ? 0 : 1, candidate.set, pos];
      const held = claims.get(key);
      if (held && held.pos !== pos) {
        if (!claimed.has(key)) contested++;
        claimed.add(key);
      }
      if (!held || compareRank(rank, held.rank) < 0) {
        claims.set(key, { pos, rank });
      }
    }
  });

  const chunks: Buffer[] = [];
  let offset = 0;
  const icons: BundledIndexIcon[] = candidates.map((candidate) => {
    const bytes = Buffer.from(JSON.stringify(candidate.record), 'utf8');
    chunks.push(bytes);
    const titleKey = issuerKey(candidate.title);
    const seen = new Set([titleKey, issuerKey(candidate.id)]);
    const searchNames: string[] = [];
    for (const { name } of candidate.names) {
      const key = issuerKey(name);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      searchNames.push(name);
    }
    const entry: BundledIndexIcon = [candidate.id, candidate.title, candidate.set, offset, bytes.length, searchNames];
    offset += bytes.length;
    return entry;
  });
  const data = Buffer.concat(chunks);

  const names: Record<string, number> = {};
  for (const key of [...claims.keys()].sort()) names[key] = claims.get(key)?.pos ?? 0;
  const domains: Record<string, number> = {};
  for (const domain of [...domainTargets.keys()].sort())
    domains[domain] = position.get(domainTargets.get(domain) ?? '') ?? 0;

  const featured = [...new Set([...ICON_ALIASES.map((a) => a.id), ...GAP_ICONS.map((g) => g.id)])]
    .map((id) => position.get(id))
    .filter((pos): pos is number => pos !== undefined)
    .sort((a, b) => a - b);

  const counts = [0, 0, 0];
  for (const c of candidates) counts[c.set] = (counts[c.set] ?? 0) + 1;
  const body = {
    format: BUNDLED_ICONS_FORMAT,
    sets: SETS.map((_, i) => setInfo(root, i, counts[i] ?? 0)),
    credits: credits.sort((a, b) => (a.id < b.id ? -1 : 1)),
    icons,
    names,
    domains,
    featured,
  } as const;
  const fingerprint = createHash('sha256').update(data).update(JSON.stringify(body)).digest('hex');
  const index: BundledIndex = { ...body, fingerprint };
  return { index, data, report: { dropped, contested } };
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The index as written to index.json. */
export function indexJson(index: BundledIndex): string {
  return JSON.stringify(index);
}
