// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The electronegativity gate (scripts/electronegativity.mjs): allowlist matching on sample findings,
 * the checked-in allowlist's validity, and end-to-end runs over a deliberately insecure fixture.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(root, 'scripts', 'electronegativity.mjs');
const badFixture = path.join(root, 'test', 'fixtures', 'electronegativity-bad');

interface Finding {
  check: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  manualReview: boolean;
  sample: string;
  description: string;
}
interface AllowEntry {
  check: string;
  file: string;
  sample?: string;
  description?: string;
  reason: string;
}
/** The pure exports of scripts/electronegativity.mjs (a plain ESM script without type declarations). */
interface Gate {
  globToRegExp(glob: string): RegExp;
  validateAllowlist(doc: unknown): AllowEntry[];
  findAllowEntry(finding: Finding, entries: AllowEntry[]): AllowEntry | undefined;
  classify(
    findings: Finding[],
    entries: AllowEntry[],
  ): { allowed: { finding: Finding; entry: AllowEntry }[]; rejected: Finding[]; unused: AllowEntry[] };
  normaliseIssues(issues: unknown[], inputDir: string, base?: string): Finding[];
  maskPrivateNames(code: string): string;
  formatReport(
    file: string,
    result: { allowed: { finding: Finding; entry: AllowEntry }[]; rejected: Finding[] },
    toolVersion: string,
  ): string;
}

let gate: Gate;
beforeAll(async () => {
  gate = (await import(pathToFileURL(script).href)) as Gate;
});

const finding = (over: Partial<Finding>): Finding => ({
  check: 'CSP_GLOBAL_CHECK',
  file: 'N/A',
  line: 0,
  column: 0,
  severity: 'MEDIUM',
  confidence: 'CERTAIN',
  manualReview: false,
  sample: '',
  description: '',
  ...over,
});
const REASON = 'a reason long enough to explain';

describe('glob matching', () => {
  it('matches *, ** and {a,b} on path segments', () => {
    const g = (p: string) => gate.globToRegExp(p);
    expect(g('out/renderer/assets/index-*.js').test('out/renderer/assets/index-Bx9_a1.js')).toBe(true);
    expect(g('out/renderer/assets/index-*.js').test('out/renderer/assets/sub/index-1.js')).toBe(false);
    expect(g('out/**/*.js').test('out/main/index.js')).toBe(true);
    expect(g('out/**/*.js').test('out/index.js')).toBe(true);
    expect(g('out/**').test('out/a/b/c.cjs')).toBe(true);
    expect(g('out/preload/index.{js,cjs}').test('out/preload/index.cjs')).toBe(true);
    expect(g('out/preload/index.{js,cjs}').test('out/preload/index.mjs')).toBe(false);
    expect(g('N/A').test('N/A')).toBe(true);
    expect(g('{N/A,test/fixtures/**}').test('test/fixtures/a/main.js')).toBe(true);
    expect(g('{N/A,test/fixtures/**}').test('N/A')).toBe(true);
    expect(g('{N/A,test/fixtures/**}').test('out/main/index.js')).toBe(false);
    expect(g('out/main/index.js').test('out/main/indexXjs')).toBe(false); // dots are literal
  });
});

