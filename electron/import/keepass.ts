// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * KeePass 2 and KeePassXC databases (`.kdbx`, KDBX 3.1 and 4.x), opened with their password by the
 * codec in electron/kdbx (docs/formats.md). Every entry that carries a one-time password becomes an
 * account; entries without one (plain passwords) are passed over silently, entries in the recycle bin
 * are skipped. Passwords, URLs and attachments are never decrypted: only the fields below are read.
 *
 * Where an entry keeps its one-time password, first found wins:
 * 1. KeePassXC's `otp` field holding an `otpauth://` link (Steam as `encoder=steam`);
 * 2. KeePassXC's legacy `TOTP Seed` (base32) + `TOTP Settings` (`period;digits`, or `period;S` for
 *    Steam, whose period KeePassXC ignores: 30 s) — keepassxreboot/keepassxc src/core/Totp.cpp;
 * 3. KeePass 2.47+'s own fields `TimeOtp-Secret` (UTF-8), `-Hex`, `-Base32`, `-Base64` (first
 *    non-empty in that order), `TimeOtp-Length` (6), `TimeOtp-Period` (30), `TimeOtp-Algorithm`
 *    (HMAC-SHA-1, -256, -512) — https://keepass.info/help/base/placeholders.html#otp;
 * 4. KeePass 2.47+'s HOTP: `HmacOtp-Secret*` and `HmacOtp-Counter` (6 digits, SHA-1);
 * 5. the KeeOtp plugin's `otp` field, `key=…&type=…&step=…&size=…&counter=…&otpHashMode=…&encoding=…`.
 *
 * The entry's Title is the issuer (the link's issuer when the Title is empty), UserName the account,
 * Notes the notes, the tag "Favourite" a favourite. Tags: the group path below the root group as one
 * tag ("Work/Legacy"; the root group itself, "Root" or "Passwords", never), then the entry's own tags.
 */
import { WorkBudget } from './budget';
import {
  describe,
  EntryCollector,
  secretFromBase32,
  secretFromBase64,
  secretFromHex,
  type EntryDraft,
} from './entries';
import { EntryProblem } from './fields';
import { draftFromLink } from './links';
import { ImportError, type ImportFormat } from './types';
import { KdbxError, readHeader, readKdbx, readSignature, type KdbxEntry } from '../kdbx';

const NAME = 'KeePass / KeePassXC';

/** The fields an entry's one-time password may live in. */
const OTP_FIELDS = [
  'otp',
  'TOTP Seed',
  'TOTP Settings',
  'TimeOtp-Secret',
  'TimeOtp-Secret-Hex',
  'TimeOtp-Secret-Base32',
  'TimeOtp-Secret-Base64',
  'TimeOtp-Length',
  'TimeOtp-Period',
  'TimeOtp-Algorithm',
  'HmacOtp-Secret',
  'HmacOtp-Secret-Hex',
  'HmacOtp-Secret-Base32',
  'HmacOtp-Secret-Base64',
  'HmacOtp-Counter',
] as const;

/** Everything the importer reads; other fields (Password, URL, custom ones) stay encrypted. */
const WANTED: ReadonlySet<string> = new Set<string>([...OTP_FIELDS, 'Title', 'UserName', 'Notes']);

export const WRONG_PASSWORD_MESSAGE =
  'The password does not open this KeePass database (or the file was modified). Check the password and try again. ' +
  'If this database also uses a key file or a hardware key (such as a YubiKey), Tessera cannot open it: ' +
  'in KeePassXC or KeePass, save a copy protected by the password alone, and import that copy.';

export const keePassFormat: ImportFormat = {
  id: 'keepass',
  name: NAME,
  detect(bytes) {
    const signature = readSignature(bytes);
    if (signature === 'kdbx') return 1;
    return signature === null ? 0 : 0.9;
  },
  needsPassword(bytes) {
    return readSignature(bytes) === 'kdbx';
  },
  async parse(bytes, password, budget = new WorkBudget()) {
    if (readSignature(bytes) === null) {
      throw new ImportError('corrupt', 'This is not a KeePass database (it does not start like one).');
    }
    try {
      readHeader(bytes); // a damaged or unsupported file says so before a password is asked for
      if (password === undefined) {
        throw new ImportError('password-required', 'This KeePass database is locked: enter its password.');
      }
      const file = await readKdbx(bytes, { password, budget, wantField: (key) => WANTED.has(key) });
      const collector = new EntryCollector('keepass', budget);
      file.database.entries.forEach((entry, index) => addEntry(collector, entry, index));
      return collector.result(file.variant);
    } catch (error) {
      throw importError(error);
    }
  },
};

/** The codec's errors in the importer's terms; anything else passes through. */
function importError(error: unknown): unknown {
  if (!(error instanceof KdbxError)) return error;
  switch (error.kind) {
    case 'wrong-key':
      return new ImportError('wrong-password', WRONG_PASSWORD_MESSAGE, { cause: error });
    case 'corrupt':
      return new ImportError('corrupt', error.message, { cause: error, details: error.details });
    case 'unsupported':
      return new ImportError('unsupported', error.message, { cause: error, details: error.details });
  }
}

