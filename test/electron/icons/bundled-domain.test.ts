// SPDX-License-Identifier: GPL-3.0-or-later
/** Domains in issuers and account names, their registrable part, and the mail-provider list. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  domainAndParents,
  domainIn,
  isMailProviderDomain,
  registrableDomain,
} from '../../../electron/icons/bundled-domain';

describe('domainIn', () => {
  it.each([
    ['alice@proton.me', 'proton.me'],
    ['Alice@Example.CO.UK', 'example.co.uk'],
    ['github.com', 'github.com'],
    ['www.github.com', 'github.com'],
    ['https://login.microsoftonline.com/common', 'login.microsoftonline.com'],
    ['http://user@gitlab.example.org:8443/x', 'gitlab.example.org'],
    ['a"b@c"@mail.example.com', 'mail.example.com'],
  ])('"%s" → %s', (text, domain) => {
    expect(domainIn(text)).toBe(domain);
  });

  it.each(['', 'alice', 'Alice Smith', 'alice@localhost', 'alice@', '1.2.3.4', 'foo.c', 'GitHub Inc.', 'a@b@'])(
    'finds no domain in "%s"',
    (text) => {
      expect(domainIn(text)).toBeNull();
    },
  );

  it('never throws and only answers lower-case dotted names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const domain = domainIn(text);
        if (domain !== null) expect(domain).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
      }),
    );
  });
});

describe('registrable domains', () => {
  it('keeps two labels, or three under a second-level public suffix', () => {
    expect(registrableDomain('accounts.google.com')).toBe('google.com');
    expect(registrableDomain('google.com')).toBe('google.com');
    expect(registrableDomain('www.amazon.co.uk')).toBe('amazon.co.uk');
    expect(domainAndParents('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
    expect(domainAndParents('example.com')).toEqual(['example.com']);
  });

  it('knows public mail providers, with their subdomains', () => {
    for (const domain of ['gmail.com', 'proton.me', 'pm.me', 'outlook.com', 'yahoo.co.uk', 'mx.gmx.net']) {
      expect(isMailProviderDomain(domain), domain).toBe(true);
    }
    for (const domain of ['github.com', 'example.com', 'google.com', 'microsoft.com']) {
      expect(isMailProviderDomain(domain), domain).toBe(false);
    }
  });
});
