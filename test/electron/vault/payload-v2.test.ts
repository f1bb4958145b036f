// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The format 2 payload (docs/vault-format.md §6): its round trip, reading format 1 payloads as
 * format 2, and strict decoding of every field format 2 added — each bad value is `corrupt`, and
 * any mutation of a valid meta either decodes to valid contents or is `corrupt`, never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICON_LIMITS } from '../../../electron/domain';
import { VaultError, type IconImageInput, type VaultContents } from '../../../electron/vault';
import { addEntries, EMPTY_CONTENTS, removeEntry, updateEntry } from '../../../electron/vault/entries';
import { notesDigest } from '../../../electron/vault/notes-digest';
import { decodePayload, encodePayload } from '../../../electron/vault/payload';
import { MAX_CONFLICT_NOTES } from '../../../electron/vault/record-limits';
import { iconIdOf } from '../../../electron/vault/stored-icons';
import { validateEntry } from '../../../electron/vault/validate';
import { hotpEntry, steamEntry, totpEntry } from './helpers/fakes';

const T0 = 1_767_225_600_000;
type Json = Record<string, unknown>;

let counter = 0;
const newId = (): string => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');

/** Contents that use every format 2 field: tags, each icon kind, notes history, conflict notes, a tombstone. */
function richContents(): VaultContents {
  const image: IconImageInput = { mime: 'image/png', bytes: PNG };
  const start = addEntries(
    EMPTY_CONTENTS,
    [
      totpEntry({ tags: ['Work', 'Ünïcödé'], iconImage: image, notes: 'draft' }),
      hotpEntry({ counter: 3 }),
      steamEntry(),
      totpEntry({ issuer: 'Gone' }),
      totpEntry({ iconImage: { mime: 'image/svg+xml', bytes: SVG } }),
    ],
    { now: () => T0, newId },
  );
  let contents = start.contents;
  const ids = start.ids;
  const [a, b, c, d] = ids as [string, string, string, string];
  contents = updateEntry(contents, a, { notes: 'final' }, T0 + 1);
  contents = updateEntry(contents, b, { icon: { kind: 'letter' } }, T0 + 2);
  contents = updateEntry(contents, c, { icon: { kind: 'bundled', id: 'steam' } }, T0 + 3);
  contents = removeEntry(contents, d, T0 + 4);
  return {
    ...contents,
    entries: contents.entries.map((e) => (e.id === a ? { ...e, conflictNotes: ['a note from elsewhere'] } : e)),
  };
}

/** The plaintext of `meta` (a JSON value or its text) with the secret table of `table`. */
function plaintextOf(meta: unknown, table: Uint8Array): Uint8Array {
  const m = new TextEncoder().encode(typeof meta === 'string' ? meta : JSON.stringify(meta));
  const out = new Uint8Array(4 + m.length + table.length);
  new DataView(out.buffer).setUint32(0, m.length, true);
  out.set(m, 4);
  out.set(table, 4 + m.length);
  return out;
}

/** A valid format 2 payload: its meta as JSON, and its secret table. */
function sample(): { meta: Json; table: Uint8Array } {
  const { buffer } = encodePayload(richContents());
  const len = new DataView(buffer.buffer).getUint32(0, true);
  return {
    meta: JSON.parse(new TextDecoder().decode(buffer.subarray(4, 4 + len))) as Json,
    table: buffer.slice(4 + len),
  };
}

/** The corrupt message of decoding, or 'accepted'. Anything but a corrupt VaultError fails the test. */
function outcome(plaintext: Uint8Array, version = 2): string {
  try {
    decodePayload(plaintext, version);
    return 'accepted';
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'corrupt') return error.message;
    throw error;
  }
}

describe('format 2 payload', () => {
  it('round-trips every field, tombstones and icons; writes tombstones and icons sorted by id', () => {
    const contents = richContents();
    const encoded = encodePayload(contents);
    const decoded = decodePayload(encoded.buffer.slice(), 2);
    expect(decoded.entries).toEqual(encoded.entries);
    expect(decoded.tombstones).toEqual(contents.tombstones);
    expect(decoded.icons).toEqual(contents.icons);
    const { meta } = sample();
    expect(Object.keys(meta)).toEqual(['entries', 'tombstones', 'icons']);
    expect(Object.keys((meta.entries as Json[])[0]!)).toEqual([
      'id',
      'type',
      'issuer',
      'account',
      'algorithm',
      'digits',
      'period',
      'counter',
      'tags',
      'icon',
      'favourite',
      'notes',
      'conflictNotes',
      'notesSuperseded',
      'sortOrder',
      'createdAt',
      'updatedAt',
      'changed',
      'secretOffset',
      'secretLength',
    ]);
    const icons = meta.icons as Json[];
    expect(icons.map((i) => i.id)).toEqual([...icons.map((i) => i.id as string)].sort());
    expect(icons.find((i) => i.mime === 'image/png')).toEqual({
      id: iconIdOf(PNG),
      mime: 'image/png',
      data: Buffer.from(PNG).toString('base64'),
    });
  });

  it('an empty vault is {"entries":[],"tombstones":[],"icons":[]}', () => {
    const { buffer } = encodePayload(EMPTY_CONTENTS);
    expect(new TextDecoder().decode(buffer.subarray(4))).toBe('{"entries":[],"tombstones":[],"icons":[]}');
  });
});

