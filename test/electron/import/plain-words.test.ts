// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Developer words never reach the person (issue 13, item 8). Every sentence the OTP validator, the
 * link and transfer-code parsers and the importers can show is checked for the words of their
 * makers: quoted field names ('secret', 'data'), base32, base64, wire types, protobuf, Argon2id,
 * MiB. The technical detail is still there, in a separate `details` field the window shows behind
 * "Details".
 *
 * Two ways: every message written in the source (each constructor and call that makes a sentence
 * for the user, its text with the interpolations blanked), and the answers to bad input run through
 * the real code (the validator field by field, links, transfer codes, importer entries and files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { NewEntryInput, OtpAlgorithm, OtpType } from '../../../electron/domain';
import { ImportError, importFile, type ImportFormatId, type ImportResult } from '../../../electron/import';
import { toImportedEntry } from '../../../electron/import/entries';
import { EntryProblem, int, optStr, str } from '../../../electron/import/fields';
import { classifyQrText, classifyText } from '../../../electron/import/qr';
import { encodeMigrationPayload, OtpUriError, parseOtpauthUri, validateEntryInput } from '../../../electron/otp';

const ROOT = path.resolve(__dirname, '../../..');

/** What a person should never have to read. */
const DEVELOPER_WORDS: readonly [string, RegExp][] = [
  ['a quoted field name', /'[\w$«»-]+'/],
  ['base32', /base32/i],
  ['base64', /base64/i],
  ['wire type', /wire type/i],
  ['protobuf', /protobuf/i],
  ['Argon2id', /argon2/i],
  ['MiB', /\bMiB\b/],
];

function developerWords(text: string): string[] {
  return DEVELOPER_WORDS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

// ---------------------------------------------------------------------------------------------
// The sentences in the source.

/** Constructors and calls whose argument at `index` is a sentence for the user. */
const MESSAGE_ARGUMENTS: Readonly<Record<string, number>> = {
  ImportError: 1,
  EntryProblem: 0,
  QrError: 1,
  MigrationError: 1,
  OtpUriError: 1,
  skip: 2,
  fail: 2,
};
/** Object properties that carry a sentence for the user. */
const MESSAGE_PROPERTIES: ReadonlySet<string> = new Set(['message', 'unsupported']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return d.name.endsWith('.ts') && d.name !== 'worker.ts' ? [full] : [];
  });
}

/** The text of an expression, interpolations and other values as «». */
function textOf(node: ts.Expression): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => `«»${s.literal.text}`).join('');
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return textOf(node.left) + textOf(node.right);
  }
  if (ts.isParenthesizedExpression(node)) return textOf(node.expression);
  if (ts.isConditionalExpression(node)) return `${textOf(node.whenTrue)} | ${textOf(node.whenFalse)}`;
  return '«»';
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

interface Sentence {
  readonly where: string;
  readonly text: string;
}

