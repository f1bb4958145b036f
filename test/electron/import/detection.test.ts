// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Detection on positive evidence (electron/import/registry.ts):
 *
 * (a) a confusion matrix — every corpus file (content alone) and every fixture of every format
 *     (content alone, or content and name for the formats without magic, `"detection": "name"`) is fed
 *     to detectFormat; the matrix format × detected must have zeros off the diagonal and no
 *     "not recognised" on it, and is printed when it does not;
 * (b) 1,000 generated files that are no export at all — random bytes of many lengths (some behind
 *     the magic bytes of ZIP, SQLite and Java serialization, or `00 00 10 00`), text (shopping lists,
 *     prose, CSV, INI, Markdown, base64 and hex dumps of random bytes), JSON with generic keys, XML
 *     (a shared_prefs `<map>` of unrelated preferences among them) and HTML — must all be "not
 *     recognised", with neutral names and without names. Seeded, deterministic, fast.
 */
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  IMPORT_FORMAT_IDS,
  IMPORT_FORMATS,
  ImportError,
  importFile,
  MIN_CONFIDENCE,
  supportedAppNames,
  type ImportFormatId,
} from '../../../electron/import';
import { NAME_EVIDENCE } from '../../../electron/import/registry';
import { corpusSkipReason } from '../../helpers/corpus';
import { corpusBytes, expectedCorpus } from './expected';
import { allFixtures } from './fixtures';
import { prng, seedOf } from './mutate';

const NONE = 'none';

interface Sample {
  readonly label: string;
  readonly format: ImportFormatId;
  readonly bytes: Uint8Array;
  readonly fileName?: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  if (corpusSkipReason() === null) {
    for (const [rel, spec] of Object.entries(expectedCorpus().files)) {
      out.push({ label: `corpus ${rel}`, format: spec.format as ImportFormatId, bytes: corpusBytes(rel) });
    }
  }
  for (const fx of allFixtures()) {
    out.push({
      label: `fixture ${fx.rel}`,
      format: fx.format,
      bytes: fx.bytes,
      ...(fx.detection === 'name' ? { fileName: fx.file } : {}),
    });
  }
  return out;
}

/** The matrix as text: a row per format that has samples, a column per answer seen. */
function render(matrix: Map<string, Map<string, number>>): string {
  const columns = [...new Set([...matrix.values()].flatMap((row) => [...row.keys()]))].sort();
  const width = Math.max(...[...matrix.keys(), ...columns].map((c) => c.length), 5);
  const cell = (s: string): string => s.padStart(width);
  const lines = [[''.padEnd(width), ...columns.map(cell)].join(' ')];
  for (const [format, row] of [...matrix].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push([format.padEnd(width), ...columns.map((c) => cell(String(row.get(c) ?? '·')))].join(' '));
  }
  return lines.join('\n');
}