describe('allowlist matching', () => {
  const entries: AllowEntry[] = [
    { check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: REASON },
    { check: 'DANGEROUS_FUNCTIONS_JS_CHECK', file: 'out/renderer/assets/*.js', sample: 'new Function', reason: REASON },
    { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/index.js', reason: REASON },
  ];

  it('needs the same check id and a matching file', () => {
    expect(gate.findAllowEntry(finding({}), entries)).toBe(entries[0]);
    expect(gate.findAllowEntry(finding({ check: 'LIMIT_NAVIGATION_GLOBAL_CHECK' }), entries)).toBeUndefined();
    expect(gate.findAllowEntry(finding({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/index.js' }), entries)).toBe(
      entries[2],
    );
    expect(
      gate.findAllowEntry(finding({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/preload/index.cjs' }), entries),
    ).toBeUndefined();
  });

  it('honours the optional sample substring', () => {
    const f = (sample: string) =>
      finding({ check: 'DANGEROUS_FUNCTIONS_JS_CHECK', file: 'out/renderer/assets/index-1.js', sample });
    expect(gate.findAllowEntry(f('return new Function("x")'), entries)).toBe(entries[1]);
    expect(gate.findAllowEntry(f('eval(code)'), entries)).toBeUndefined();
  });

  it('honours the optional description substring (pins the kind of finding)', () => {
    const csp: AllowEntry = {
      check: 'CSP_GLOBAL_CHECK',
      file: 'out/renderer/index.html',
      sample: "script-src 'self';",
      description: 'seems to be vulnerable',
      reason: REASON,
    };
    const f = (description: string, sample: string) =>
      finding({ file: 'out/renderer/index.html', line: 11, description, sample });
    const maybe = 'One or more CSP directives detected seems to be vulnerable';
    expect(gate.findAllowEntry(f(maybe, "default-src 'none'; script-src 'self'; style-src 'self'"), [csp])).toBe(csp);
    const weak = 'One or more CSP directives detected are vulnerable';
    expect(
      gate.findAllowEntry(f(weak, "default-src 'none'; script-src 'self'; style-src 'self'"), [csp]),
    ).toBeUndefined();
    expect(gate.findAllowEntry(f(maybe, "script-src 'self' 'unsafe-inline';"), [csp])).toBeUndefined();
  });

  it('masks private names without moving any line or column', () => {
    const code = "#!/usr/bin/env node\nclass A { #x = 1; #m() { return #x in this && this.#x; } }\nconst c = '#fff';";
    const masked = gate.maskPrivateNames(code);
    expect(masked).toBe(
      "#!/usr/bin/env node\nclass A { _x = 1; _m() { return _x in this && this._x; } }\nconst c = '_fff';",
    );
    expect(masked.length).toBe(code.length);
  });

  it('splits findings into allowed and rejected and lists unused entries', () => {
    const allowedOne = finding({});
    const rejectedOne = finding({ check: 'NODE_INTEGRATION_JS_CHECK', file: 'out/main/index.js', line: 3 });
    const { allowed, rejected, unused } = gate.classify([allowedOne, rejectedOne], entries);
    expect(allowed).toEqual([{ finding: allowedOne, entry: entries[0] }]);
    expect(rejected).toEqual([rejectedOne]);
    expect(unused).toEqual([entries[1], entries[2]]);
  });

  it('rejects entries without a reason, with a bad id or with unknown keys', () => {
    expect(() => gate.validateAllowlist({ entries: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A' }] })).toThrow(/reason/);
    expect(() =>
      gate.validateAllowlist({ entries: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'ok' }] }),
    ).toThrow(/reason/);
    expect(() => gate.validateAllowlist({ entries: [{ check: 'csp', file: 'N/A', reason: REASON }] })).toThrow(/check/);
    expect(() =>
      gate.validateAllowlist({ entries: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: REASON, line: 3 }] }),
    ).toThrow(/unknown key/);
    expect(() => gate.validateAllowlist({})).toThrow(/entries/);
    expect(gate.validateAllowlist({ entries })).toEqual(entries);
  });

  it('normalises tool issues to repository-relative paths', () => {
    const issues = [
      {
        id: 'SANDBOX_JS_CHECK',
        file: 'main.js',
        sample: '  new BrowserWindow({ ',
        location: { line: 8, column: 14 },
        severity: { value: 2, name: 'MEDIUM' },
        confidence: { value: 1, name: 'FIRM' },
        manualReview: false,
        description: 'Use sandbox',
      },
      { id: 'CSP_GLOBAL_CHECK', file: 'N/A', location: { line: 0, column: 0 }, severity: { name: 'MEDIUM' } },
    ];
    const [a, b] = gate.normaliseIssues(issues, path.join(root, 'out', 'main'), root);
    expect(a).toMatchObject({
      check: 'SANDBOX_JS_CHECK',
      file: 'out/main/main.js',
      line: 8,
      sample: 'new BrowserWindow({',
    });
    expect(b).toMatchObject({ check: 'CSP_GLOBAL_CHECK', file: 'N/A' });
  });

  it('writes CSV and SARIF reports with the verdict of each finding', () => {
    const entry: AllowEntry = { check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: REASON };
    const bad = finding({ check: 'NODE_INTEGRATION_JS_CHECK', file: 'out/main/index.js', line: 3, sample: 'a, "b"' });
    const result = { allowed: [{ finding: finding({}), entry }], rejected: [bad] };
    const csv = gate.formatReport('r.csv', result, '1.10.3').trim().split('\n');
    expect(csv[0]).toBe('verdict,check,file,line,column,severity,confidence,manual_review,sample,reason');
    expect(csv[1]).toBe('rejected,NODE_INTEGRATION_JS_CHECK,out/main/index.js,3,0,MEDIUM,CERTAIN,false,"a, ""b""",');
    expect(csv[2]).toBe(`allowed,CSP_GLOBAL_CHECK,N/A,0,0,MEDIUM,CERTAIN,false,,${REASON}`);
    const sarif = JSON.parse(gate.formatReport('r.sarif', result, '1.10.3')) as {
      version: string;
      runs: { results: { ruleId: string; level: string; suppressions?: { justification: string }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [r0, r1] = sarif.runs[0]?.results ?? [];
    expect(r0).toMatchObject({ ruleId: 'NODE_INTEGRATION_JS_CHECK', level: 'error' });
    expect(r0?.suppressions).toBeUndefined();
    expect(r1).toMatchObject({ ruleId: 'CSP_GLOBAL_CHECK', level: 'note', suppressions: [{ justification: REASON }] });
  });

  it('the checked-in allowlist is valid and every entry gives a reason', () => {
    const doc: unknown = JSON.parse(
      readFileSync(path.join(root, 'scripts', 'electronegativity-allowlist.json'), 'utf8'),
    );
    const list = gate.validateAllowlist(doc);
    for (const e of list) expect(e.reason.trim().length).toBeGreaterThanOrEqual(15);
  });
});

describe('gate over a deliberately insecure app (test/fixtures/electronegativity-bad)', () => {
  let work = '';
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'tessera-eng-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const runGate = (args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [script, ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, out: `${stdout}\n${stderr}` });
      });
    });

  it('fails on nodeIntegration: true (and friends) with the real allowlist', async () => {
    const { code, out } = await runGate(['--input', badFixture]);
    expect(code, out).toBe(1);
    expect(out).toMatch(/FAIL\s+NODE_INTEGRATION_JS_CHECK\s+test\/fixtures\/electronegativity-bad\/main\.js:12/);
    expect(out).toMatch(/FAIL\s+CONTEXT_ISOLATION_JS_CHECK/);
    // A .mjs file with ES private members: scanned only thanks to the gate's renaming and masking.
    expect(out).toMatch(/FAIL\s+WEB_SECURITY_JS_CHECK\s+test\/fixtures\/electronegativity-bad\/window-class\.mjs:11/);
    expect(out).not.toMatch(/could not fully parse/);
    expect(out).toMatch(/not allowed/);
  }, 60_000);

  it('passes, and writes a CSV report, once every finding is allowlisted with a reason', async () => {
    const first = await runGate(['--input', badFixture, '--output', path.join(work, 'first.csv')]);
    expect(first.code, first.out).toBe(1);
    const csv = readFileSync(path.join(work, 'first.csv'), 'utf8');
    expect(csv).toMatch(/^rejected,NODE_INTEGRATION_JS_CHECK,test\/fixtures\/electronegativity-bad\/main\.js,12,/m);
    const ids = new Set(csv.match(/\b[A-Z][A-Z0-9_]+_CHECK\b/g) ?? []);
    const allowlist = path.join(work, 'allow-all.json');
    const entries = [...ids].map((check) => ({
      check,
      file: '{N/A,test/fixtures/**}',
      reason: `fixture only: ${check}`,
    }));
    writeFileSync(allowlist, JSON.stringify({ entries }));

    const second = await runGate(['--input', badFixture, '--allowlist', allowlist]);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(/0 not allowed/);
  }, 60_000);

  it('refuses an allowlist entry without a reason (exit 2)', async () => {
    const allowlist = path.join(work, 'no-reason.json');
    writeFileSync(allowlist, JSON.stringify({ entries: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A' }] }));
    const { code, out } = await runGate(['--input', badFixture, '--allowlist', allowlist]);
    expect(code, out).toBe(2);
    expect(out).toMatch(/reason/);
  }, 60_000);
});
