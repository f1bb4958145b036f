// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../electron/main/csp';

describe('buildCsp', () => {
  it('production policy allows nothing unsafe, remote or wildcard', () => {
    const csp = buildCsp();
    expect(csp).not.toMatch(/unsafe-/);
    expect(csp).not.toMatch(/localhost/);
    expect(csp).not.toMatch(/\*/);
    expect(csp).not.toMatch(/https?:|wss?:/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('the dev policy only adds the dev server', () => {
    const csp = buildCsp({ devServerOrigin: 'http://localhost:5173' });
    expect(csp).toContain('connect-src http://localhost:5173 ws://localhost:5173');
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("default-src 'none'");
  });
});
