// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * 2FAS backups (`*.2fas`, schema 1 also `*.json`), plain and encrypted, schema versions 1–4
 * (docs/formats.md §3): PBKDF2-HMAC-SHA256 (10,000) → AES-256-GCM over the `services` array. What
 * each schema stores differs; missing parameters take the defaults the app used for that schema.
 *
 * Detection: the fields every backup has — a `services` list and a numeric `schemaVersion` — and,
 * when encrypted, `servicesEncrypted` text.
 */
import { WorkBudget } from './budget';
import { aesGcmDecrypt, passwordRequired, pbkdf2Key, wrongPassword } from './crypto';
import { EntryCollector, describe, secretFromBase32, strictBase64, type EntryDraft } from './entries';
import {
  arr,
  decodeUtf8,
  EntryProblem,
  fileLevel,
  int,
  isRecord,
  namesById,
  optStr,
  otpParameterFields,
  parseJson,
  sniffJson,
  str,
  type JsonRecord,
} from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = '2FAS';
const PBKDF2_ITERATIONS = 10_000;

function looksLike2fas(value: unknown): value is JsonRecord {
  if (!isRecord(value) || !Array.isArray(value['services']) || typeof value['schemaVersion'] !== 'number') return false;
  const encrypted = value['servicesEncrypted'];
  return encrypted === undefined || encrypted === null || typeof encrypted === 'string';
}

export const twoFasFormat: ImportFormat = {
  id: '2fas',
  name: NAME,
  detect(bytes) {
    return looksLike2fas(sniffJson(bytes)) ? 0.98 : 0;
  },
  needsPassword(bytes) {
    const json = sniffJson(bytes);
    return looksLike2fas(json) && typeof json['servicesEncrypted'] === 'string';
  },
  async parse(bytes, password, budget = new WorkBudget()) {
    const file = parseJson(decodeUtf8(bytes, 'This 2FAS backup'), 'This 2FAS backup', budget);
    if (!looksLike2fas(file))
      throw new ImportError('corrupt', 'This is not a 2FAS backup (no services or schemaVersion).');
    const schema = fileLevel('The 2FAS backup', () => int(file, 'schemaVersion'));
    if (schema < 1 || schema > 4) {
      throw new ImportError(
        'unsupported',
        `2FAS backup schema ${schema} is not supported (1 to 4 are): update Tessera.`,
      );
    }
    const encrypted = typeof file['servicesEncrypted'] === 'string';
    const services =
      typeof file['servicesEncrypted'] === 'string'
        ? await decryptServices(file['servicesEncrypted'], password, budget)
        : fileLevel('The 2FAS backup', () => arr(file, 'services'));
    const groups = namesById(file['groups'], 'id', 'name');
    const collector = new EntryCollector('2fas', budget);
    services.forEach((raw, index) => {
      const s = isRecord(raw) ? raw : {};
      collector.add(
        index,
        () => describe(s['name'], isRecord(s['otp']) ? s['otp']['account'] : undefined),
        () => draft(raw, schema, groups),
      );
    });
    return collector.result(`backup schema ${schema} (${encrypted ? 'encrypted' : 'plain'})`);
  },
};

async function decryptServices(
  value: string,
  password: string | undefined,
  budget: WorkBudget,
): Promise<readonly unknown[]> {
  const parts = value.split(':').map((p) => strictBase64(p));
  const [sealed, salt, iv] = parts;
  if (parts.length !== 3 || !sealed || !salt || !iv || sealed.length < 17 || iv.length !== 12 || salt.length === 0) {
    throw new ImportError(
      'corrupt',
      'The encrypted 2FAS backup is damaged (servicesEncrypted is not ciphertext:salt:iv).',
    );
  }
  if (password === undefined) throw passwordRequired(NAME);
  const key = await pbkdf2Key(password, salt, PBKDF2_ITERATIONS, 32, 'sha256', { budget, format: '2fas' });
  const plain = aesGcmDecrypt(key, iv, sealed.subarray(0, -16), sealed.subarray(-16));
  key.fill(0);
  if (plain === null) throw wrongPassword(NAME);
  const what = 'The decrypted 2FAS services';
  const services = parseJson(decodeUtf8(plain, what), what, budget);
  if (!Array.isArray(services)) throw new ImportError('corrupt', 'The decrypted 2FAS services are not a list.');
  return services;
}

/** One service; schema 1 is TOTP SHA1/6/30, schema 2 adds parameters, 3 the type, 4 Steam. */
function draft(raw: unknown, schema: number, groups: ReadonlyMap<string, string>): EntryDraft {
  if (!isRecord(raw)) throw new EntryProblem('the service is not an object');
  const otp = isRecord(raw['otp']) ? raw['otp'] : {};
  const type = schema >= 3 ? (optStr(otp, 'tokenType') ?? 'TOTP') : 'TOTP';
  const issuer = optStr(raw, 'name') ?? optStr(otp, 'issuer');
  const groupId = optStr(raw, 'groupId');
  const common = {
    type,
    issuer,
    account: optStr(otp, 'account') ?? accountFromLabel(optStr(otp, 'label'), issuer),
    secret: secretFromBase32(str(raw, 'secret')),
    tags: groupId === undefined ? [] : [groups.get(groupId)],
  };
  if (schema === 1) return common;
  return { ...common, ...otpParameterFields(otp, 'algorithm') };
}

function accountFromLabel(label: string | undefined, issuer: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  return issuer !== undefined && label.startsWith(`${issuer}:`) ? label.slice(issuer.length + 1) : label;
}
