// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which bundled icon an account gets, and the picker's search, over the generated index alone (no
 * pictures). Forgiving about spelling, strict about meaning: a name must equal a known name of an
 * icon (by issuerKey), never merely contain one, so "Amazonia Bank" is not Amazon.
 *
 * An issuer matches, in this order:
 * 1. its key equals a title, slug or alias of an icon ("GitHub, Inc." → github; "Twitter" → x);
 * 2. it is a domain, address or link whose domain names an icon ("github.com", see bundled-domain.ts);
 * 3. its first part does, before a bracket or a separator ("Google (work)", "GitLab - alice",
 *    "Proton: alice") — apps put the account or a note there;
 * 4. its leading words do, when every word after them only qualifies an account ("GitHub
 *    Enterprise", "Coinbase Pro", "Microsoft Account", "Binance US"): a brand followed by a
 *    word of another meaning ("Apple Bank", "Box Hill") is a different name and does not match.
 * When the issuer names nothing, the domain in the account name is tried ("alice@proton.me"), with
 * the mail-provider rule of bundled-domain.ts.
 */
import type { BundledIndex } from './bundled-format';
import { domainAndParents, domainIn, isMailProviderDomain, registrableDomain } from './bundled-domain';
import { issuerKey, issuerWords } from './issuer-key';

/**
 * Words that qualify an account rather than name a brand: "<brand> <these…>" is still the brand.
 * Keep it to words no brand in the set is known by on their own after another brand's name.
 */
export const QUALIFIER_WORDS: ReadonlySet<string> = new Set(
  (
    'account accounts login log in signin sign on sso id identity admin administrator administration console ' +
    'portal dashboard panel control cloud enterprise business corporate company work personal private family ' +
    'home pro premium plus team teams org organisation organization user users developer developers dev ' +
    'staging test testing sandbox prod production main backup old new legacy primary secondary alt ' +
    'us usa uk eu de fr nl es it jp au ca in global international intl europe ' +
    '2fa mfa totp otp auth authentication authenticator verification verify security secure code codes ' +
    'mail email web online app apps platform service services connect member members membership ' +
    'customer customers client clients support store shop wallet exchange live net network'
  ).split(' '),
);

/** Separators after which apps put a note or the account: "Google (work)", "GitLab - alice", "Proton: alice". */
const NOTE_SEPARATOR = /\s*(?:\(|\[|\s[-–—|/]\s|:|\s@\s)/u;

export interface IndexedIconNames {
  /** Every name the search knows this icon by, title first, with its key and the keys of its later word runs. */
  readonly names: readonly { readonly key: string; readonly tails: readonly string[]; readonly title: boolean }[];
}

export interface BundledMatcher {
  match(issuer: string, account: string): number | null;
  search(query: string, limit: number): number[];
}

/** Builds the matcher and the search over an index. */
export function createBundledMatcher(index: BundledIndex): BundledMatcher {
  const names = new Map<string, number>(Object.entries(index.names));
  const domains = new Map<string, number>(Object.entries(index.domains));
  const featured = new Set<number>(index.featured);
  let searchable: IndexedIconNames[] | null = null;

  const byKey = (key: string): number | null => (key === '' ? null : (names.get(key) ?? null));

  function byDomain(domain: string): number | null {
    for (const part of domainAndParents(domain)) {
      const hit = domains.get(part);
      if (hit !== undefined) return hit;
    }
    const registrable = registrableDomain(domain);
    return byKey(issuerKey(registrable)) ?? byKey(issuerKey(registrable.split('.')[0] ?? ''));
  }

  function byLeadingWords(issuer: string): number | null {
    const words = issuerWords(issuer);
    for (let n = words.length - 1; n >= 1; n--) {
      if (!words.slice(n).every((word) => QUALIFIER_WORDS.has(word))) break;
      const hit = byKey(issuerKey(words.slice(0, n).join(' ')));
      if (hit !== null) return hit;
    }
    return null;
  }

  function byIssuer(issuer: string): number | null {
    const exact = byKey(issuerKey(issuer));
    if (exact !== null) return exact;
    const domain = domainIn(issuer);
    if (domain !== null) {
      const hit = byDomain(domain);
      if (hit !== null) return hit;
    }
    const head = issuer.split(NOTE_SEPARATOR)[0] ?? '';
    if (head.trim() !== '' && head !== issuer) {
      const hit = byKey(issuerKey(head)) ?? byLeadingWords(head);
      if (hit !== null) return hit;
    }
    return byLeadingWords(issuer);
  }

  function match(issuer: string, account: string): number | null {
    const fromIssuer = byIssuer(issuer);
    if (fromIssuer !== null) return fromIssuer;
    const domain = domainIn(account);
    if (domain === null) return null;
    if (issuer.trim() !== '' && isMailProviderDomain(domain)) return null;
    return byDomain(domain);
  }

  function searchNames(): IndexedIconNames[] {
    searchable ??= index.icons.map(([, title, , , , aliases]) => ({
      names: [title, ...aliases].map((name, i) => {
        const words = issuerWords(name);
        return {
          key: issuerKey(name),
          tails: words.slice(1).map((_, j) => words.slice(j + 1).join('')),
          title: i === 0,
        };
      }),
    }));
    return searchable;
  }

  /**
   * Ranks: 0 a name equals the query, 1 a name starts with it, 2 a later word of a name starts
   * with it ("serv" → Amazon Web Services), 3 a name contains it (three characters or more).
   * A title beats an alias at the same rank; then a featured brand (one Tessera's own tables name,
   * bundled-format.ts), then shorter titles, then alphabetical. The icon the
   * query would get as an issuer (match()) leads, whatever its rank.
   */
  function search(query: string, limit: number): number[] {
    const q = issuerKey(query);
    const max = Math.max(0, Math.floor(limit));
    if (q === '' || max === 0) return [];
    // What an account with this issuer would get comes first ("Samsung Account" → Samsung).
    const matched = byIssuer(query);
    const scored: { pos: number; score: number }[] = [];
    searchNames().forEach((icon, pos) => {
      let best = Infinity;
      for (const name of icon.names) {
        let rank: number;
        if (name.key === q) rank = 0;
        else if (name.key.startsWith(q)) rank = 1;
        else if (name.tails.some((tail) => tail.startsWith(q))) rank = 2;
        else if (q.length >= 3 && name.key.includes(q)) rank = 3;
        else continue;
        best = Math.min(best, rank * 2 + (name.title ? 0 : 1));
      }
      if (best !== Infinity) scored.push({ pos, score: best });
    });
    const title = (pos: number): string => index.icons[pos]?.[1] ?? '';
    const plain = (pos: number): number => (featured.has(pos) ? 0 : 1);
    scored.sort(
      (a, b) =>
        a.score - b.score ||
        plain(a.pos) - plain(b.pos) ||
        title(a.pos).length - title(b.pos).length ||
        title(a.pos).localeCompare(title(b.pos), 'en'),
    );
    const ranked = scored.map((hit) => hit.pos).filter((pos) => pos !== matched);
    return (matched === null ? ranked : [matched, ...ranked]).slice(0, max);
  }

  return { match, search };
}
