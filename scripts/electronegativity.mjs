#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Electronegativity gate (`npm run scan`).
 *
 * Runs @doyensec/electronegativity over the BUILT JavaScript (`out/` by default: the tool parses with an
 * old TypeScript, so it reads electron-vite's output rather than our sources), then compares every
 * finding with `scripts/electronegativity-allowlist.json`. Each allowlist entry names a check id, a file
 * glob (relative to the repository root, or `N/A` for whole-app "global" checks), optionally a `sample`
 * substring of the flagged source and a `description` substring of the tool's message (to pin the exact
 * kind of finding), and a mandatory `reason`.
 *
 * Scripts are scanned from a temporary copy in which ES private names (`#x`) are masked, position for
 * position, because the tool's scope analyser cannot parse them (see maskPrivateNames).
 *
 * Exit codes: 0 when every finding is allowed; 1 when any finding is not; 2 on usage errors, a missing or
 * empty input, an invalid allowlist, or a file the tool failed to parse (an unparsed file is an unscanned
 * file).
 *
 * Offline and deterministic: the tool's network look-ups (translation download, Electron release list for
 * AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) are disabled here; the Electron version comes from
 * node_modules/electron/package.json. Keeping Electron current is the job of dependency updates, not of
 * this gate.
 *
 * Usage: node scripts/electronegativity.mjs [--input DIR] [--allowlist FILE] [--output FILE.csv|FILE.sarif]
 *                                           [--electron-version X.Y.Z]
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Checks never run by the gate, each with why. Names are electronegativity's check class names. */
export const EXCLUDED_CHECKS = {
  // Downloads Electron's release list at scan time: online it depends on the day, offline it only prints
  // "No connectivity?". Electron upgrades are tracked by dependency updates instead.
  AvailableSecurityFixesGlobalCheck: 'needs the network; results would change from day to day',
};

/**
 * A finding, normalised from electronegativity's issue objects.
 * @typedef {{ check: string, file: string, line: number, column: number, severity: string,
 *   confidence: string, manualReview: boolean, sample: string, description: string }} Finding
 */

/**
 * One allowlist entry.
 * @typedef {{ check: string, file: string, sample?: string, description?: string, reason: string }} AllowEntry
 */

/**
 * Converts a file glob to an anchored regular expression. Supports `**` (any depth, including none),
 * `*` (within one path segment), `?` (one character), and `{a,b}` alternatives; `/` separates segments.
 * @param {string} glob pattern such as `out/renderer/assets/index-*.js`
 * @returns {RegExp}
 */
export function globToRegExp(glob) {
  return new RegExp(`^${globSource(glob)}$`);
}

/** Regular-expression source for a glob (see globToRegExp); brace alternatives may use any glob syntax. */
function globSource(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) throw new SyntaxError(`unclosed { in glob ${glob}`);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map((alt) => globSource(alt))
        .join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return re;
}

/**
 * Validates a parsed allowlist document and returns its entries.
 * @param {unknown} doc the parsed JSON (`{ "entries": [...] }`)
 * @returns {AllowEntry[]}
 * @throws {Error} listing every invalid entry
 */
