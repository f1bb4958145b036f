// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Golden tests for Tessera's own import fixtures (fixtures.ts): each file imports to exactly its
 * expected entries and variant, skips what it says, is detected as its own format, and — when it has
 * a password — refuses a wrong one with `wrong-password` and a missing one with `password-required`.
 * Table-driven: a fixture is covered as soon as its folder's expected.json lists it.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, isImportFormatId } from '../../../electron/import';
import { normalised } from './expected';
import { allFixtures, comparableTo } from './fixtures';

describe('import fixtures (test/fixtures/import)', () => {
  const fixtures = allFixtures();
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(0));

  for (const fx of fixtures) {
    it(`${fx.rel}: imports exactly its ${fx.entries.length} entries as "${fx.variant}"`, async () => {
      expect(isImportFormatId(fx.format)).toBe(true);
      const result = await importFile(fx.bytes, { fileName: fx.file, password: fx.password ?? undefined });
      expect(result.format).toBe(fx.format);
      expect(result.variant).toBe(fx.variant);
      expect(result.entries.map((e, i) => comparableTo(e, fx.entries[i] ?? fx.entries[0]!))).toEqual(
        fx.entries.map((e) => ({
          ...normalised(e),
          ...('tags' in e ? { tags: e.tags } : {}),
          ...('iconMime' in e ? { iconMime: e.iconMime } : {}),
          ...('notes' in e ? { notes: e.notes } : {}),
          ...('favourite' in e ? { favourite: e.favourite } : {}),
        })),
      );
      const skipped = fx.skipped ?? [];
      expect(result.skipped.map((s) => s.label)).toEqual(skipped.map((s) => s.label));
      result.skipped.forEach((s, i) => expect(s.reason).toContain(skipped[i]!.reason));
      const notices = fx.notices ?? [];
      expect((result.notices ?? []).map((n) => n.label)).toEqual(notices.map((n) => n.label));
      (result.notices ?? []).forEach((n, i) => expect(n.reason).toContain(notices[i]!.reason));
      for (const e of result.entries) e.secret.fill(0);
    });

    const byName = fx.detection === 'name';
    it(`${fx.rel}: is detected as ${fx.format} from its ${byName ? 'content and name' : 'content alone'}`, () => {
      expect(detectFormat(fx.bytes, byName ? fx.file : undefined)?.format).toBe(fx.format);
    });

    if (typeof fx.password === 'string') {
      it(`${fx.rel}: a wrong password gives wrong-password, none gives password-required`, async () => {
        await expect(
          importFile(fx.bytes, { fileName: fx.file, password: `${fx.password}-wrong` }),
        ).rejects.toMatchObject({
          name: 'ImportError',
          kind: 'wrong-password',
        });
        const missing = await importFile(fx.bytes, { fileName: fx.file }).catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(ImportError);
        expect((missing as ImportError).kind).toBe('password-required');
      });
    }
  }
});