/** What the entry's other fields add to its account. */
interface EntryContext {
  readonly title: string;
  readonly user: string;
  readonly notes: string | undefined;
  /** The group path below the root ("Work/Legacy"), then the entry's KeePass tags except "Favourite". */
  readonly tags: readonly string[];
  readonly favourite: boolean;
}

function addEntry(collector: EntryCollector, entry: KdbxEntry, index: number): void {
  const field = (key: string): string => entry.fields.get(key)?.value ?? '';
  const source = otpSource(field);
  if (source === null) return; // a password entry: not Tessera's business
  const ctx: EntryContext = {
    title: field('Title').trim(),
    user: field('UserName').trim(),
    notes: entry.fields.has('Notes') ? field('Notes') : undefined,
    tags: [
      ...(entry.groupPath.length > 0 ? [entry.groupPath.join('/')] : []),
      ...entry.tags.filter((t) => !isFavouriteTag(t)),
    ],
    favourite: entry.tags.some(isFavouriteTag),
  };
  const label = describe(ctx.title, ctx.user) || `entry ${index + 1}`;
  if (entry.inRecycleBin) {
    collector.skip(index, label, 'it is in KeePass’s recycle bin (deleted there)');
    return;
  }
  collector.add(
    index,
    () => label,
    () => source(ctx),
  );
}

type Source = (ctx: EntryContext) => EntryDraft;