export function validateAllowlist(doc) {
  const problems = [];
  const entries = /** @type {{ entries?: unknown }} */ (doc)?.entries;
  if (!Array.isArray(entries)) throw new Error('allowlist: top-level "entries" array missing');
  entries.forEach((e, i) => {
    const where = `allowlist entry ${i}`;
    if (typeof e !== 'object' || e === null) return problems.push(`${where}: not an object`);
    if (typeof e.check !== 'string' || !/^[A-Z0-9_]+$/.test(e.check))
      problems.push(`${where}: "check" must be a check id`);
    if (typeof e.file !== 'string' || e.file === '') problems.push(`${where}: "file" must be a glob or "N/A"`);
    else {
      try {
        globToRegExp(e.file);
      } catch (err) {
        problems.push(`${where}: ${/** @type {Error} */ (err).message}`);
      }
    }
    for (const k of ['sample', 'description'])
      if (e[k] !== undefined && (typeof e[k] !== 'string' || e[k] === ''))
        problems.push(`${where}: "${k}" must be a non-empty string`);
    if (typeof e.reason !== 'string' || e.reason.trim().length < 15)
      problems.push(`${where}: "reason" must explain the exception`);
    const known = new Set(['check', 'file', 'sample', 'description', 'reason']);
    for (const k of Object.keys(e)) if (!known.has(k)) problems.push(`${where}: unknown key "${k}"`);
    return undefined;
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return /** @type {AllowEntry[]} */ (entries);
}

/**
 * The first allowlist entry that covers a finding: same check id, file matching the glob, and (when the
 * entry has them) the sample substring present in the flagged source and the description substring in the
 * tool's message.
 * @param {Finding} finding
 * @param {AllowEntry[]} entries
 * @returns {AllowEntry | undefined}
 */
export function findAllowEntry(finding, entries) {
  return entries.find(
    (e) =>
      e.check === finding.check &&
      globToRegExp(e.file).test(finding.file) &&
      (e.sample === undefined || finding.sample.includes(e.sample)) &&
      (e.description === undefined || finding.description.includes(e.description)),
  );
}

/**
 * Splits findings into allowed and rejected ones, and reports allowlist entries that matched nothing.
 * @param {Finding[]} findings
 * @param {AllowEntry[]} entries
 * @returns {{ allowed: { finding: Finding, entry: AllowEntry }[], rejected: Finding[], unused: AllowEntry[] }}
 */
export function classify(findings, entries) {
  const allowed = [];
  const rejected = [];
  const used = new Set();
  for (const finding of findings) {
    const entry = findAllowEntry(finding, entries);
    if (entry) {
      allowed.push({ finding, entry });
      used.add(entry);
    } else rejected.push(finding);
  }
  return { allowed, rejected, unused: entries.filter((e) => !used.has(e)) };
}

/**
 * Normalises electronegativity's issues: paths relative to the repository root with `/` separators
 * (`N/A` stays for global checks), plain strings for severity and confidence.
 * @param {any[]} issues as returned by electronegativity's `run()`
 * @param {string} inputDir absolute path that was scanned
 * @param {string} [base] directory paths are made relative to (the repository root)
 * @returns {Finding[]}
 */
export function normaliseIssues(issues, inputDir, base = root) {
  return issues.map((i) => {
    const file =
      !i.file || i.file === 'N/A'
        ? 'N/A'
        : path
            .relative(base, path.resolve(inputDir, String(i.file)))
            .split(path.sep)
            .join('/');
    return {
      check: String(i.id),
      file,
      line: Number(i.location?.line ?? 0),
      column: Number(i.location?.column ?? 0),
      severity: String(i.severity?.name ?? '?'),
      confidence: String(i.confidence?.name ?? '?'),
      manualReview: Boolean(i.manualReview),
      sample: typeof i.sample === 'string' ? i.sample.trim() : '',
      description: String(i.description ?? ''),
    };
  });
}

/**
 * Makes electronegativity's HTTP client fail at once, before the tool loads it: the scan then never
 * touches the network (no translation download) and never waits for DNS time-outs.
 */
function disableNetwork() {
  const toolMain = require.resolve('@doyensec/electronegativity');
  const gotPath = require.resolve('got', { paths: [path.dirname(toolMain)] });
  const offline = () =>
    Promise.reject(Object.assign(new Error('network disabled by scripts/electronegativity.mjs'), { code: 'EOFFLINE' }));
  offline.default = offline;
  require.cache[gotPath] = /** @type {any} */ ({ id: gotPath, filename: gotPath, loaded: true, exports: offline });
}

/**
 * Rewrites ES private names (`#field`, `this.#field`, `#m()`, `#x in o`) to `_field` etc. The tool's scope
 * analyser (escope) predates them and throws "Unknown node type ClassPrivateProperty", which would leave
 * the whole file unscanned. `#` and `_` are one character each, so every line and column stays put; a `#`
 * before a letter inside a string or comment (a colour, a URL fragment) changes too, which none of the
 * checks depends on.
 * @param {string} code JavaScript source
 * @returns {string}
 */
export function maskPrivateNames(code) {
  return code.replace(/#(?=[A-Za-z_$])/g, (m, offset) => (offset === 0 && code.startsWith('#!') ? m : '_'));
}

/**
 * Copies the input to a temporary folder prepared for the tool: private names masked in every script
 * (see maskPrivateNames), and `.cjs`/`.mjs` files renamed to `*.cjs.js`/`*.mjs.js`, because the tool only
 * reads `.js .jsx .ts .tsx .html .htm` and would silently skip the preload bundle (`out/preload/index.cjs`).
 * @param {string} input folder to scan
 * @returns {{ dir: string, files: number, original: (rel: string) => string }} the copy (the caller
 *   removes it), how many script and HTML files it holds, and a function mapping a path relative to the
 *   copy back to the path relative to `input`
 */
function shadowCopy(input) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-electronegativity-'));
  cpSync(input, dir, { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  const renamed = new Map();
  let files = 0;
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (/\.html?$/.test(rel)) files++;
    if (!/\.(c|m)?jsx?$/.test(rel)) continue;
    files++;
    const file = path.join(dir, rel);
    const code = readFileSync(file, 'utf8');
    const masked = maskPrivateNames(code);
    if (/\.(c|m)js$/.test(rel)) {
      writeFileSync(`${file}.js`, masked);
      rmSync(file);
      renamed.set(`${rel}.js`, rel);
    } else if (masked !== code) writeFileSync(file, masked);
  }
  return { dir, files, original: (rel) => renamed.get(rel) ?? rel };
}

/**
 * Runs electronegativity over a folder and returns normalised findings and parse errors.
 * @param {{ input: string, electronVersion?: string }} options
 * @returns {Promise<{ files: number, findings: Finding[],
 *   errors: { file: string, message: string, tolerable: boolean }[] }>}
 */
export async function scan({ input, electronVersion }) {
  disableNetwork();
  process.env.LANG = 'en-US'; // the tool picks its message locale from LANG
  const run = require('@doyensec/electronegativity');
  const log = console.log;
  // The tool prints a "could not retrieve translations" line we already know about.
  console.log = (...args) => {
    if (!/Could not retrieve updated translations/.test(String(args[0]))) log(...args);
  };
  const shadow = shadowCopy(input);
  try {
    const result = await run({
      input: shadow.dir,
      // No `output`: the tool writes its CSV with two unsynchronised async writes (header and rows race);
      // formatReport() writes ours, with the gate's verdict per finding.
      customScan: [],
      excludeFromScan: Object.keys(EXCLUDED_CHECKS),
      isRelative: true, // issue paths relative to the copy
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
    const back = (file) =>
      file === 'N/A' ? file : shadow.original(path.relative(shadow.dir, path.resolve(shadow.dir, file)));
    return {
      files: shadow.files,
      findings: normaliseIssues(
        result.issues.map((i) => ({ ...i, file: back(String(i.file)) })),
        input,
      ),
      errors: result.errors.map((e) => ({
        ...e,
        file: path.relative(root, path.resolve(input, back(String(e.file)))),
      })),
    };
  } finally {
    console.log = log;
    rmSync(shadow.dir, { recursive: true, force: true });
  }
}

/**
 * Serialises the classified findings as CSV (one row per finding, with the gate's verdict) or as SARIF
 * 2.1.0 (allowed findings carry an accepted suppression with the allowlist reason), chosen by extension.
 * @param {string} file `*.csv` or `*.sarif`
 * @param {{ allowed: { finding: Finding, entry: AllowEntry }[], rejected: Finding[] }} result
 * @param {string} toolVersion electronegativity's version
 * @returns {string} the report text
 */
export function formatReport(file, { allowed, rejected }, toolVersion) {
  const rows = [
    ...rejected.map((finding) => ({ finding, entry: undefined })),
    ...allowed.map(({ finding, entry }) => ({ finding, entry })),
  ];
  if (file.endsWith('.sarif')) {
    const results = rows.map(({ finding: f, entry }) => ({
      ruleId: f.check,
      level: entry ? 'note' : 'error',
      message: { text: `${f.description}${f.sample ? ` (${f.sample})` : ''}` },
      locations:
        f.file === 'N/A'
          ? []
          : [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.file },
                  region: { startLine: Math.max(1, f.line), startColumn: f.column + 1 },
                },
              },
            ],
      properties: { severity: f.severity, confidence: f.confidence, manualReview: f.manualReview },
      ...(entry ? { suppressions: [{ kind: 'external', status: 'accepted', justification: entry.reason }] } : {}),
    }));
    const sarif = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'electronegativity',
              version: toolVersion,
              informationUri: 'https://github.com/doyensec/electronegativity',
            },
          },
          results,
        },
      ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
  }
  const esc = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const head = [
    'verdict',
    'check',
    'file',
    'line',
    'column',
    'severity',
    'confidence',
    'manual_review',
    'sample',
    'reason',
  ];
  const lines = rows.map(({ finding: f, entry }) =>
    [
      entry ? 'allowed' : 'rejected',
      f.check,
      f.file,
      f.line,
      f.column,
      f.severity,
      f.confidence,
      f.manualReview,
      f.sample,
      entry?.reason ?? '',
    ]
      .map(esc)
      .join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}

