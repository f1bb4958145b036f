// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A password manager's one-time-password field as an account (1Password, Proton Pass, Bitwarden,
 * Enpass): the field holds an `otpauth://` link (Bitwarden's also `steam://<base32>`), or the bare
 * base32 secret as the person typed it. The item around it names the account where the link does
 * not: its title is the issuer, its username the account (Enpass: the item's names win, the link's
 * fill only what the item leaves empty). A link without any name (`otpauth://totp/?secret=…`, which
 * these apps accept or write for a pasted secret) gets the item's names as its label before it is
 * parsed, since a link must name its account.
 */
import { describe, secretFromBase32, type EntryCollector, type EntryDraft } from './entries';
import { draftFromLink } from './links';

/** The item a one-time password belongs to. */
export interface ItemContext {
  readonly issuer: string | undefined;
  readonly account: string | undefined;
  readonly notes: string | undefined;
  /** The item's folders, tags or vault, as tags. */
  readonly tags: readonly (string | undefined)[];
  readonly favourite: boolean;
  /** A label the app writes when it has no account name, to be read as none ("Proton Pass"). */
  readonly placeholderAccount?: string | undefined;
  /** The item's names win over the link's, which only fill what the item leaves undefined (Enpass). */
  readonly itemNamesFirst?: boolean | undefined;
}

/** One one-time-password field of an item: its value (a link or a secret) and the field's name, if any. */
export interface ItemOtp {
  readonly value: string;
  readonly name: string | undefined;
}

/**
 * Adds an item's one-time passwords as accounts (1Password, Proton Pass), or skips each with
 * `skipReason` (trash, archive). Several in one item are told apart by their fields' names: the
 * account is "username (field name)".
 */
export function addItemOtps(
  collector: EntryCollector,
  index: number,
  label: string,
  otps: readonly ItemOtp[],
  ctx: ItemContext,
  skipReason: string | undefined,
): void {
  for (const otp of otps) {
    if (skipReason !== undefined) {
      collector.skip(index, label, skipReason);
      continue;
    }
    const account = otps.length > 1 && otp.name ? describe(ctx.account, otp.name) : ctx.account;
    collector.add(
      index,
      () => label,
      () => draftFromItemValue(otp.value, { ...ctx, account }),
    );
  }
}

/** `otpauth://TYPE`, the label after any slashes (none: Bitwarden takes `otpauth://totp?secret=…`), the query. */
const LINK_RE = /^(otpauth:\/\/[^/?#]*)\/*([^?]*)(\?.*)?$/is;

/**
 * A link (its names win, the item's fill what it leaves empty; the other way round with
 * `itemNamesFirst`) or a bare secret (TOTP, SHA1, 6 digits, 30 s: what the apps assume for one).
 * @throws EntryProblem (an unusable link or secret).
 */
export function draftFromItemValue(value: string, ctx: ItemContext): EntryDraft {
  const meta = { notes: ctx.notes, tags: ctx.tags, favourite: ctx.favourite };
  const text = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    return { type: 'totp', issuer: ctx.issuer, account: ctx.account, secret: secretFromBase32(text), ...meta };
  }
  const link = draftFromLink(withLabel(text, ctx), {
    ...meta,
    fallbackIssuer: ctx.issuer,
    fallbackAccount: ctx.account,
  });
  if (ctx.itemNamesFirst === true) {
    return { ...link, issuer: ctx.issuer ?? link.issuer, account: ctx.account ?? link.account };
  }
  const account = link.account === ctx.placeholderAccount ? undefined : link.account;
  return { ...link, issuer: link.issuer || ctx.issuer, account: account || ctx.account };
}

/** The link, with the item's names as its label when it has no label and no issuer of its own. */
function withLabel(link: string, ctx: ItemContext): string {
  const match = LINK_RE.exec(link);
  if (match === null) return link;
  const [, head = '', label = '', query = ''] = match;
  if (label.trim() !== '' || hasIssuer(query)) return link;
  const issuer = ctx.issuer?.trim() ?? '';
  const account = ctx.account?.trim() ?? '';
  if (issuer === '' && account === '') return link;
  // Always "issuer:account" (the issuer may be empty), so a ':' in a name stays in it.
  return `${head}/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}${query}`;
}

/** Whether the query names an issuer (empty and `null` values count as none, as the link parser reads them). */
function hasIssuer(query: string): boolean {
  return query
    .replace(/^\?/, '')
    .split('&')
    .some((pair) => {
      const [key = '', value = ''] = pair.split('=', 2);
      if (key.toLowerCase() !== 'issuer') return false;
      let decoded: string;
      try {
        decoded = decodeURIComponent(value.replace(/\+/g, ' ')).trim();
      } catch {
        return true; // the parser will report the damage
      }
      return decoded !== '' && decoded.toLowerCase() !== 'null';
    });
}
