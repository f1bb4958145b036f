// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Turning one link into entries, shared by every format that stores links: `otpauth://` (Key URI,
 * docs/formats.md §7, parsed by electron/otp), `otpauth-migration://` (§2, several accounts per link)
 * and Bitwarden's `steam://<secret>` (§5). Link problems skip that link's entries, with the reason.
 */
import {
  migrationAccount,
  MigrationError,
  OtpUriError,
  parseMigrationUri,
  parseOtpauthUri,
  type ParsedOtpUri,
} from '../otp';
import { describe, secretFromBase32, UnsupportedEntry, type EntryCollector, type EntryDraft } from './entries';
import { EntryProblem } from './fields';

/** Names and metadata a container adds to a link's entry (used when the link's label is empty). */
export interface LinkContext {
  readonly fallbackIssuer?: string | undefined;
  readonly fallbackAccount?: string | undefined;
  readonly notes?: string | undefined;
  readonly tags?: readonly (string | undefined)[] | undefined;
  readonly favourite?: boolean | undefined;
}

/** True for text that starts like one of the links this module reads. */
export function isLink(text: string): boolean {
  return /^(otpauth|otpauth-migration|steam):\/\//i.test(text.trim());
}

/**
 * Adds the entries of one link to `collector`. `index` is the position of the link in its file;
 * `where` names it for skipped entries when no name can be read ("line 3").
 */
export function addLink(
  collector: EntryCollector,
  link: string,
  index: number,
  where: string,
  ctx: LinkContext = {},
): void {
  const text = link.trim();
  if (/^otpauth-migration:/i.test(text)) {
    addMigration(collector, text, index, where);
    return;
  }
  collector.add(
    index,
    () => describe(ctx.fallbackIssuer, ctx.fallbackAccount) || where,
    () => draftFromLink(text, ctx),
  );
}

/** One account from an `otpauth://` or `steam://` link. @throws EntryProblem. */
export function draftFromLink(text: string, ctx: LinkContext = {}): EntryDraft {
  const meta = {
    notes: ctx.notes,
    tags: ctx.tags,
    favourite: ctx.favourite,
  };
  const steam = /^steam:\/\/(.*)$/is.exec(text);
  if (steam) {
    return {
      type: 'steam',
      issuer: 'Steam',
      account: 'Steam account',
      secret: secretFromBase32(steam[1] ?? ''),
      ...meta,
    };
  }
  let parsed: ParsedOtpUri;
  try {
    parsed = parseOtpauthUri(steamByConvention(text));
  } catch (error) {
    if (error instanceof OtpUriError) {
      // An OTP type or algorithm Tessera has no codes for (mOTP, Yandex, MD5) is unsupported, not damaged.
      const Problem = error.field === 'type' || error.field === 'algorithm' ? UnsupportedEntry : EntryProblem;
      throw new Problem(error.message.replace(/\.$/, ''), { cause: error, details: error.details });
    }
    throw error;
  }
  const { params } = parsed;
  const named = parsed.issuer !== '' || parsed.account !== '';
  return {
    type: params.type,
    issuer: named ? parsed.issuer : ctx.fallbackIssuer,
    account: named ? parsed.account : ctx.fallbackAccount,
    secret: params.secret,
    algorithm: params.algorithm,
    digits: params.digits,
    ...(params.period !== null ? { period: params.period } : {}),
    ...(params.counter !== null ? { counter: params.counter } : {}),
    ...meta,
  };
}

/**
 * Two writers mark a Steam Guard account on a `totp` link with a parameter of their own instead of
 * the `steam` type: WinAuth adds `deviceid` (and `data`) to its Steam authenticators
 * (`WinAuthAuthenticator.ToUrl`), Stratum / Authenticator Pro a bare `steam` (`Authenticator.GetOtpAuthUri`).
 * Read as 5-digit TOTP they would give wrong codes: such a link is read as `encoder=steam`.
 */
export function steamByConvention(link: string): string {
  const m = /^otpauth:\/\/totp\/[^?]*\?(.*)$/is.exec(link);
  if (m === null) return link;
  const names = (m[1] ?? '').split('&').map((p) => {
    const eq = p.indexOf('=');
    return { name: (eq < 0 ? p : p.slice(0, eq)).toLowerCase(), bare: eq < 0 };
  });
  if (names.some((p) => p.name === 'encoder')) return link;
  const steam = names.some((p) => p.name === 'deviceid') || names.some((p) => p.name === 'steam' && p.bare);
  return steam ? `${link}&encoder=steam` : link;
}

function addMigration(collector: EntryCollector, text: string, index: number, where: string): void {
  let payload;
  try {
    payload = parseMigrationUri(text);
  } catch (error) {
    if (error instanceof MigrationError) {
      collector.skip(
        index,
        where,
        `this Google Authenticator transfer link cannot be used. ${error.message.replace(/\.$/, '')}`,
        error.details,
      );
      return;
    }
    throw error;
  }
  for (const p of payload.otpParameters) {
    const account = migrationAccount(p, payload);
    collector.add(
      index,
      () => describe(p.issuer, p.name),
      () => {
        if ('unsupported' in account) throw new UnsupportedEntry(account.unsupported);
        return { ...account, period: account.period ?? undefined, counter: account.counter ?? undefined };
      },
    );
  }
}