describe('format 1 payloads read as format 2', () => {
  const v1Entry = (o: Json = {}): Json => ({
    id: '1b4e28ba-2fa1-4d2e-883f-0016d3cca427',
    type: 'totp',
    issuer: 'Example',
    account: 'a',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    group: 'Work',
    favourite: false,
    notes: '',
    sortOrder: 0,
    createdAt: 5,
    updatedAt: 9,
    secretOffset: 0,
    secretLength: 3,
    ...o,
  });
  const decodeV1 = (entry: Json): ReturnType<typeof decodePayload> =>
    decodePayload(plaintextOf({ entries: [entry] }, new Uint8Array([1, 2, 3])), 1);

  it('the group becomes the one tag; no icon; every change time is updatedAt; no notes history', () => {
    const { entries, tombstones, icons } = decodeV1(v1Entry());
    expect(entries[0]).toMatchObject({
      tags: ['Work'],
      icon: null,
      conflictNotes: [],
      notesSuperseded: [],
      changed: { names: 9, tags: 9, icon: 9, favourite: 9, notes: 9, sortOrder: 9 },
    });
    expect([tombstones, icons.size]).toEqual([[], 0]);
  });

  it.each([
    [null, []],
    ['  Two   words ', ['Two words']],
    ['   ', []],
    ['g'.repeat(128), ['g'.repeat(64)]],
    // A cut never splits a surrogate pair.
    ['g'.repeat(63) + '😀' + 'x', ['g'.repeat(63)]],
  ])('group %j reads as tags %j', (group, tags) => {
    expect(decodeV1(v1Entry({ group })).entries[0]?.tags).toEqual(tags);
  });

  it('refuses format 2 fields in a format 1 payload, and a format 1 payload as format 2', () => {
    expect(() => decodeV1(v1Entry({ tags: [] }))).toThrow(/unknown field 'tags'/);
    expect(() => decodeV1(v1Entry({ group: 'g'.repeat(129) }))).toThrow(/group/);
    const v1 = plaintextOf({ entries: [v1Entry()] }, new Uint8Array([1, 2, 3]));
    expect(outcome(v1, 2)).toMatch(/payload has no 'tombstones'/);
    const v2 = encodePayload(richContents()).buffer;
    expect(outcome(v2, 1)).toMatch(/unknown field/);
  });
});

