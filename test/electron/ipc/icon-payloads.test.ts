// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The `icons:*` payload validators: refs, the picker's query, an icon pick and a pack id pass in
 * their documented shapes only; anything else (unknown keys, paths, other sources, oversize lists)
 * is refused before a service sees it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICON_QUERY_MAX } from '../../../electron/ipc/icon-payloads';
import { LIMITS, validators } from '../../../electron/ipc/validators';

const ENTRY = '0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5a';
const PACK = 'c553f06f-2a17-46ca-87f5-56af90dd0500';
const CUSTOM = 'ab'.repeat(32);

describe('icons:* validators', () => {
  it('accept the documented shapes', () => {
    const refs = [
      { source: 'bundled', id: 'github' },
      { source: 'pack', id: `${PACK}/services/Google Mail.png` },
      { source: 'custom', id: CUSTOM },
    ];
    expect(validators['icons:images']({ refs })).toEqual({ ok: true, value: { refs } });
    expect(validators['icons:search']({ query: 'git hub' })).toEqual({ ok: true, value: { query: 'git hub' } });
    for (const pick of [
      null,
      { kind: 'letter' },
      { kind: 'bundled', id: 'github' },
      { kind: 'custom', id: CUSTOM },
      { kind: 'pack', id: `${PACK}/a.svg` },
    ]) {
      expect(validators['icons:set']({ id: ENTRY, pick })).toEqual({ ok: true, value: { id: ENTRY, pick } });
    }
    expect(validators['icons:set-from-file']({ id: ENTRY })).toEqual({ ok: true, value: { id: ENTRY } });
    expect(validators['icons:packs'](null)).toEqual({ ok: true, value: null });
    expect(validators['icons:import-pack'](undefined)).toEqual({ ok: true, value: null });
    expect(validators['icons:remove-pack']({ id: PACK })).toEqual({ ok: true, value: { id: PACK } });
  });

  it.each([
    ['icons:images', null],
    ['icons:images', { refs: 'all' }],
    ['icons:images', { refs: [{ source: 'web', id: 'https://evil.example/x.png' }] }],
    ['icons:images', { refs: [{ source: 'bundled', id: '../x' }] }],
    ['icons:images', { refs: [{ source: 'custom', id: 'AB'.repeat(32) }] }],
    ['icons:images', { refs: [{ source: 'pack', id: 'not-a-uuid/a.svg' }] }],
    ['icons:images', { refs: [{ source: 'pack', id: `${PACK}//etc/passwd` }] }],
    ['icons:images', { refs: [{ source: 'pack', id: `${PACK}/a\\b.svg` }] }],
    ['icons:images', { refs: [{ source: 'bundled', id: 'github', extra: 1 }] }],
    ['icons:images', { refs: Array.from({ length: LIMITS.entries + 1 }, () => ({ source: 'bundled', id: 'a' })) }],
    ['icons:images', { refs: [], more: 1 }],
    ['icons:search', { query: 'x'.repeat(ICON_QUERY_MAX + 1) }],
    ['icons:search', { query: 1 }],
    ['icons:search', {}],
    ['icons:set', { id: ENTRY }],
    ['icons:set', { id: 'x', pick: null }],
    ['icons:set', { id: ENTRY, pick: { kind: 'letter', id: 'x' } }],
    ['icons:set', { id: ENTRY, pick: { kind: 'bundled' } }],
    ['icons:set', { id: ENTRY, pick: { kind: 'custom', id: 'short' } }],
    ['icons:set', { id: ENTRY, pick: { kind: 'file', id: '/home/me/logo.png' } }],
    ['icons:set', { id: ENTRY, pick: { kind: 'pack', id: '/etc/passwd' } }],
    ['icons:set', { id: ENTRY, pick: 'letter' }],
    ['icons:set', { id: ENTRY, pick: null, path: '/tmp/x' }],
    ['icons:set-from-file', { id: ENTRY, path: '/etc/passwd' }],
    ['icons:packs', { x: 1 }],
    ['icons:import-pack', { path: '/tmp/pack.zip' }],
    ['icons:remove-pack', { id: '../../..' }],
    ['icons:remove-pack', { id: PACK.toUpperCase() }],
  ] as const)('refuse %s %j', (channel, payload) => {
    expect(validators[channel](payload as never).ok).toBe(false);
  });

  it('pass nothing but a known pick, whatever the renderer sends', () => {
    const anyPick = fc.oneof(
      fc.anything(),
      fc.record({ kind: fc.string(), id: fc.string() }, { requiredKeys: [] }),
      fc.record({ kind: fc.constantFrom('letter', 'bundled', 'custom', 'pack'), id: fc.string({ maxLength: 600 }) }),
    );
    fc.assert(
      fc.property(anyPick, (pick) => {
        const result = validators['icons:set']({ id: ENTRY, pick });
        if (!result.ok) return;
        const value = result.value.pick;
        if (value === null || value.kind === 'letter') return;
        expect(['bundled', 'custom', 'pack']).toContain(value.kind);
        // eslint-disable-next-line no-control-regex
        expect(value.id).not.toMatch(/[\\\u0000-\u001f]|^\/|\.\.\//);
      }),
      { numRuns: 1000 },
    );
  });
});