function sentencesIn(file: string): Sentence[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Sentence[] = [];
  const where = (node: ts.Node): string =>
    `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const index = MESSAGE_ARGUMENTS[calleeName(node)];
      const arg = index === undefined ? undefined : node.arguments?.[index];
      if (arg) found.push({ where: where(arg), text: textOf(arg) });
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && MESSAGE_PROPERTIES.has(node.name.text)) {
      found.push({ where: where(node.initializer), text: textOf(node.initializer) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('sentences written for the user', () => {
  const files = [...sourceFiles(path.join(ROOT, 'electron/otp')), ...sourceFiles(path.join(ROOT, 'electron/import'))];
  const sentences = files.flatMap(sentencesIn);

  it('finds the sentences (the scan itself works)', () => {
    expect(sentences.length).toBeGreaterThan(100);
    expect(sentences.some((s) => s.where.startsWith('electron/otp/validate.ts'))).toBe(true);
    expect(sentences.some((s) => s.where.startsWith('electron/import/fields.ts'))).toBe(true);
  });

  it('holds no developer words', () => {
    const offenders = sentences
      .map((s) => ({ ...s, words: developerWords(s.text) }))
      .filter((s) => s.words.length > 0)
      .map((s) => `${s.where}: ${s.words.join(', ')} in “${s.text}”`);
    expect(offenders).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The answers of the real code.

const SECRET = 'JBSWY3DPEHPK3PXP';
const base: NewEntryInput = { type: 'totp', issuer: 'GitHub', account: 'alice', secret: SECRET };

const BAD_ENTRIES: readonly Partial<NewEntryInput>[] = [
  { type: 'yandex' as OtpType },
  { algorithm: 'MD5' as OtpAlgorithm },
  { digits: 4 },
  { digits: 12, period: 0, issuer: '', account: '' },
  { period: 3601 },
  { type: 'hotp', counter: -1 },
  { type: 'steam', algorithm: 'SHA256' },
  { type: 'steam', period: 60 },
  { secret: '' },
  { secret: ' - ' },
  { secret: 'A' },
  { secret: 'JBSWY3D!' },
  { secret: 'JBSW=Y3DP' },
  { secret: 'A'.repeat(1641) },
  { secret: 'A'.repeat(1640) },
  { secret: 42 as unknown as string },
  { issuer: 'x'.repeat(257) },
  { account: 'a\u001bb' },
  { tags: ['g\u0007'] },
  { tags: ['t'.repeat(65)] },
  { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
  { notes: 'n'.repeat(10_001) },
  { issuer: 42 as unknown as string },
];

const BAD_LINKS: readonly string[] = [
  'otpauth://totp/A:b?secret=JBSWY3D!',
  'otpauth://totp/A:b?secret=JBSWY3DP&digits=12',
  'otpauth://totp/A:b?secret=JBSWY3DP&digits=six',
  'otpauth://totp/A:b?secret=JBSWY3DP&algorithm=MD5',
  'otpauth://totp/A:b?secret=JBSWY3DP&period=1&period=2',
  'otpauth://totp/A%ZZ:b?secret=JBSWY3DP',
  'otpauth://totp/A:b?secret=JBSWY3DP&issuer=%ZZ',
  'otpauth://yaotp/A:b?secret=JBSWY3DP',
  'otpauth://totp/A:b?issuer=A',
  'otpauth://totp/A:b',
];

const BAD_TRANSFERS: readonly string[] = [
  'otpauth-migration://offline?data=!!!',
  'otpauth-migration://offline?data=%ZZ',
  'otpauth-migration://offline?foo=1',
  'otpauth-migration://online?data=AAAA',
  // Field 1 with wire type 7 (unsupported), a cut-off length, a varint field sent as bytes, bad UTF-8.
  `otpauth-migration://offline?data=${Buffer.from([0x0f]).toString('base64')}`,
  `otpauth-migration://offline?data=${Buffer.from([0x0a, 0x05, 0x01]).toString('base64')}`,
  `otpauth-migration://offline?data=${Buffer.from([0x12, 0x01, 0x01]).toString('base64')}`,
  `otpauth-migration://offline?data=${Buffer.from([0x0a, 0x03, 0x12, 0x01, 0xff]).toString('base64')}`,
];

function expectPlain(label: string, text: string): void {
  expect(developerWords(text), `${label}: “${text}”`).toEqual([]);
}

