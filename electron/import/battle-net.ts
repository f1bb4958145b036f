// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Battle.net authenticator's shared_prefs file (docs/formats.md §8): serial and device secret are
 * hex strings XOR-masked with a fixed 56-byte key; the unmasked secret is itself hex. Codes are
 * TOTP SHA1, 8 digits, 30 s; the serial names the account.
 */
import { looksLikePrefs, readSharedPrefs } from './android-prefs';
import { WorkBudget } from './budget';
import { EntryCollector, secretFromHex } from './entries';
import { EntryProblem } from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Battle.net';
const SECRET_KEY = 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET';
const SERIAL_KEY = 'com.blizzard.messenger.AUTHENTICATOR_SERIAL';
/** The app's fixed mask (public: it is in every copy of the app, and in Aegis's BattleNetImporter). */
const MASK = Buffer.from(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a',
  'hex',
);

/** XORs the hex-decoded value with the mask and reads the result as Latin-1 text. */
function unmask(masked: string, what: string): string {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(masked) || masked.length / 2 > MASK.length) {
    throw new EntryProblem(`the ${what} is not masked hex`);
  }
  const bytes = Buffer.from(masked, 'hex');
  for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] ?? 0) ^ (MASK[i] ?? 0);
  return bytes.toString('latin1');
}

export const battleNetFormat: ImportFormat = {
  id: 'battle-net',
  name: NAME,
  detect: (bytes) => (looksLikePrefs(bytes, SECRET_KEY) ? 0.98 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const prefs = readSharedPrefs(bytes, NAME, budget);
    const secret = prefs.get(SECRET_KEY)?.value;
    if (secret === undefined) throw new ImportError('corrupt', 'This Battle.net file has no authenticator secret.');
    const serial = prefs.get(SERIAL_KEY)?.value ?? '';
    const collector = new EntryCollector('battle-net', budget);
    collector.add(
      0,
      () => NAME,
      () => ({
        type: 'totp',
        issuer: NAME,
        account: serial === '' ? '' : unmask(serial, 'serial'),
        secret: secretFromHex(unmask(secret, 'secret')),
        algorithm: 'SHA1',
        digits: 8,
        period: 30,
      }),
    );
    return collector.result();
  },
};
