// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The importer registry: the one table of formats Tessera reads (policy as data, default-deny: a
 * file no row recognises is refused as `unknown-format`), and detection.
 *
 * **Detection is on positive evidence only.** Each format's `detect` scores the content from 0 to 1,
 * and only for what it finds, never by elimination ("it is not JSON, so it may be encrypted X"):
 *
 * | score | evidence | examples |
 * |---|---|---|
 * | ≥ 0.9 | unmistakable: magic bytes with the structure behind them, or every field the format requires | `AC ED 00 05` + a HashMap (FreeOTP 2), `{version, header, db}` (Aegis), SQLite with the app's table |
 * | 0.5–0.9 | strong structural evidence, shared with few other files | a header value in the app's own range in front of cipher-like bytes (andOTP: 140,000–160,000 iterations); one line of canonical base64 of whole AES blocks (TOTP Authenticator) |
 * | < 0.5 | not evidence: never a match | "it is binary", "it is a JSON array" |
 *
 * A file matches the best-scoring format with at least {@link MIN_CONFIDENCE}; with none, it is not
 * recognised and the user is told which apps Tessera reads ({@link supportedAppNames}).
 *
 * **The file name** is never evidence on its own, with one exception: formats that have no magic
 * bytes and no structure at all ({@link NAME_EVIDENCE}), where a name typical of the app together
 * with content consistent with the format (long enough, no text structure, the byte statistics of a
 * cipher) is all the evidence there is; those formats alone see the name in `detect`. For every
 * other format the name only breaks near-ties ({@link NAME_HINT_BONUS}), so a renamed file is read
 * the same and a misnamed one is not misread.
 */
import { aegisFormat } from './aegis';
import { andOtpFormat } from './andotp';
import { authenticatorPlusFormat } from './authenticator-plus';
import { authyFormat } from './authy';
import { battleNetFormat } from './battle-net';
import { bitwardenFormat } from './bitwarden';
import { duoFormat } from './duo';
import { enteFormat } from './ente';
import { enpassFormat } from './enpass';
import { freeOtpFormat } from './freeotp';
import { freeOtpPlusFormat } from './freeotp-plus';
import { googleAuthenticatorFormat } from './google-authenticator';
import { keePassFormat } from './keepass';
import { lastPassFormat } from './lastpass';
import { microsoftAuthenticatorFormat } from './microsoft-authenticator';
import { onePasswordFormat } from './one-password';
import { protonAuthenticatorFormat } from './proton-authenticator';
import { protonPassFormat } from './proton-pass';
import { raivoFormat } from './raivo';
import { steamFormat } from './steam';
import { stratumFormat } from './stratum';
import { totpAuthenticatorFormat } from './totp-authenticator';
import { twoFasFormat } from './two-fas';
import { baseName } from './fields';
import type { ImportFormat, ImportFormatId } from './types';
import { uriListFormat } from './uri-list';

/** Every readable format, keyed by id (a Record, so a new id without a row does not compile). */
const BY_ID: Readonly<Record<ImportFormatId, ImportFormat>> = {
  aegis: aegisFormat,
  '2fas': twoFasFormat,
  andotp: andOtpFormat,
  authy: authyFormat,
  bitwarden: bitwardenFormat,
  duo: duoFormat,
  'battle-net': battleNetFormat,
  steam: steamFormat,
  freeotp: freeOtpFormat,
  'freeotp-plus': freeOtpPlusFormat,
  stratum: stratumFormat,
  'totp-authenticator': totpAuthenticatorFormat,
  'google-authenticator': googleAuthenticatorFormat,
  'microsoft-authenticator': microsoftAuthenticatorFormat,
  'proton-authenticator': protonAuthenticatorFormat,
  'authenticator-plus': authenticatorPlusFormat,
  ente: enteFormat,
  keepass: keePassFormat,
  '1password': onePasswordFormat,
  'proton-pass': protonPassFormat,
  lastpass: lastPassFormat,
  raivo: raivoFormat,
  enpass: enpassFormat,
  'otpauth-uri-list': uriListFormat,
};

/** The registry rows, in the order formats are listed to users. */
export const IMPORT_FORMATS: readonly ImportFormat[] = Object.freeze(Object.values(BY_ID));

/** The row for a format id. */
export function importFormat(id: ImportFormatId): ImportFormat {
  return BY_ID[id];
}

