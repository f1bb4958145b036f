// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proton Authenticator exports (docs/formats.md §8): `{version: 1, entries: [{id, content: {uri,
 * entry_type, name}, note}]}`; each `uri` is an `otpauth://` (or `steam://`) link, `note` is kept.
 */
import { WorkBudget } from './budget';
import { EntryCollector } from './entries';
import { arr, decodeUtf8, fileLevel, isRecord, parseJson, sniffJson, type JsonRecord } from './fields';
import { draftFromLink } from './links';
import { DAMAGED_ENTRY, EntryProblem } from './fields';
import { ImportError, type ImportFormat } from './types';

function looksLikeProton(value: unknown): value is JsonRecord {
  if (!isRecord(value) || !Array.isArray(value['entries'])) return false;
  const first: unknown = (value['entries'] as unknown[])[0];
  return isRecord(first) && isRecord(first['content']);
}

export const protonAuthenticatorFormat: ImportFormat = {
  id: 'proton-authenticator',
  name: 'Proton Authenticator',
  detect: (bytes) => (looksLikeProton(sniffJson(bytes)) ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const what = 'This Proton Authenticator export';
    const file = parseJson(decodeUtf8(bytes, what), what, budget);
    if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a Proton Authenticator export (no entries).');
    if (typeof file['version'] === 'number' && file['version'] !== 1) {
      throw new ImportError('unsupported', `Proton Authenticator export version ${file['version']} is not supported.`);
    }
    const entries = fileLevel('The Proton Authenticator export', () => arr(file, 'entries'));
    const collector = new EntryCollector('proton-authenticator', budget);
    entries.forEach((raw, index) => {
      const content = isRecord(raw) && isRecord(raw['content']) ? raw['content'] : {};
      const name = typeof content['name'] === 'string' ? content['name'] : undefined;
      collector.add(
        index,
        () => name ?? '',
        () => {
          const uri = content['uri'];
          if (typeof uri !== 'string') throw new EntryProblem(DAMAGED_ENTRY, { details: "'uri' is missing" });
          const note = isRecord(raw) && typeof raw['note'] === 'string' ? raw['note'] : undefined;
          return draftFromLink(uri, { fallbackAccount: name, notes: note });
        },
      );
    });
    return collector.result();
  },
};
