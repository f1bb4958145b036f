// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Domains in what an account says: "github.com" as an issuer, "alice@proton.me" or
 * "https://login.example.org/" as an account name. The bundled matcher (bundled.ts) uses them when
 * the issuer alone names no icon.
 *
 * One rule keeps it from misleading: an address at a public mail provider (gmail.com, outlook.com,
 * proton.me, …) says where the person's mail lives, not whose account this is — "Acme VPN" with
 * "bob@gmail.com" is Acme's account, not Google's. Such a domain is only used when the entry has no
 * issuer at all (then the address is all there is, and the provider's own account is the likeliest
 * reading). Any other domain ("alice@github.com") is used whenever the issuer names no icon.
 */

/**
 * Public mail and mail-forwarding providers (registrable domains). Not every one has an icon; the
 * list is about which domains say nothing about the service.
 */
export const MAIL_PROVIDER_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Yahoo, Apple, AOL
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'hotmail.it',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.co.jp',
  'yahoo.fr',
  'yahoo.de',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  // Privacy mail and aliases
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'passmail.net',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'posteo.de',
  'posteo.net',
  'mailbox.org',
  'startmail.com',
  'hushmail.com',
  'disroot.org',
  'riseup.net',
  'duck.com',
  'simplelogin.com',
  'slmail.me',
  'anonaddy.me',
  'addy.io',
  'mailfence.com',
  // Regional providers
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'gmx.at',
  'web.de',
  'mail.com',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
  'yandex.com',
  'yandex.ru',
  'ya.ru',
  'mail.ru',
  'rambler.ru',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'daum.net',
  'comcast.net',
  'verizon.net',
  'att.net',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'bigpond.com',
  'zoho.com',
  'zohomail.com',
]);

/** Second-level public suffixes under which a registrable domain has three labels. */
const SECOND_LEVEL_SUFFIXES: ReadonlySet<string> = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'com.br',
  'com.mx',
  'com.ar',
  'com.tr',
  'com.cn',
  'com.hk',
  'com.sg',
  'com.tw',
  'co.in',
  'co.za',
  'co.il',
  'com.pl',
]);

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;

/**
 * The domain in a piece of text, lower-case, or null: the part after the last '@' of an address,
 * the host of an http(s) link, or the text itself when it is a bare domain ("github.com",
 * "www.example.co.uk"). A leading "www." is dropped.
 */
export function domainIn(text: string): string | null {
  let candidate = text.trim().toLowerCase();
  if (candidate === '' || /\s/.test(candidate)) return null;
  const link = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)/.exec(candidate);
  if (link) candidate = link[1] ?? '';
  else if (candidate.includes('@')) candidate = candidate.slice(candidate.lastIndexOf('@') + 1);
  candidate = candidate.replace(/\.$/, '').replace(/^www\./, '');
  return DOMAIN.test(candidate) ? candidate : null;
}

/** The registrable part of a domain: "accounts.google.com" → "google.com", "a.b.co.uk" → "b.co.uk". */
export function registrableDomain(domain: string): string {
  const labels = domain.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const keep = SECOND_LEVEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The domain and each parent down to its registrable part, most specific first. */
export function domainAndParents(domain: string): string[] {
  const stop = registrableDomain(domain);
  const out: string[] = [];
  let current = domain;
  for (;;) {
    out.push(current);
    if (current === stop || !current.includes('.')) break;
    current = current.slice(current.indexOf('.') + 1);
  }
  return out;
}

/** Whether a domain (or its registrable part) belongs to a public mail provider. */
export function isMailProviderDomain(domain: string): boolean {
  return MAIL_PROVIDER_DOMAINS.has(domain) || MAIL_PROVIDER_DOMAINS.has(registrableDomain(domain));
}