/** The least score that makes a match (the scale above). */
export const MIN_CONFIDENCE = 0.5;
/** What a matching file name adds: enough to break a near-tie, never enough to outweigh content. */
const NAME_HINT_BONUS = 0.03;

/**
 * The formats whose `detect` is given the file name, and why: they have variants without magic
 * bytes or any structure, so a name typical of the app is part of the evidence (together with
 * content consistent with the format; the detector checks both). Every other detector sees content only.
 */
export const NAME_EVIDENCE: Readonly<Partial<Record<ImportFormatId, string>>> = Object.freeze({
  andotp:
    'encrypted backups before andOTP 0.6.3 (nonce ‖ ciphertext ‖ tag) and those of andOTP 0.6.3–0.7.0 ' +
    '(1,000–5,000 iterations, indistinguishable from random bytes) carry nothing but ciphertext: ' +
    'the names andOTP writes (otp_accounts….json.aes) or that name the app are the evidence',
});

/** Name patterns per format: tie-breakers only. */
const NAME_HINTS: Readonly<Partial<Record<ImportFormatId, RegExp>>> = {
  aegis: /aegis/i,
  '2fas': /\.2fas$|2fas/i,
  andotp: /andotp|otp_accounts/i,
  authy: /authy/i,
  bitwarden: /bitwarden/i,
  duo: /duo/i,
  'battle-net': /battle|blizzard/i,
  steam: /steam|\.mafile$/i,
  freeotp: /freeotp(?!.?plus)|tokens\.xml$|externalbackup/i,
  'freeotp-plus': /freeotp.?plus|otp-token-db/i,
  stratum: /stratum|authenticator.?pro|\.authpro$/i,
  'totp-authenticator': /totp.?authenticator/i,
  'google-authenticator': /google|databases/i,
  'microsoft-authenticator': /microsoft|phonefactor/i,
  'proton-authenticator': /proton/i,
  'authenticator-plus': /authenticator.?plus/i,
  ente: /ente/i,
  keepass: /\.kdbx$|keepass/i,
  '1password': /\.1pux$|1password/i,
  'proton-pass': /proton.?pass/i,
  lastpass: /lastpass/i,
  raivo: /raivo/i,
  enpass: /enpass/i,
  'otpauth-uri-list': /\.txt$/i,
};

/** A detection result: the format and how sure the evidence makes us (0–1, name hint included). */
export interface Detection {
  readonly format: ImportFormatId;
  readonly confidence: number;
}

/** A detector must not throw; if one does, it simply does not claim the file. */
function score(format: ImportFormat, bytes: Uint8Array, fileName?: string): number {
  try {
    const value = fileName === undefined ? format.detect(bytes) : format.detect(bytes, fileName);
    return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
  } catch {
    return 0;
  }
}

/** Every format with enough evidence (≥ MIN_CONFIDENCE), most likely first. */
export function detectCandidates(bytes: Uint8Array, fileName?: string): Detection[] {
  const name = fileName === undefined ? undefined : baseName(fileName);
  const out: Detection[] = [];
  for (const f of IMPORT_FORMATS) {
    let evidence = score(f, bytes);
    if (name !== undefined && NAME_EVIDENCE[f.id] !== undefined) evidence = Math.max(evidence, score(f, bytes, name));
    if (evidence < MIN_CONFIDENCE) continue;
    const hint = name !== undefined && NAME_HINTS[f.id]?.test(name) === true ? NAME_HINT_BONUS : 0;
    out.push({ format: f.id, confidence: Math.min(1, evidence + hint) });
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}

/**
 * The most likely format of a file from the evidence (see the scale above), or null when no
 * format has enough: the file is not recognised.
 */
export function detectFormat(bytes: Uint8Array, fileName?: string): Detection | null {
  return detectCandidates(bytes, fileName)[0] ?? null;
}

/** Read through the link list (`otpauth-uri-list`): apps whose export is a list of links. */
const APPS_READ_AS_LINKS: readonly string[] = ['WinAuth'];
/** Registry rows that are not an app. */
const NOT_APPS: ReadonlySet<ImportFormatId> = new Set(['otpauth-uri-list']);

/**
 * The names of the apps whose files Tessera reads, for messages: every registry row that is an
 * app, in registry order, then the apps read through the link list.
 */
export function supportedAppNames(): string[] {
  const names = IMPORT_FORMATS.filter((f) => !NOT_APPS.has(f.id)).map((f) => f.name);
  return [...new Set([...names, ...APPS_READ_AS_LINKS])];
}
