// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * FreeOTP+ JSON exports `{tokenOrder: [...], tokens: [...]}` (docs/formats.md §8): the FreeOTP token
 * format with the secret as signed bytes. Its XML export is FreeOTP v1's and is read by freeotp.ts.
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromByteArray } from './entries';
import { arr, decodeUtf8, EntryProblem, fileLevel, isRecord, parseJson, sniffJson, type JsonRecord } from './fields';
import { freeOtpTokenDraft } from './freeotp';
import { ImportError, type ImportFormat } from './types';

function looksLikeFreeOtpPlus(value: unknown): value is JsonRecord {
  return isRecord(value) && Array.isArray(value['tokens']) && Array.isArray(value['tokenOrder']);
}

export const freeOtpPlusFormat: ImportFormat = {
  id: 'freeotp-plus',
  name: 'FreeOTP+',
  detect: (bytes) => (looksLikeFreeOtpPlus(sniffJson(bytes)) ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const file = parseJson(decodeUtf8(bytes, 'This FreeOTP+ export'), 'This FreeOTP+ export', budget);
    if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a FreeOTP+ export (no tokens).');
    const tokens = fileLevel('The FreeOTP+ export', () => arr(file, 'tokens'));
    const collector = new EntryCollector('freeotp-plus', budget);
    tokens.forEach((raw, index) => {
      const t = isRecord(raw) ? raw : {};
      collector.add(
        index,
        () => describe(t['issuerExt'], t['label']),
        () => {
          if (!isRecord(raw)) throw new EntryProblem('the token is not an object');
          return freeOtpTokenDraft(raw, secretFromByteArray(raw['secret']));
        },
      );
    });
    return collector.result();
  },
};
