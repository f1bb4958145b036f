// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The most common 2FA issuers, spelled as apps export them (test/fixtures/icons/top-issuers.json:
 * the issuers of the corpus's foreign exports and the best-known sites of public 2FA directories),
 * each with the icon a user would call right — or null where no bundled icon is right (a brand
 * with no icon in any set, a made-up company, a mail address that names no service). The
 * expectations are the user's, never the matcher's: a miss is printed, and at most 10 % may miss.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedIcons, REPO_ROOT } from '../../fixtures/icons/generated-icons';

interface TopIssuer {
  issuer: string;
  account?: string;
  expect: string | null;
}

const TOP: TopIssuer[] = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'icons', 'top-issuers.json'), 'utf8'),
) as TopIssuer[];

describe('the most common 2FA issuers', () => {
  const icons = generatedIcons();

  it('lists at least 100 issuers, each once', () => {
    expect(TOP.length).toBeGreaterThanOrEqual(100);
    const keys = TOP.map((t) => `${t.issuer}\u0000${t.account ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('expects only icons that are bundled', () => {
    const unknown = TOP.filter((t) => t.expect !== null && !icons.has(t.expect)).map((t) => t.expect);
    expect(unknown).toEqual([]);
  });

  it('gives at least 90 % of them the right icon, and prints the misses', () => {
    const misses = TOP.map((t) => ({ ...t, got: icons.match(t.issuer, t.account ?? '') })).filter(
      (t) => t.got !== t.expect,
    );
    const rate = 1 - misses.length / TOP.length;
    const withoutIcon = TOP.filter((t) => t.expect === null).length;
    console.log(
      `[top-issuers] ${TOP.length - misses.length}/${TOP.length} right (${(rate * 100).toFixed(1)} %); ` +
        `${withoutIcon} expect the letter tile`,
    );
    for (const miss of misses) {
      console.log(
        `[top-issuers] miss: "${miss.issuer}" / "${miss.account ?? ''}" → ${miss.got} (expected ${miss.expect})`,
      );
    }
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['Twitter', 'x'],
    ['X', 'x'],
    ['Google Workspace', 'google'],
    ['G Suite', 'google'],
    ['Gmail', 'google'],
    ['Microsoft 365', 'microsoft'],
    ['Office 365', 'microsoft'],
    ['Outlook', 'microsoft'],
    ['Azure', 'microsoft'],
    ['AWS', 'aws'],
    ['Amazon Web Services', 'aws'],
    ['Facebook', 'facebook'],
    ['Meta', 'meta'],
    ['Proton', 'proton'],
    ['Proton Mail', 'protonmail'],
    ['Blizzard', 'battledotnet'],
    ['Battle.net', 'battledotnet'],
    ['github.com', 'github'],
    ['PSN', 'playstation'],
    ['Electronic Arts', 'ea'],
    ['Tutanota', 'tuta'],
  ])('knows "%s" as %s', (issuer, id) => {
    expect(icons.match(issuer, '')).toBe(id);
  });
});