describe('strict decoding of the format 2 fields', () => {
  const entryEdit =
    (i: number, f: (e: Json) => void) =>
    (m: Json): void =>
      f((m.entries as Json[])[i]!);
  const iconEdit = (f: (i: Json) => void) => (m: Json) => f((m.icons as Json[])[0]!);
  const tooMuchSvg = new TextEncoder().encode(`<svg>${' '.repeat(ICON_LIMITS.storedMaxBytes)}</svg>`);

  it.each<[string, (m: Json) => void, RegExp]>([
    ['a missing tombstones list', (m) => delete m.tombstones, /no 'tombstones'/],
    ['a missing icons list', (m) => delete m.icons, /no 'icons'/],
    ['an unknown top-level field', (m) => (m.extra = []), /unknown field 'extra'/],
    ['tags not a list', entryEdit(0, (e) => (e.tags = 'Work')), /tags/],
    ['tags not trimmed', entryEdit(0, (e) => (e.tags = [' Work'])), /'tags'/],
    ['tags repeated ignoring case', entryEdit(0, (e) => (e.tags = ['Work', 'work'])), /'tags'/],
    ['an empty tag', entryEdit(0, (e) => (e.tags = [''])), /'tags'/],
    ['a tag too long', entryEdit(0, (e) => (e.tags = ['t'.repeat(65)])), /tags/],
    ['too many tags', entryEdit(0, (e) => (e.tags = Array.from({ length: 21 }, (_, i) => `t${i}`))), /tags/],
    ['a tag with a control character', entryEdit(0, (e) => (e.tags = ['a\u0007'])), /'tags'/],
    ['an icon of an unknown kind', entryEdit(1, (e) => (e.icon = { kind: 'pack', id: 'x' })), /icon kind/],
    ['a letter icon with an id', entryEdit(1, (e) => (e.icon = { kind: 'letter', id: 'x' })), /unknown field 'id'/],
    ['a bundled icon without an id', entryEdit(1, (e) => (e.icon = { kind: 'bundled' })), /no 'id'/],
    ['a bundled icon id with capitals', entryEdit(1, (e) => (e.icon = { kind: 'bundled', id: 'GitHub' })), /'icon'/],
    ['an icon that is a string', entryEdit(1, (e) => (e.icon = 'letter')), /not an object/],
    [
      'a custom icon that is not stored',
      entryEdit(1, (e) => (e.icon = { kind: 'custom', id: 'b'.repeat(64) })),
      /custom icon is not in the vault/,
    ],
    [
      'a custom icon id that is not hex',
      entryEdit(1, (e) => (e.icon = { kind: 'custom', id: 'B'.repeat(64) })),
      /'icon'/,
    ],
    ['changed missing a part', entryEdit(0, (e) => delete (e.changed as Json).notes), /no 'notes'/],
    ['changed with an extra part', entryEdit(0, (e) => ((e.changed as Json).counter = 1)), /unknown field 'counter'/],
    ['a negative change time', entryEdit(0, (e) => ((e.changed as Json).tags = -1)), /changed.tags/],
    ['a fractional change time', entryEdit(0, (e) => ((e.changed as Json).tags = 1.5)), /changed.tags/],
    ['conflictNotes not a list', entryEdit(0, (e) => (e.conflictNotes = 'x')), /conflictNotes/],
    ['an empty conflict note', entryEdit(0, (e) => (e.conflictNotes = [''])), /'conflictNotes'/],
    ['conflict notes unsorted', entryEdit(0, (e) => (e.conflictNotes = ['b', 'a'])), /'conflictNotes'/],
    ['conflict notes repeated', entryEdit(0, (e) => (e.conflictNotes = ['a', 'a'])), /'conflictNotes'/],
    ['a conflict note equal to the notes', entryEdit(0, (e) => (e.conflictNotes = [e.notes])), /'conflictNotes'/],
    ['a superseded conflict note', entryEdit(0, (e) => (e.conflictNotes = ['draft'])), /'conflictNotes'/],
    [
      `more than ${MAX_CONFLICT_NOTES} conflict notes`,
      entryEdit(0, (e) => (e.conflictNotes = Array.from({ length: 21 }, (_, i) => `n${String(i).padStart(2, '0')}`))),
      /conflictNotes/,
    ],
    ['a conflict note too long', entryEdit(0, (e) => (e.conflictNotes = ['n'.repeat(10_001)])), /conflictNotes/],
    ['a superseded digest of 15 digits', entryEdit(0, (e) => (e.notesSuperseded = ['0'.repeat(15)])), /Superseded/],
    ['a superseded digest in capitals', entryEdit(0, (e) => (e.notesSuperseded = ['A'.repeat(16)])), /Superseded/],
    [
      'superseded digests unsorted',
      entryEdit(0, (e) => (e.notesSuperseded = ['f'.repeat(16), '0'.repeat(16)])),
      /Superseded/,
    ],
    [
      'a tombstone of a present entry',
      (m) => (m.tombstones as Json[]).push({ id: (m.entries as Json[])[0]!.id, deletedAt: 1 }),
      /still there/,
    ],
    [
      'a repeated tombstone',
      (m) => (m.tombstones as Json[]).push({ ...(m.tombstones as Json[])[0]! }),
      /repeats an id/,
    ],
    ['a tombstone id that is not a v4 UUID', (m) => ((m.tombstones as Json[])[0]!.id = 'x'), /not an entry id/],
    ['a tombstone with an extra field', (m) => ((m.tombstones as Json[])[0]!.why = 'x'), /unknown field 'why'/],
    ['a negative deletedAt', (m) => ((m.tombstones as Json[])[0]!.deletedAt = -1), /deletedAt/],
    [
      'an icon id that does not match its bytes',
      iconEdit((i) => (i.id = 'c'.repeat(64))),
      /do not match its id|not in the vault/,
    ],
    ['an icon id that is not hex', iconEdit((i) => (i.id = 'x')), /not a SHA-256/],
    ['an icon of another type', iconEdit((i) => (i.mime = 'image/gif')), /mime/],
    ['icon bytes that are not its type', iconEdit((i) => (i.mime = 'image/jpeg')), /not a valid icon/],
    ['icon data that is not base64', iconEdit((i) => (i.data = '***')), /not base64/],
    ['icon data in non-canonical base64', iconEdit((i) => (i.data = 'iVBORw0KGgoBAgN=')), /canonical|match/],
    ['an empty icon', iconEdit((i) => (i.data = '')), /not a valid icon/],
    [
      'an icon over the size cap',
      iconEdit((i) => {
        i.mime = 'image/svg+xml';
        i.data = Buffer.from(tooMuchSvg).toString('base64');
        i.id = iconIdOf(tooMuchSvg);
      }),
      /data is not a valid string|larger/,
    ],
    ['a repeated icon', (m) => (m.icons as Json[]).push({ ...(m.icons as Json[])[0]! }), /repeats an id/],
  ])('%s is corrupt', (_name, edit, message) => {
    const { meta, table } = sample();
    expect(outcome(plaintextOf(meta, table))).toBe('accepted');
    edit(meta);
    expect(outcome(plaintextOf(meta, table))).toMatch(message);
  });

  it('an icon no entry uses is read (and dropped by the next save)', () => {
    const { meta, table } = sample();
    const data = new TextEncoder().encode('<svg id="unused"/>');
    (meta.icons as Json[]).push({
      id: iconIdOf(data),
      mime: 'image/svg+xml',
      data: Buffer.from(data).toString('base64'),
    });
    expect(decodePayload(plaintextOf(meta, table), 2).icons.has(iconIdOf(data))).toBe(true);
  });

  it('the notes digest is the first 16 hex digits of SHA-256 over UTF-8', () => {
    expect(notesDigest('')).toBe('e3b0c44298fc1c14');
    expect(notesDigest('draft')).toMatch(/^[0-9a-f]{16}$/);
  });
});

