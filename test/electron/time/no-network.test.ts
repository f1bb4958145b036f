// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * No test or benchmark sends a packet off the machine: the services check the clock only through a
 * time check they are given; the Chromium tier's harness, the benchmarks and the service tests give
 * none (or a fake), and the tests of the built app forbid the real one (TESSERA_TIME_CHECK=off).
 * Every socket and name lookup is watched here, and refused if one is attempted.
 */
import dgram from 'node:dgram';
import dns from 'node:dns/promises';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TIME_CHECK_ENV, timeCheckForbidden } from '../../../electron/time/time-check';
import { attachBridge } from '../../e2e/harness';

const ROOT = path.resolve(__dirname, '../../..');
const PASSWORD = 'correct horse battery';

let sockets: ReturnType<typeof vi.spyOn>;
let lookups: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  sockets = vi.spyOn(dgram, 'createSocket').mockImplementation(() => {
    throw new Error('a test tried to open a UDP socket');
  });
  lookups = vi.spyOn(dns, 'lookup').mockImplementation(() => {
    throw new Error('a test tried to look up a host name');
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Just enough of a Playwright page for the harness to build its bridge. */
function pageDouble(): Page {
  const none = async (): Promise<void> => undefined;
  return { exposeBinding: none, addInitScript: none, route: none, evaluate: none } as unknown as Page;
}

describe('the clock check is forced off in tests', () => {
  it('the Chromium tier’s harness gives its services no real time check', async () => {
    const bridge = await attachBridge(pageDouble(), { origin: 'http://127.0.0.1:1' });
    try {
      await bridge.services.vault.create(PASSWORD);
      await bridge.services.lock('manual');
      await bridge.services.vault.unlock(PASSWORD);
      bridge.services.resumed();
      await expect(bridge.services.clock.checkNow()).rejects.toThrow('Checking the clock is not available here.');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(bridge.services.clock.status()).toMatchObject({ measured: null, problem: null, checking: false });
    } finally {
      await bridge.dispose();
    }
    expect(sockets).not.toHaveBeenCalled();
    expect(lookups).not.toHaveBeenCalled();
  });

  it('the node test runs forbid the real check in the built app', () => {
    expect(process.env[TIME_CHECK_ENV]).toBe('off');
    expect(timeCheckForbidden(process.env)).toBe(true);
    expect(timeCheckForbidden({})).toBe(false);
    expect(timeCheckForbidden({ [TIME_CHECK_ENV]: 'on' })).toBe(false);
  });

  it('only the app’s composition root, `tessera clock` and the loopback test helper build the real check', () => {
    const allowed = new Set([
      'electron/main/index.ts',
      'electron/cli/commands/run/clock.ts',
      'electron/time/time-check.ts',
      'electron/time/udp.ts',
      'test/helpers/sntp-responder.ts',
    ]);
    const real = /\b(createSntpTimeCheck|nodeUdpSocket|nodeLookup)\b/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(path.join(ROOT, dir))) {
        const rel = path.posix.join(dir, name);
        if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
        else if (/\.(ts|tsx|mjs|js)$/.test(name) && !allowed.has(rel) && !rel.startsWith('test/electron/time/')) {
          if (real.test(readFileSync(path.join(ROOT, rel), 'utf8'))) offenders.push(rel);
        }
      }
    };
    for (const dir of ['electron', 'renderer', 'scripts', 'test']) walk(dir);
    expect(offenders).toEqual([]);
  });
});