/**
 * Renders rows as a plain text table.
 * @param {string[]} head column titles
 * @param {string[][]} rows
 * @returns {string}
 */
export function formatTable(head, rows) {
  const widths = head.map((h, c) => Math.min(70, Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length))));
  const cell = (s, c) => (s.length > widths[c] ? `${s.slice(0, widths[c] - 1)}…` : s.padEnd(widths[c]));
  const line = (r) => r.map(cell).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function parseArgs(argv) {
  const opts = {
    input: path.join(root, 'out'),
    allowlist: path.join(root, 'scripts', 'electronegativity-allowlist.json'),
    output: undefined,
    electronVersion: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--input') opts.input = path.resolve(value());
    else if (flag === '--allowlist') opts.allowlist = path.resolve(value());
    else if (flag === '--output') opts.output = path.resolve(value());
    else if (flag === '--electron-version') opts.electronVersion = value();
    else if (flag === '--help' || flag === '-h') opts.help = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (opts.output && !/\.(csv|sarif)$/.test(opts.output)) throw new Error('--output must end in .csv or .sarif');
  return opts;
}

function electronVersionFromModules() {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`electronegativity gate: ${/** @type {Error} */ (err).message}`);
    return 2;
  }
  if (opts.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
    return 0;
  }
  if (!existsSync(opts.input)) {
    console.error(
      `electronegativity gate: ${path.relative(root, opts.input) || opts.input} does not exist (run \`npm run build\` first)`,
    );
    return 2;
  }
  let entries;
  try {
    entries = validateAllowlist(JSON.parse(readFileSync(opts.allowlist, 'utf8')));
  } catch (err) {
    console.error(
      `electronegativity gate: invalid allowlist ${opts.allowlist}:\n${/** @type {Error} */ (err).message}`,
    );
    return 2;
  }

  const started = performance.now();
  const electronVersion = opts.electronVersion ?? electronVersionFromModules();
  const { files, findings, errors } = await scan({ input: opts.input, electronVersion });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { allowed, rejected, unused } = classify(findings, entries);
  const scanned = path.relative(root, opts.input) || '.';

  if (findings.length) {
    const verdict = new Map(allowed.map(({ finding, entry }) => [finding, `allowed: ${entry.reason}`]));
    const rows = findings.map((f) => [
      verdict.has(f) ? 'ok' : 'FAIL',
      f.check,
      f.file === 'N/A' ? 'N/A' : `${f.file}:${f.line}:${f.column}`,
      `${f.severity}/${f.confidence}${f.manualReview ? '/review' : ''}`,
      verdict.get(f) ?? (f.sample || f.description),
    ]);
    console.log(formatTable(['', 'check', 'where', 'severity', 'allowed because / flagged code'], rows));
  }
  for (const e of unused) console.warn(`note: allowlist entry ${e.check} ${e.file} matched nothing (stale?)`);
  const fatal = errors.filter((e) => !e.tolerable);
  for (const e of errors)
    console.error(`${e.tolerable ? 'warning' : 'error'}: could not fully parse ${e.file}: ${e.message}`);
  if (opts.output) {
    const toolVersion = JSON.parse(
      readFileSync(require.resolve('@doyensec/electronegativity/package.json'), 'utf8'),
    ).version;
    writeFileSync(opts.output, formatReport(opts.output, { allowed, rejected }, toolVersion));
    console.log(`report written to ${path.relative(root, opts.output)}`);
  }

  console.log(
    `electronegativity (Electron ${electronVersion ?? 'unknown'}) over ${files} file(s) in ${scanned}/ in ${seconds} s: ` +
      `${findings.length} finding(s), ${allowed.length} allowed, ${rejected.length} not allowed` +
      (fatal.length ? `, ${fatal.length} file(s) not parsed` : ''),
  );
  if (rejected.length) {
    console.error(
      'FAILED: fix the code above, or add an entry with a reason to scripts/electronegativity-allowlist.json',
    );
    return 1;
  }
  if (fatal.length) return 2;
  if (files === 0) {
    console.error(`FAILED: no script or HTML file in ${scanned}/; nothing was scanned`);
    return 2;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
