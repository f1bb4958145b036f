// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The importer registry: the one table of formats Tessera reads (policy as data, default-deny: a
 * file no row recognises is refused as `unknown-format`). Detection reads the content; the file
 * name only breaks near-ties, so a renamed file is still read correctly.
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

/** Below this, content is not taken as evidence of a format. */
const MIN_CONFIDENCE = 0.25;
/** What a matching file name adds: enough to break a near-tie, never enough to outweigh content. */
const NAME_HINT_BONUS = 0.03;

/** Name patterns per format: hints only. */
const NAME_HINTS: Readonly<Partial<Record<ImportFormatId, RegExp>>> = {
  aegis: /aegis/i,
  '2fas': /\.2fas$|2fas/i,
  andotp: /andotp|otp_accounts/i,
  authy: /authy/i,
  bitwarden: /bitwarden/i,
  duo: /duo/i,
  'battle-net': /battle|blizzard/i,
  steam: /steam|\.mafile$/i,
  freeotp: /freeotp(?!.?plus)|tokens\.xml$/i,
  'freeotp-plus': /freeotp.?plus/i,
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

/** A detection result: the format and how sure the content makes us (0–1, name hint included). */
export interface Detection {
  readonly format: ImportFormatId;
  readonly confidence: number;
}

/** Every format whose detector recognises the content, most likely first. */
export function detectCandidates(bytes: Uint8Array, fileName?: string): Detection[] {
  const out: Detection[] = [];
  for (const f of IMPORT_FORMATS) {
    let content: number;
    try {
      content = f.detect(bytes, fileName);
    } catch {
      content = 0; // a detector must not throw; if one does, it simply does not claim the file
    }
    if (content < MIN_CONFIDENCE) continue;
    const hint = fileName !== undefined && NAME_HINTS[f.id]?.test(baseName(fileName)) === true ? NAME_HINT_BONUS : 0;
    out.push({ format: f.id, confidence: Math.min(1, content + hint) });
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}

/**
 * The most likely format of a file from its content (the name, if given, only breaks near-ties),
 * or null when no importer recognises it.
 */
export function detectFormat(bytes: Uint8Array, fileName?: string): Detection | null {
  return detectCandidates(bytes, fileName)[0] ?? null;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
