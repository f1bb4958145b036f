// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time check as a port: "how far off is this computer's clock, by this server?". The desktop
 * services and `tessera clock` take one; only the composition root and that command build the real
 * one (SNTP over UDP). Everything else (unit tests, the Chromium tier, benchmarks) gets none or a
 * fake, so no test sends a packet off the machine.
 */
import type { ClockMeasurement } from '../domain';
import { querySntp, type SntpDeps } from './sntp-client';
import { nodeLookup, nodeRandomBytes, nodeUdpSocket } from './udp';

/** Beyond this many milliseconds either way, a clock is off enough for codes to be refused: say so. */
export const CLOCK_WARNING_MS = 15_000;

export interface TimeCheck {
  /**
   * Measures this computer's clock against `server` (`host[:port]`).
   * @throws TimeCheckError (sntp-client.ts) with a sentence for the user.
   */
  measure(server: string): Promise<ClockMeasurement>;
}

/**
 * Set to `off` (the test configurations do, and `npm test` passes it on), the built app never builds
 * the real check: the Electron tier and the main bundle under the Electron double send nothing.
 */
export const TIME_CHECK_ENV = 'TESSERA_TIME_CHECK';

/** Whether this environment forbids the real check. */
export function timeCheckForbidden(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[TIME_CHECK_ENV] === 'off';
}

/** The real check: SNTP over UDP with the system's resolver; `overrides` for `tessera clock`'s tests. */
export function createSntpTimeCheck(overrides: Partial<SntpDeps> = {}): TimeCheck {
  const deps: SntpDeps = {
    socket: nodeUdpSocket,
    lookup: nodeLookup,
    now: () => Date.now(),
    randomBytes: nodeRandomBytes,
    ...overrides,
  };
  return { measure: (server) => querySntp(server, deps) };
}
