// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The forgiving normal form of an issuer or brand name, so that "GitHub", "github", " Git Hub ",
 * "GitHub, Inc." and "github.com" all meet the bundled icon "github". Both sides use it: the build
 * keys every icon's names with it (scripts/icons/), and the matchers (bundled set, icon packs) key
 * what an account says with it. It only folds away what never tells two brands apart — case,
 * spaces, punctuation, diacritics, a company suffix, a trailing ".com"-like ending — and never
 * guesses; anything cleverer (leading words, domains) is the matcher's, with its own rules.
 */

/** Letters that Unicode does not decompose into a base letter and a mark. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
});

/**
 * Company-form words dropped from the end of a name ("Acme Inc.", "Dropbox, Inc", "Siemens AG"),
 * only when something is left before them.
 */
const COMPANY_SUFFIXES: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'plc',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'ab',
  'oy',
  'pty',
  'pvt',
  'kk',
]);

/** Endings stripped from a one-word name that looks like a domain ("GitHub.com", "Proton.me", "Itch.io"). */
const STRIPPED_TLDS = /\.(?:com|net|org|io|co|me|app|dev|ai|gg|tv|us|eu|co\.uk|com\.au)$/;

/** Lower-cases, folds diacritics and the letters Unicode leaves whole. */
export function foldText(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter);
}

/** Drops trailing company forms ("Inc.", "GmbH") from a list of folded words, keeping at least one. */
function withoutCompanySuffix(words: string[]): string[] {
  while (words.length > 1 && COMPANY_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words;
}

/**
 * The words of a name, folded, as the matchers see them: runs of letters and digits, without a
 * trailing company form. A dot or an apostrophe inside a word does not split it ("Booking.com",
 * "McDonald's" are one word each); everything else does.
 */
export function issuerWords(name: string): string[] {
  const folded = foldText(name).replace(/(?<=[\p{L}\p{N}])['’.](?=[\p{L}\p{N}])/gu, '');
  return withoutCompanySuffix(folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0));
}

/**
 * The forgiving key of an issuer or brand name: folded to lower case without diacritics, without a
 * trailing company form ("Inc.", "GmbH") or ".com"-like ending, with only letters and digits left.
 * "" when nothing is left (an empty or all-punctuation name).
 */
export function issuerKey(name: string): string {
  let folded = foldText(name).trim();
  if (!/\s/.test(folded)) {
    folded = folded.replace(/^https?:\/\/([^/?#]*).*$/, '$1').replace(/^www\./, '');
  }
  folded = folded.replace(STRIPPED_TLDS, '');
  return withoutCompanySuffix(folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)).join('');
}
