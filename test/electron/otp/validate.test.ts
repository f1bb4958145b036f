// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { ENTRY_LIMITS, type NewEntryInput } from '../../../electron/domain';
import { base32Encode, validateEntryInput, validateTags } from '../../../electron/otp';

const SECRET = 'JBSWY3DPEHPK3PXP'; // 10 bytes
const base: NewEntryInput = { type: 'totp', issuer: 'GitHub', account: 'alice', secret: SECRET };

function ok(input: NewEntryInput) {
  const r = validateEntryInput(input);
  if (!r.ok) throw new Error(`expected ok, got ${r.field}: ${r.message}`);
  return r;
}

describe('validateEntryInput', () => {
  it('fills in the defaults and trims names', () => {
    const r = ok({ ...base, issuer: '  GitHub ', account: '\talice ' });
    expect(r.value).toMatchObject({ issuer: 'GitHub', account: 'alice', tags: [], notes: '', favourite: false });
    expect(r.value.params).toMatchObject({ type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null });
    expect(Buffer.from(r.value.params.secret).toString('hex')).toBe('48656c6c6f21deadbeef');
    expect(r.warnings).toEqual([]);
  });

  it('HOTP: counter defaults to 0, period is null', () => {
    expect(ok({ ...base, type: 'hotp', period: 60 }).value.params).toMatchObject({ counter: 0, period: null });
    expect(ok({ ...base, type: 'hotp', counter: 12 }).value.params.counter).toBe(12);
  });

  it('TOTP ignores a counter', () => {
    expect(ok({ ...base, counter: 5 }).value.params.counter).toBeNull();
  });

  it('Steam: forced to 5 characters, SHA1, 30 s', () => {
    expect(ok({ ...base, type: 'steam', digits: 8 }).value.params).toMatchObject({
      type: 'steam',
      digits: 5,
      algorithm: 'SHA1',
      period: 30,
      counter: null,
    });
    expect(ok({ ...base, type: 'steam', period: 30, algorithm: 'SHA1' }).value.params.digits).toBe(5);
  });

  it('keeps tags (in normal form), notes, favourite; empty and repeated tags are dropped', () => {
    const r = ok({
      ...base,
      tags: [' Work ', 'side\tproject', 'work', ''],
      notes: 'line 1\nline 2\ttab',
      favourite: true,
    });
    expect(r.value).toMatchObject({ tags: ['Work', 'side project'], notes: 'line 1\nline 2\ttab', favourite: true });
    expect(ok({ ...base, tags: ['  '] }).value.tags).toEqual([]);
    const most = Array.from({ length: ENTRY_LIMITS.maxTags }, (_, i) => `t${i}`);
    expect(ok({ ...base, tags: [...most, 'T0'] }).value.tags).toEqual(most);
  });

  it('accepts only an issuer or only an account', () => {
    expect(ok({ ...base, account: '' }).value.account).toBe('');
    expect(ok({ ...base, issuer: '' }).value.issuer).toBe('');
  });

  it('warns about (but accepts) a secret shorter than 80 bits', () => {
    const r = ok({ ...base, secret: 'JBSWY3DP' });
    expect(r.value.params.secret).toHaveLength(5);
    expect(r.warnings).toEqual([{ field: 'secret', message: expect.stringContaining('40 bits') }]);
  });

  it('accepts limits exactly', () => {
    ok({ ...base, digits: 5 });
    ok({ ...base, digits: 10 });
    ok({ ...base, period: 1 });
    ok({ ...base, period: 3600 });
    ok({ ...base, type: 'hotp', counter: Number.MAX_SAFE_INTEGER });
    ok({ ...base, issuer: 'x'.repeat(256), account: 'y'.repeat(256) });
    // The vault's own bounds: a value it stores (10,000 characters of notes, a 1024-byte secret) passes.
    ok({ ...base, notes: 'n'.repeat(10_000) });
    expect(ok({ ...base, secret: base32Encode(new Uint8Array(1024).fill(7)) }).value.params.secret).toHaveLength(1024);
    ok({ ...base, secret: `${base32Encode(new Uint8Array(1024).fill(7))}=` });
    ok({ ...base, issuer: 'Emoji 😀 Ünïcödé' });
  });

  it.each<[string, string, Partial<NewEntryInput> | Record<string, unknown>]>([
    ['unknown type', 'type', { type: 'yandex' }],
    ['unknown algorithm', 'algorithm', { algorithm: 'MD5' }],
    ['lower-case algorithm (the UI sends the enum)', 'algorithm', { algorithm: 'sha1' }],
    ['digits 4', 'digits', { digits: 4 }],
    ['digits 11', 'digits', { digits: 11 }],
    ['digits 6.5', 'digits', { digits: 6.5 }],
    ['digits NaN', 'digits', { digits: Number.NaN }],
    ['period 0', 'period', { period: 0 }],
    ['period 3601', 'period', { period: 3601 }],
    ['counter -1 on HOTP', 'counter', { type: 'hotp', counter: -1 }],
    ['counter beyond 2^53 on HOTP', 'counter', { type: 'hotp', counter: 2 ** 53 }],
    ['Steam with SHA256', 'algorithm', { type: 'steam', algorithm: 'SHA256' }],
    ['Steam with 60 s', 'period', { type: 'steam', period: 60 }],
    ['empty secret', 'secret', { secret: '' }],
    ['separator-only secret', 'secret', { secret: ' - - ' }],
    ['secret that holds no full byte', 'secret', { secret: 'A' }],
    ['non-base32 secret', 'secret', { secret: 'JBSW0Y3D' }],
    ['secret too long', 'secret', { secret: 'A'.repeat(ENTRY_LIMITS.secretTextMaxLength + 1) }],
    ['secret of more bytes than the vault holds', 'secret', { secret: base32Encode(new Uint8Array(1025).fill(7)) }],
    ['no issuer and no account', 'account', { issuer: ' ', account: '' }],
    ['issuer too long', 'issuer', { issuer: 'x'.repeat(257) }],
    ['account too long', 'account', { account: 'x'.repeat(257) }],
    ['escape sequence in issuer', 'issuer', { issuer: 'Evil\u001b[2J' }],
    ['C1 control in account', 'account', { account: 'a\u009bb' }],
    ['lone surrogate in account', 'account', { account: 'a\ud800b' }],
    ['newline in account', 'account', { account: 'a\nb' }],
    ['tag too long', 'tags', { tags: ['g'.repeat(ENTRY_LIMITS.tagMaxLength + 1)] }],
    ['control in a tag', 'tags', { tags: ['g\u0007'] }],
    ['lone surrogate in a tag', 'tags', { tags: ['g\ud800'] }],
    ['too many tags', 'tags', { tags: Array.from({ length: ENTRY_LIMITS.maxTags + 1 }, (_, i) => `t${i}`) }],
    ['tags not a list', 'tags', { tags: 'Work' }],
    ['a tag not text', 'tags', { tags: ['Work', 3] }],
    ['notes too long', 'notes', { notes: 'n'.repeat(10_001) }],
    ['control in notes', 'notes', { notes: 'bell\u0007' }],
    ['issuer not text', 'issuer', { issuer: 42 }],
  ])('%s → field %s', (_name, field, patch) => {
    const r = validateEntryInput({ ...base, ...patch } as NewEntryInput);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(field);
    // A plain sentence for the person; the technical one, naming the field, behind "Details".
    expect(r.message).toMatch(/^[A-Z].+\.$/);
    expect(r.message).not.toMatch(/'|base32/);
    expect(r.details).toMatch(new RegExp(`^Invalid '${field}': .+\\.$`));
    expect(r.message).not.toContain(SECRET);
    expect(r.details).not.toContain(SECRET);
  });
});

describe('validateEntryInput: every field at once', () => {
  it('answers every offending field, not only the first (12 digits, period 0, no names, a bad secret)', () => {
    const r = validateEntryInput({ type: 'totp', issuer: '', account: '', secret: 'JBSW!Y3DP', digits: 12, period: 0 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['account', 'digits', 'period', 'secret']);
    expect(r.field).toBe('account');
    expect(r.message).toBe(r.problems[0]?.message);
    expect(r.details).toBe(r.problems[0]?.details);
    for (const p of r.problems) {
      expect(p.message).not.toMatch(/'/);
      expect(p.details).toMatch(new RegExp(`^Invalid '${p.field}': `));
    }
  });

  it('says what is wrong and what to do, with the detail apart', () => {
    const r = validateEntryInput({ ...base, secret: 'JBSWY3D!', digits: 4 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p]));
    expect(byField['digits']?.message).toBe('Codes must have 5 to 10 digits (most sites use 6).');
    expect(byField['secret']?.message).toMatch(/letters A to Z and the digits 2 to 7/);
    expect(byField['secret']?.message).toMatch(/character 8/);
    expect(byField['secret']?.details).toBe(
      "Invalid 'secret': '!' at position 8 is not a base32 character (A–Z, 2–7).",
    );
  });

  it('checks the names and the secret even when the type is unknown', () => {
    const r = validateEntryInput({
      ...base,
      type: 'yandex',
      account: '',
      issuer: '',
      secret: '',
    } as unknown as NewEntryInput);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['type', 'account', 'secret']);
  });
});

describe('validateTags', () => {
  it('answers the normal form, or the problem of the field tags in plain words', () => {
    expect(validateTags([' a ', 'A', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
    const bad = validateTags(['x'.repeat(ENTRY_LIMITS.tagMaxLength + 1)]);
    expect(bad).toMatchObject({ ok: false, field: 'tags' });
    if (bad.ok) return;
    expect(bad.message).toMatch(/^A tag is at most 64 characters long/);
    expect(bad.details).toMatch(/^Invalid 'tags': .+\.$/);
  });
});