/** A random edit of a JSON value: replace, delete or add somewhere inside it. */
const jsonEdit = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  action: fc.constantFrom('replace', 'delete', 'add'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', 'Work', ' Work', 'a'.repeat(64), 'f'.repeat(16), -1, 2 ** 53, 1.5, null, [], {}),
    fc.constantFrom({ kind: 'letter' }, { kind: 'bundled', id: 'x' }, { kind: 'custom', id: 'a'.repeat(64) }),
  ),
  key: fc.constantFrom('tags', 'icon', 'changed', 'id', 'kind', 'data', 'deletedAt', 'x'),
});

type JsonEdit = typeof jsonEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(root: unknown, edit: JsonEdit): void {
  let node = root;
  const { path } = edit;
  for (let depth = 0; depth < path.length; depth++) {
    if (typeof node !== 'object' || node === null) return;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[path[depth]! % keys.length] as string | number;
    const last = depth === path.length - 1;
    const child = (node as Record<string | number, unknown>)[key];
    if (last || typeof child !== 'object' || child === null) {
      const e = edit;
      const target = node as Record<string | number, unknown>;
      const value = structuredClone(e.value); // never the generator's own object: no cycles
      if (e.action === 'replace') target[key] = value;
      else if (e.action === 'delete') {
        if (Array.isArray(target)) target.splice(key as number, 1);
        else delete target[key];
      } else if (Array.isArray(target)) target.push(value);
      else target[e.key] = value;
      return;
    }
    node = child;
  }
}

describe('mutated format 2 meta (fast-check)', () => {
  it('never crashes: each mutation decodes to valid contents or is corrupt', () => {
    const base = sample();
    fc.assert(
      fc.property(fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        const meta = structuredClone(base.meta);
        for (const edit of edits) applyEdit(meta, edit);
        const plaintext = plaintextOf(meta, base.table);
        let decoded: ReturnType<typeof decodePayload>;
        try {
          decoded = decodePayload(plaintext, 2);
        } catch (error) {
          if (error instanceof VaultError && error.kind === 'corrupt') return;
          throw error;
        }
        // Accepted: every entry is valid, every custom icon is stored, no tombstone is an entry,
        // and writing it again reads back the same.
        decoded.entries.forEach(validateEntry);
        const ids = new Set(decoded.entries.map((e) => e.id));
        for (const e of decoded.entries) if (e.icon?.kind === 'custom') expect(decoded.icons.has(e.icon.id)).toBe(true);
        for (const t of decoded.tombstones) expect(ids.has(t.id)).toBe(false);
        const again = decodePayload(encodePayload(decoded).buffer, 2);
        expect(again.entries.map(({ secret, ...e }) => [e, [...secret]])).toEqual(
          decoded.entries.map(({ secret, ...e }) => [e, [...secret]]),
        );
      }),
      { numRuns: 400 },
    );
  });
});
