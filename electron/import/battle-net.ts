// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Battle.net authenticator's internal shared_prefs files (docs/formats.md §8), as a rooted phone
 * or an app-data backup yields them. Codes are TOTP SHA1, 8 digits, 30 s, issuer "Battle.net",
 * named by the serial. Both apps XOR-mask their values with one fixed, public key:
 *
 * - the Battle.net app (`com.blizzard.messenger`,
 *   `shared_prefs/com.blizzard.messenger.authenticator_preferences.xml`): serial and device secret
 *   in `…AUTHENTICATOR_SERIAL` and `…AUTHENTICATOR_DEVICE_SECRET`, each hex of the masked text; the
 *   secret is itself hex. `…AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE` says `MASK`; another value
 *   (a key kept in the phone's keystore) cannot be read off the phone and is refused by name.
 * - the older Battle.net Mobile Authenticator (`com.blizzard.bma`,
 *   `shared_prefs/com.blizzard.bma.AUTH_STORE.xml`): `com.blizzard.bma.AUTH_STORE.HASH` is hex of
 *   57 masked bytes, the secret's 40 hex characters followed by the 17-character serial.
 *
 * Detection: a shared_prefs `<map>` holding the device secret's or the store's key.
 */
import { looksLikePrefs, readSharedPrefs } from './android-prefs';
import { WorkBudget } from './budget';
import { EntryCollector, secretFromHex, type EntryDraft } from './entries';
import { EntryProblem } from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Battle.net';
const SECRET_KEY = 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET';
const SERIAL_KEY = 'com.blizzard.messenger.AUTHENTICATOR_SERIAL';
const ENCRYPTION_KEY = 'com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE';
const BMA_KEY = 'com.blizzard.bma.AUTH_STORE.HASH';
/** The BMA store: 40 hex characters of secret, then the 17-character serial. */
const BMA_SECRET_HEX = 40;
/** The apps' fixed mask, 57 bytes (public: in every copy of the apps, and in Aegis's BattleNetImporter). */
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

const entry = (serial: string, secretHex: string): EntryDraft => ({
  type: 'totp',
  issuer: NAME,
  account: serial,
  secret: secretFromHex(secretHex),
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
});

export const battleNetFormat: ImportFormat = {
  id: 'battle-net',
  name: NAME,
  detect: (bytes) => (looksLikePrefs(bytes, SECRET_KEY) || looksLikePrefs(bytes, BMA_KEY) ? 0.98 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const prefs = readSharedPrefs(bytes, NAME, budget);
    const collector = new EntryCollector('battle-net', budget);
    const store = prefs.get(BMA_KEY)?.value;
    const secret = prefs.get(SECRET_KEY)?.value;
    if (secret === undefined && store !== undefined) {
      collector.add(
        0,
        () => NAME,
        () => {
          const text = unmask(store, 'authenticator data');
          if (text.length <= BMA_SECRET_HEX) throw new EntryProblem('the authenticator data is too short');
          return entry(text.slice(BMA_SECRET_HEX), text.slice(0, BMA_SECRET_HEX));
        },
      );
      return collector.result('internal storage, Battle.net Mobile Authenticator (shared_prefs XML)');
    }
    if (secret === undefined) throw new ImportError('corrupt', 'This Battle.net file has no authenticator secret.');
    const encryption = prefs.get(ENCRYPTION_KEY)?.value;
    if (encryption !== undefined && encryption !== 'MASK') {
      throw new ImportError(
        'unsupported',
        'This Battle.net file’s secret is encrypted with a key that stays on the phone, so it cannot be read here. Move the authenticator with Battle.net’s own tools instead.',
        { details: `Credentials encryption type '${encryption}' (only 'MASK' is readable).` },
      );
    }
    const serial = prefs.get(SERIAL_KEY)?.value ?? '';
    collector.add(
      0,
      () => NAME,
      () => entry(serial === '' ? '' : unmask(serial, 'serial'), unmask(secret, 'secret')),
    );
    return collector.result('internal storage (shared_prefs XML)');
  },
};
