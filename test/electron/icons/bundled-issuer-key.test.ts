// SPDX-License-Identifier: GPL-3.0-or-later
/** issuerKey and issuerWords: what they fold away (case, spaces, punctuation, diacritics, company forms, ".com") and what they keep. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, issuerKey, issuerWords } from '../../../electron/icons/issuer-key';

describe('issuerKey', () => {
  it.each([
    ['GitHub', 'github'],
    ['  Git Hub  ', 'github'],
    ['GITHUB', 'github'],
    ['GitHub, Inc.', 'github'],
    ['github.com', 'github'],
    ['https://www.github.com/login', 'github'],
    ['www.GitHub.com', 'github'],
    ['Proton.me', 'proton'],
    ['Itch.io', 'itch'],
    ['Hetzner Online GmbH', 'hetzneronline'],
    ['Microsoft Corporation', 'microsoft'],
    ['ACME Co', 'acme'],
    ['Société Générale', 'societegenerale'],
    ['Straße', 'strasse'],
    ['Øresund Łódź', 'oresundlodz'],
    ['1Password', '1password'],
    ['Mail.Ru', 'mailru'],
    ['AT&T', 'att'],
    ['Ｇｏｏｇｌｅ', 'google'],
    ['哔哩哔哩', '哔哩哔哩'],
  ])('"%s" → "%s"', (name, key) => {
    expect(issuerKey(name)).toBe(key);
  });

  it('keeps a company form that is the whole name, and gives "" for nothing', () => {
    expect(issuerKey('Inc')).toBe('inc');
    expect(issuerKey('Co.')).toBe('co');
    expect(issuerKey('')).toBe('');
    expect(issuerKey(' -- !! ')).toBe('');
  });

  it('does not strip a ".com" inside a name with spaces, nor a domain ending it does not list', () => {
    expect(issuerKey('Booking.com Partner Hub')).toBe('bookingcompartnerhub');
    expect(issuerKey('yandex.ru')).toBe('yandexru');
  });

  it('is idempotent, ignores case and surrounding space, and yields only lower-case letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const key = issuerKey(name);
        expect(issuerKey(key)).toBe(key);
        expect(issuerKey(`  ${name.toUpperCase()}\t`)).toBe(issuerKey(name.toUpperCase()));
        expect(key).toMatch(/^[\p{Ll}\p{Lo}\p{Lm}\p{N}]*$/u);
      }),
    );
  });
});

describe('issuerWords', () => {
  it('splits on spaces and punctuation but keeps dotted and apostrophe words whole', () => {
    expect(issuerWords('Amazon Web Services')).toEqual(['amazon', 'web', 'services']);
    expect(issuerWords('Booking.com (work)')).toEqual(['bookingcom', 'work']);
    expect(issuerWords("McDonald's")).toEqual(['mcdonalds']);
    expect(issuerWords('Hetzner Online GmbH')).toEqual(['hetzner', 'online']);
    expect(issuerWords('')).toEqual([]);
  });

  it('folds diacritics', () => {
    expect(foldText('Crème Brûlée')).toBe('creme brulee');
  });
});
