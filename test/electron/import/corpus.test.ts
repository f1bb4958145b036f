// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every file of the import corpus imports to exactly its EXPECTED.json entries (all fields, base32
 * secrets, file order), is detected from its content alone, and — when it has a password — refuses
 * a wrong one with `wrong-password` and a missing one with `password-required`. Table-driven: a new
 * corpus file is covered as soon as EXPECTED.json lists it.
 */
import { expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, isImportFormatId } from '../../../electron/import';
import { describeCorpus } from '../../helpers/corpus';
import { comparable, corpusBytes, expectedCorpus, normalised } from './expected';

describeCorpus('import corpus (shared/corpus/import)', () => {
  const expected = expectedCorpus();
  for (const [rel, spec] of Object.entries(expected.files)) {
    it(`${rel}: imports exactly its ${spec.entryCount} entries`, async () => {
      expect(isImportFormatId(spec.format)).toBe(true);
      const result = await importFile(corpusBytes(rel), { fileName: spec.file, password: spec.password ?? undefined });
      expect(result.format).toBe(spec.format);
      expect(result.entries.map(comparable)).toEqual(spec.entries.map(normalised));
      expect(result.entries).toHaveLength(spec.entryCount);
      expect(result.skipped).toEqual([]);
    });

    it(`${rel}: is detected as ${spec.format} from its content alone`, () => {
      expect(detectFormat(corpusBytes(rel))?.format).toBe(spec.format);
    });

    if (typeof spec.password === 'string') {
      it(`${rel}: a wrong password gives wrong-password, none gives password-required`, async () => {
        const bytes = corpusBytes(rel);
        await expect(importFile(bytes, { password: `${spec.password}-wrong` })).rejects.toMatchObject({
          name: 'ImportError',
          kind: 'wrong-password',
        });
        const missing = await importFile(bytes).catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(ImportError);
        expect((missing as ImportError).kind).toBe('password-required');
      });
    }
  }
});
