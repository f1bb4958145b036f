// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { issuerColor, issuerLetter, TILE_COLORS } from '../../../renderer/shared/issuer-color';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('issuer tiles', () => {
  it('every tile colour keeps white text at 4.5:1 or better', () => {
    for (const color of TILE_COLORS) expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it('is stable per issuer, ignores case and spaces, and spreads issuers over the palette', () => {
    expect(issuerColor('GitHub')).toBe(issuerColor(' github '));
    const used = new Set(
      ['GitHub', 'Google', 'Microsoft', 'Dropbox', 'Amazon', 'Proton', 'Steam', 'Bank'].map(issuerColor),
    );
    expect(used.size).toBeGreaterThanOrEqual(5);
  });

  it('takes the first letter or digit, falling back to the account', () => {
    expect(issuerLetter('github', 'x')).toBe('G');
    expect(issuerLetter('  (1Password)', 'x')).toBe('1');
    expect(issuerLetter('', 'émile@example.com')).toBe('É');
    expect(issuerLetter('', '')).toBe('?');
  });
});