describe('answers to bad input', () => {
  it('the validator: every problem of every field, in plain words, the detail apart', () => {
    for (const patch of BAD_ENTRIES) {
      const r = validateEntryInput({ ...base, ...patch });
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (r.ok) continue;
      expectPlain('message', r.message);
      for (const p of r.problems) {
        expectPlain(`${p.field} message`, p.message);
        expect(p.details).toMatch(new RegExp(`^Invalid '${p.field}': .+\\.$`));
      }
    }
  });

  it('otpauth:// links', () => {
    for (const link of BAD_LINKS) {
      let error: unknown;
      try {
        parseOtpauthUri(link);
      } catch (e) {
        error = e;
      }
      expect(error, link).toBeInstanceOf(OtpUriError);
      expectPlain(link, (error as OtpUriError).message);
      expect((error as OtpUriError).details, link).toBeTruthy();
    }
  });

  it('QR codes and pasted links holding bad account links or damaged transfer codes', () => {
    for (const text of [...BAD_LINKS, ...BAD_TRANSFERS]) {
      for (const medium of ['qr', 'link'] as const) {
        const payload = classifyText(text, medium);
        expect(payload.kind, text).toBe('invalid');
        if (payload.kind !== 'invalid') continue;
        expectPlain(text, payload.message);
        expect(payload.details, text).toBeTruthy();
        if (medium === 'link') expect(payload.message).not.toMatch(/QR code/);
      }
    }
  });

  it('transfer codes whose accounts cannot be imported', () => {
    const payload = encodeMigrationPayload({
      otpParameters: [
        { secret: new Uint8Array(0), name: 'empty', issuer: 'A', algorithm: 1, digits: 1, type: 2, counter: 0n },
        { secret: Uint8Array.of(1, 2), name: 'md5', issuer: 'B', algorithm: 4, digits: 1, type: 2, counter: 0n },
      ],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 1,
    });
    const text = `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
    const result = classifyQrText(text);
    expect(result.kind).toBe('migration');
    if (result.kind !== 'migration') return;
    expect(result.skipped).toHaveLength(2);
    for (const s of result.skipped) expectPlain(s.label, s.reason);
  });

  it('importer entries: field readers, secrets, values that would give wrong codes', () => {
    const problems: EntryProblem[] = [];
    const attempt = (run: () => unknown): void => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(EntryProblem);
        problems.push(error as EntryProblem);
      }
    };
    attempt(() => str({}, 'secret'));
    attempt(() => optStr({ issuer: 1 }, 'issuer'));
    attempt(() => int({ digits: 'six' }, 'digits'));
    attempt(() => toImportedEntry({ type: 'totp', account: 'a', secret: new Uint8Array(10), digits: 12 }));
    attempt(() => toImportedEntry({ type: 'motp', account: 'a', secret: new Uint8Array(10) }));
    attempt(() => toImportedEntry({ type: 'totp', account: 'a', secret: new Uint8Array(0) }));
    expect(problems).toHaveLength(6);
    for (const p of problems) expectPlain('entry', p.message);
    // The field readers and the validator name the field, in the detail.
    expect(problems.slice(0, 4).map((p) => p.details)).toEqual([
      "'secret' is missing or not text",
      "'issuer' is not text",
      "'digits' is not a whole number",
      "Invalid 'digits': must be a whole number from 5 to 10.",
    ]);
  });

  it('importer files: skipped entries and refused files', async () => {
    const te = new TextEncoder();
    const lists: [ImportFormatId | undefined, string][] = [
      [
        'otpauth-uri-list',
        'otpauth://totp/A:b?secret=JBSWY3D!\notpauth://totp/A:b?secret=JBSWY3DP&digits=12\nnot a link\notpauth-migration://offline?data=!!!',
      ],
      [
        'aegis',
        JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 2, entries: [{}] } }),
      ],
      ['aegis', JSON.stringify({ version: 1, header: { slots: [], params: {} }, db: '!!' })],
      ['2fas', JSON.stringify({ services: [{ name: 'S', secret: '!!', otp: {} }], schemaVersion: 4 })],
      ['bitwarden', JSON.stringify({ items: [{ login: { totp: 'otpauth://totp/a?secret=JBSWY3D!' } }] })],
      [undefined, 'x'.repeat(10)],
      ['aegis', '{'],
    ];
    for (const [format, text] of lists) {
      const outcome: ImportResult | Error = await importFile(
        te.encode(text),
        format === undefined ? {} : { format },
      ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(ImportError);
        expectPlain(`${format} refused`, outcome.message);
      } else {
        for (const s of outcome.skipped) expectPlain(`${format} skipped`, s.reason);
      }
    }
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    await expect(importFile(big)).rejects.toSatisfy((e: unknown) => {
      expectPlain('too large', (e as ImportError).message);
      return true;
    });
  });
});