describe('detection (a): confusion matrix of the corpus and every fixture', () => {
  const reason = corpusSkipReason();
  if (reason !== null) it.skip(`corpus part: ${reason}`, () => undefined);

  it(`every file is detected as its own format${reason === null ? ' (corpus and fixtures)' : ' (fixtures)'}`, () => {
    const all = samples();
    expect(all.length).toBeGreaterThan(0);
    const matrix = new Map<string, Map<string, number>>();
    const wrong: string[] = [];
    for (const s of all) {
      const detected = detectFormat(s.bytes, s.fileName)?.format ?? NONE;
      const row = matrix.get(s.format) ?? new Map<string, number>();
      row.set(detected, (row.get(detected) ?? 0) + 1);
      matrix.set(s.format, row);
      if (detected !== s.format)
        wrong.push(`${s.label}${s.fileName === undefined ? '' : ' (with its name)'}: ${detected}`);
    }
    expect(wrong, `format × detected:\n${render(matrix)}\n`).toEqual([]);
  });

  it('a fixture detected by content is detected the same with its name; one detected by name is not without it', () => {
    const differ: string[] = [];
    for (const fx of allFixtures()) {
      const alone = detectFormat(fx.bytes)?.format ?? NONE;
      const named = detectFormat(fx.bytes, fx.file)?.format ?? NONE;
      if (fx.detection === 'name' ? alone !== NONE : alone !== named) differ.push(`${fx.rel}: ${alone} / ${named}`);
    }
    expect(differ).toEqual([]);
  });

  it('every format id the registry knows is one of the matrix rows it can have', () => {
    const known = new Set<string>(IMPORT_FORMAT_IDS);
    for (const s of samples()) expect(known.has(s.format), s.label).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Files that are no export.

const te = new TextEncoder();
type Rnd = () => number;
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const int = (rnd: Rnd, min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
/** Lengths spread over 1 B – 64 KiB (log-uniform), as files are. */
const length = (rnd: Rnd): number => Math.max(1, Math.floor(Math.exp(rnd() * Math.log(65_536))));
const randomBytes = (rnd: Rnd, n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

const WORDS = (
  'apple bread butter milk eggs cheese rice pasta tomato onion garlic coffee tea sugar salt pepper soap ' +
  'the a of and to in is was for on with as by at from that this it be are have not but or an they which ' +
  'meeting project report budget garden holiday train ticket weather river mountain letter friend morning ' +
  'account password secret label issuer token version header backup export'
).split(' ');
const KEYS = [
  'id',
  'name',
  'value',
  'items',
  'data',
  'count',
  'type',
  'title',
  'created',
  'tags',
  'enabled',
  'url',
  'description',
  'children',
  'meta',
  'version',
  'size',
  'color',
  'price',
  'owner',
  'status',
  'notes',
  'user',
];

const words = (rnd: Rnd, n: number): string => Array.from({ length: n }, () => pick(rnd, WORDS)).join(' ');

function jsonValue(rnd: Rnd, depth: number): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.45) {
    return pick(rnd, [
      () => words(rnd, int(rnd, 1, 4)),
      () => int(rnd, -1000, 100000),
      () => rnd() < 0.5,
      () => null,
      () => rnd() * 100,
    ])();
  }
  if (r < 0.7) return Array.from({ length: int(rnd, 0, 5) }, () => jsonValue(rnd, depth + 1));
  return Object.fromEntries(Array.from({ length: int(rnd, 0, 6) }, () => [pick(rnd, KEYS), jsonValue(rnd, depth + 1)]));
}

/** Base64 of random bytes wrapped as MIME (76) or PEM (64) does, half of them whole AES blocks. */
const base64Lines = (rnd: Rnd): string => {
  const width = pick(rnd, [60, 64, 76]);
  const n = int(rnd, 200, 6000);
  const text = Buffer.from(randomBytes(rnd, rnd() < 0.5 ? n - (n % 16) : n)).toString('base64');
  const lines = text.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
  return `${lines.join('\n')}\n`;
};

const hexDump = (rnd: Rnd): string => {
  const data = randomBytes(rnd, int(rnd, 16, 2048));
  const lines: string[] = [];
  for (let at = 0; at < data.length; at += 16) {
    const row = data.subarray(at, at + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${at.toString(16).padStart(8, '0')}: ${hex}`);
  }
  return `${lines.join('\n')}\n`;
};

/** One file that is no export, with a neutral name. */
type Maker = (rnd: Rnd) => { bytes: Uint8Array; name: string };
const MAKERS: readonly (readonly [number, Maker])[] = [
  [
    140,
    (rnd) => ({
      bytes: randomBytes(rnd, length(rnd)),
      name: pick(rnd, ['data.bin', 'file', 'download', 'backup.dat']),
    }),
  ],
  [50, (rnd) => ({ bytes: concat(Uint8Array.of(0, 0, 0x10, 0), randomBytes(rnd, length(rnd))), name: 'data.bin' })],
  [40, (rnd) => ({ bytes: concat(te.encode('PK\u0003\u0004'), randomBytes(rnd, length(rnd))), name: 'archive.zip' })],
  [
    40,
    (rnd) => ({
      bytes: concat(te.encode('SQLite format 3\u0000'), randomBytes(rnd, 100 + length(rnd))),
      name: 'data.db',
    }),
  ],
  [40, (rnd) => ({ bytes: concat(Uint8Array.of(0xac, 0xed, 0, 5), randomBytes(rnd, length(rnd))), name: 'data.ser' })],
  [
    60,
    (rnd) => ({
      bytes: te.encode(
        Array.from(
          { length: int(rnd, 1, 25) },
          () => `${pick(rnd, ['', '- ', '* ', `${int(rnd, 1, 9)} × `])}${words(rnd, int(rnd, 1, 3))}`,
        ).join('\n'),
      ),
      name: pick(rnd, ['shopping.txt', 'notes.txt', 'list.txt']),
    }),
  ],
  [
    60,
    (rnd) => ({
      bytes: te.encode(Array.from({ length: int(rnd, 1, 8) }, () => `${words(rnd, int(rnd, 5, 40))}.`).join('\n\n')),
      name: pick(rnd, ['notes.txt', 'letter.txt', 'document']),
    }),
  ],
  [
    50,
    (rnd) => {
      const columns = Array.from({ length: int(rnd, 2, 7) }, () => pick(rnd, KEYS));
      const rows = Array.from({ length: int(rnd, 0, 30) }, () =>
        columns.map(() => (rnd() < 0.3 ? `"${words(rnd, 2)}, ${words(rnd, 1)}"` : words(rnd, 1))).join(','),
      );
      return {
        bytes: te.encode([columns.join(','), ...rows].join(rnd() < 0.5 ? '\n' : '\r\n')),
        name: pick(rnd, ['export.csv', 'data.csv']),
      };
    },
  ],
  [
    40,
    (rnd) => ({
      bytes: te.encode(
        Array.from(
          { length: int(rnd, 1, 5) },
          () =>
            `[${pick(rnd, KEYS)}]\n${Array.from({ length: int(rnd, 1, 6) }, () => `${pick(rnd, KEYS)} = ${words(rnd, 1)}`).join('\n')}`,
        ).join('\n\n'),
      ),
      name: pick(rnd, ['settings.ini', 'config.cfg']),
    }),
  ],
  [
    40,
    (rnd) => ({
      bytes: te.encode(
        `# ${words(rnd, 3)}\n\n${Array.from({ length: int(rnd, 1, 6) }, () => `## ${words(rnd, 2)}\n\n${words(rnd, 30)}\n\n- ${words(rnd, 4)}\n- [link](https://example.com/${pick(rnd, KEYS)})`).join('\n\n')}\n`,
      ),
      name: 'README.md',
    }),
  ],
  [50, (rnd) => ({ bytes: te.encode(base64Lines(rnd)), name: pick(rnd, ['data.txt', 'message.b64']) })],
  [50, (rnd) => ({ bytes: te.encode(hexDump(rnd)), name: 'dump.txt' })],
  [
    120,
    (rnd) => ({
      bytes: te.encode(
        JSON.stringify(
          rnd() < 0.6 ? jsonValue(rnd, 0) : Array.from({ length: int(rnd, 1, 6) }, () => jsonValue(rnd, 1)),
          null,
          rnd() < 0.5 ? 2 : 0,
        ),
      ),
      name: pick(rnd, ['export.json', 'data.json', 'backup.json']),
    }),
  ],
  [
    80,
    (rnd) => {
      const item = (): Record<string, unknown> =>
        Object.fromEntries(Array.from({ length: int(rnd, 1, 5) }, () => [pick(rnd, KEYS), jsonValue(rnd, 3)]));
      const value =
        rnd() < 0.5
          ? Array.from({ length: int(rnd, 1, 8) }, item)
          : { [pick(rnd, KEYS)]: Array.from({ length: int(rnd, 0, 5) }, item), version: int(rnd, 1, 5) };
      return { bytes: te.encode(JSON.stringify(value)), name: 'export.json' };
    },
  ],
  [
    60,
    (rnd) => {
      const prefs = Array.from({ length: int(rnd, 0, 12) }, () => {
        const key = `${pick(rnd, ['app', 'ui', 'sync', 'net'])}.${pick(rnd, KEYS)}`;
        return pick(rnd, [
          () => `    <string name="${key}">${words(rnd, int(rnd, 1, 3))}</string>`,
          () => `    <boolean name="${key}" value="${rnd() < 0.5}" />`,
          () => `    <int name="${key}" value="${int(rnd, 0, 9999)}" />`,
          () => `    <long name="${key}" value="${int(rnd, 0, 2 ** 30)}" />`,
        ])();
      });
      return {
        bytes: te.encode(
          `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${prefs.join('\n')}\n</map>\n`,
        ),
        name: pick(rnd, ['preferences.xml', 'settings.xml']),
      };
    },
  ],
  [
    40,
    (rnd) => {
      const element = (depth: number): string => {
        const tag = pick(rnd, KEYS);
        if (depth > 2 || rnd() < 0.4) return `<${tag}>${words(rnd, int(rnd, 0, 4))}</${tag}>`;
        return `<${tag} ${pick(rnd, KEYS)}="${int(rnd, 0, 99)}">${Array.from({ length: int(rnd, 1, 4) }, () => element(depth + 1)).join('')}</${tag}>`;
      };
      return {
        bytes: te.encode(`<?xml version="1.0" encoding="UTF-8"?>\n${element(0)}\n`),
        name: pick(rnd, ['document.xml', 'feed.xml']),
      };
    },
  ],
  [
    40,
    (rnd) => ({
      bytes: te.encode(
        `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${words(rnd, 3)}</title></head><body>${Array.from({ length: int(rnd, 1, 8) }, () => `<p>${words(rnd, 20)}</p><table><tr><td>${words(rnd, 1)}</td><td>${int(rnd, 0, 999)}</td></tr></table>`).join('')}</body></html>\n`,
      ),
      name: pick(rnd, ['page.html', 'export.html']),
    }),
  ],
];

function noExports(): { label: string; bytes: Uint8Array; name: string }[] {
  const rnd = prng(seedOf('detection: no exports'));
  const out: { label: string; bytes: Uint8Array; name: string }[] = [];
  MAKERS.forEach(([count, make], kind) => {
    for (let i = 0; i < count; i++) out.push({ label: `kind ${kind} #${i}`, ...make(rnd) });
  });
  return out;
}

describe('detection (b): files that are no export are not recognised', () => {
  const files = noExports();

  it('generates 1,000 files', () => expect(files).toHaveLength(1000));

  it('none is recognised from its content alone', () => {
    const claimed = files.flatMap((f) => {
      const d = detectFormat(f.bytes);
      return d === null ? [] : [`${f.label} (${f.bytes.length} bytes): ${d.format} ${d.confidence.toFixed(2)}`];
    });
    expect(claimed).toEqual([]);
  });

  it('none is recognised with a neutral name either', () => {
    const claimed = files.flatMap((f) => {
      const d = detectFormat(f.bytes, f.name);
      return d === null ? [] : [`${f.label} as ${f.name}: ${d.format} ${d.confidence.toFixed(2)}`];
    });
    expect(claimed).toEqual([]);
  });

  it('the reported false positives are not recognised: a shopping list, a binary starting 00 00 10 00', () => {
    const list = te.encode('Milk\nEggs\nBread\nButter\nApples (6)\nCoffee\n');
    expect(detectFormat(list)).toBeNull();
    expect(detectFormat(list, 'shopping.txt')).toBeNull();
    const binary = concat(Uint8Array.of(0, 0, 0x10, 0), randomBytes(prng(7), 2000));
    expect(detectFormat(binary)).toBeNull();
    expect(detectFormat(binary, 'data.bin')).toBeNull();
  });
});

describe('the registry’s policy', () => {
  it('a match needs the scale’s 0.5; the name is evidence only for the formats without magic', () => {
    expect(MIN_CONFIDENCE).toBe(0.5);
    expect(Object.keys(NAME_EVIDENCE)).toEqual(['andotp']);
    const junk = randomBytes(prng(11), 3000);
    for (const name of [
      'aegis-backup.json',
      'backup.2fas',
      'authy.xml',
      'steam.maFile',
      'tokens.xml',
      'otp-token-db',
    ]) {
      expect(detectFormat(junk, name), name).toBeNull();
    }
  });

  it('lists the supported apps: every app of the registry and WinAuth (read as a link list), once each', () => {
    const names = supportedAppNames();
    expect(names).toEqual([...new Set(names)]);
    expect(names).toEqual(expect.arrayContaining(['Aegis', '2FAS', 'andOTP', 'FreeOTP+', 'WinAuth']));
    expect(names).not.toContain('otpauth:// link list');
    expect(names.length).toBe(IMPORT_FORMATS.length);
  });

  it('a file no format recognises: a sentence, what to do, then the apps', async () => {
    const error = await importFile(te.encode('Milk\nEggs\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const { kind, message } = error as ImportError;
    expect(kind).toBe('unknown-format');
    expect(message).toBe(
      `Tessera does not recognise this file as an export of an app it supports. If you know which app made it, choose that app’s format. Supported apps: ${supportedAppNames().join(', ')}.`,
    );
  });
});