/** The first place of the module comment's list that this entry uses, or null. */
function otpSource(field: (key: string) => string): Source | null {
  const otp = field('otp').trim();
  if (/^otpauth:\/\//i.test(otp)) return (ctx) => fromLink(otp, ctx);
  const seed = field('TOTP Seed').trim();
  const settings = field('TOTP Settings').trim();
  if (seed !== '' || /^otpauth:\/\//i.test(settings)) return (ctx) => fromLegacy(seed, settings, ctx);
  if (SECRET_SUFFIXES.some((s) => field(`TimeOtp-${s}`).trim() !== '')) return (ctx) => fromTimeOtp(field, ctx);
  if (SECRET_SUFFIXES.some((s) => field(`HmacOtp-${s}`).trim() !== '')) return (ctx) => fromHmacOtp(field, ctx);
  if (/(^|&)key=/i.test(otp)) return (ctx) => fromKeeOtp(otp, ctx);
  if (otp !== '') {
    return () => {
      throw new EntryProblem('its one-time password is stored in a form Tessera does not know', {
        details: 'the otp field is neither an otpauth:// link nor KeeOtp settings (key=…)',
      });
    };
  }
  return null;
}

/** KeePassXC's tag for a favourite (KeePass 2 has none; the English spellings are accepted). */
function isFavouriteTag(tag: string): boolean {
  return /^favou?rite$/i.test(tag);
}

function meta(ctx: EntryContext): Pick<EntryDraft, 'notes' | 'tags' | 'favourite'> {
  return { notes: ctx.notes, tags: ctx.tags, favourite: ctx.favourite };
}

/**
 * KeePassXC's `otp` link. The Title names the issuer unless it is empty (then the link's issuer), or
 * it merely repeats the account of a link without issuer (how Tessera's own export writes such an
 * account); UserName is the account, else the link's ("none" is KeePassXC's stand-in for no name).
 */
function fromLink(link: string, ctx: EntryContext): EntryDraft {
  const draft = draftFromLink(link);
  const linkIssuer = (draft.issuer ?? '').trim();
  const linkAccount = (draft.account ?? '').trim();
  const account = ctx.user !== '' ? ctx.user : linkAccount === 'none' ? '' : linkAccount;
  const titleIsAccount = linkIssuer === '' && ctx.title === account;
  const issuer = ctx.title !== '' && !titleIsAccount ? ctx.title : linkIssuer;
  return { ...draft, issuer, account, ...meta(ctx) };
}

/** KeePassXC's legacy fields: `TOTP Seed`, and `TOTP Settings` as `period;digits` or `period;S`. */
function fromLegacy(seed: string, settings: string, ctx: EntryContext): EntryDraft {
  if (/^otpauth:\/\//i.test(settings)) return fromLink(settings, ctx); // KeePassXC reads a link here too
  if (/(^|&)key=/i.test(settings)) return fromKeeOtp(settings, ctx);
  const names = { issuer: ctx.title, account: ctx.user, ...meta(ctx) };
  const secret = secretFromBase32(seed);
  const parts = settings.split(';').map((p) => p.trim());
  if (parts.length < 2) return { type: 'totp', secret, ...names };
  if (parts[1] === 'S') return { type: 'steam', secret, ...names }; // KeePassXC: 5 characters, 30 s
  const period = /^\d{1,9}$/.test(parts[0] ?? '') ? Number(parts[0]) : NaN;
  const digits = /^\d{1,9}$/.test(parts[1] ?? '') ? Number(parts[1]) : NaN;
  if (Number.isNaN(period) || Number.isNaN(digits)) {
    throw new EntryProblem('its one-time password settings are damaged in the file', {
      details: `TOTP Settings is "${settings.slice(0, 40)}", not "period;digits" or "period;S"`,
    });
  }
  return { type: 'totp', secret, period, digits, ...names };
}

const SECRET_SUFFIXES = ['Secret', 'Secret-Hex', 'Secret-Base32', 'Secret-Base64'] as const;

/** KeePass 2.47+'s secret of `prefix` (TimeOtp or HmacOtp): the first non-empty encoding. */
function keePassSecret(field: (key: string) => string, prefix: string): Uint8Array {
  const utf8 = field(`${prefix}-Secret`);
  if (utf8 !== '') return new Uint8Array(Buffer.from(utf8, 'utf8'));
  const hex = field(`${prefix}-Secret-Hex`).trim();
  if (hex !== '') return secretFromHex(hex);
  const base32 = field(`${prefix}-Secret-Base32`).trim();
  if (base32 !== '') return secretFromBase32(base32);
  return secretFromBase64(field(`${prefix}-Secret-Base64`).trim());
}

/** A whole number in a KeePass field, or `fallback` when the field is empty. */
function keePassNumber(field: (key: string) => string, key: string, fallback: number): number {
  const text = field(key).trim();
  if (text === '') return fallback;
  if (!/^\d{1,15}$/.test(text)) {
    throw new EntryProblem('its one-time password settings are damaged in the file', {
      details: `${key} is not a whole number`,
    });
  }
  return Number(text);
}

const KEEPASS_ALGORITHMS: Readonly<Record<string, string>> = {
  'HMAC-SHA-1': 'SHA1',
  'HMAC-SHA-256': 'SHA256',
  'HMAC-SHA-512': 'SHA512',
};

function fromTimeOtp(field: (key: string) => string, ctx: EntryContext): EntryDraft {
  const algorithmText = field('TimeOtp-Algorithm').trim().toUpperCase();
  const algorithm = algorithmText === '' ? 'SHA1' : KEEPASS_ALGORITHMS[algorithmText];
  if (algorithm === undefined) {
    throw new EntryProblem('its one-time password uses an algorithm Tessera does not support', {
      details: `TimeOtp-Algorithm is "${algorithmText.slice(0, 20)}" (HMAC-SHA-1, -256 or -512 expected)`,
    });
  }
  return {
    type: 'totp',
    issuer: ctx.title,
    account: ctx.user,
    secret: keePassSecret(field, 'TimeOtp'),
    algorithm,
    digits: keePassNumber(field, 'TimeOtp-Length', 6),
    period: keePassNumber(field, 'TimeOtp-Period', 30),
    ...meta(ctx),
  };
}

function fromHmacOtp(field: (key: string) => string, ctx: EntryContext): EntryDraft {
  return {
    type: 'hotp',
    issuer: ctx.title,
    account: ctx.user,
    secret: keePassSecret(field, 'HmacOtp'),
    algorithm: 'SHA1',
    digits: 6,
    counter: keePassNumber(field, 'HmacOtp-Counter', 0),
    ...meta(ctx),
  };
}

const KEEOTP_ALGORITHMS: Readonly<Record<string, string>> = { sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' };

/**
 * The KeeOtp plugin's settings (tiuub/KeeOtp2 OtpAuthUtils.cs loadDataFromKeeOtp1String): `&`-separated
 * `name=value` pairs (names in any case, `%3d` for `=`), a number that does not parse takes its default
 * as in KeeOtp.
 */
function fromKeeOtp(text: string, ctx: EntryContext): EntryDraft {
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    const pieces = pair.split('=');
    if (pieces.length !== 2) continue;
    const name = (pieces[0] ?? '').trim().toLowerCase();
    if (!params.has(name)) params.set(name, (pieces[1] ?? '').replace(/%3d/gi, '=').trim());
  }
  const key = params.get('key') ?? '';
  const encoding = (params.get('encoding') ?? 'base32').toLowerCase();
  const secret =
    encoding === 'base32'
      ? secretFromBase32(key)
      : encoding === 'base64'
        ? secretFromBase64(key)
        : encoding === 'hex'
          ? secretFromHex(key)
          : encoding === 'utf8'
            ? new Uint8Array(Buffer.from(key, 'utf8'))
            : null;
  if (secret === null) {
    throw new EntryProblem('its secret key is stored in a form Tessera does not know', {
      details: `KeeOtp encoding "${encoding.slice(0, 20)}"`,
    });
  }
  const number = (name: string, fallback: number): number => {
    const value = params.get(name) ?? '';
    return /^\d{1,15}$/.test(value) ? Number(value) : fallback;
  };
  const mode = (params.get('otphashmode') ?? 'sha1').toLowerCase();
  const algorithm = KEEOTP_ALGORITHMS[mode] ?? mode.toUpperCase();
  const type = (params.get('type') ?? 'totp').toLowerCase();
  const common = { issuer: ctx.title, account: ctx.user, secret, algorithm, digits: number('size', 6), ...meta(ctx) };
  return type === 'hotp'
    ? { type: 'hotp', counter: number('counter', 0), ...common }
    : { type, period: number('step', 30), ...common };
}
