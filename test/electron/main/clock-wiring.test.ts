// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock check as the built app wires it (out/main/index.js under the Electron double): in test
 * runs it is forbidden (no socket, no lookup); allowed, it asks the server of the settings — here a
 * responder on 127.0.0.1 — after an unlock and after powerMonitor's 'resume', tells the window, and
 * computes codes with the offset once the window accepts it.
 */
import dgram from 'node:dgram';
import dns from 'node:dns/promises';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClockStatus, CodeSnapshot } from '../../../electron/domain';
import { TIME_CHECK_ENV } from '../../../electron/time/time-check';
import { serverReply, startSntpResponder, type Responder } from '../../helpers/sntp-responder';
import { loadMainBundle, type LoadedMain, type LoadOptions } from './load-main-bundle';

const PASSWORD = 'correct horse battery staple';
const SECRET_B32 = 'JBSWY3DPEHPK3PXP';
const TOTP_URI = `otpauth://totp/Example:alice?secret=${SECRET_B32}&issuer=Example`;

let loaded: LoadedMain[] = [];
let responder: Responder | null = null;
afterEach(async () => {
  for (const main of loaded) await main.dispose();
  loaded = [];
  await responder?.close();
  responder = null;
  vi.restoreAllMocks();
});

/** Starts the built app; `allowCheck` lifts the test runs' TESSERA_TIME_CHECK=off for its start-up. */
async function started(options: LoadOptions & { allowCheck?: boolean } = {}) {
  const saved = process.env[TIME_CHECK_ENV];
  if (options.allowCheck) delete process.env[TIME_CHECK_ENV];
  try {
    const main = loadMainBundle(options);
    loaded.push(main);
    await main.ready();
    return { main, win: main.window(), e: main.electron };
  } finally {
    if (saved !== undefined) process.env[TIME_CHECK_ENV] = saved;
  }
}

/** Name lookups answer for the loopback only; anything else fails the test (and sends nothing). */
function loopbackOnlyLookups(): ReturnType<typeof vi.spyOn> {
  return vi.spyOn(dns, 'lookup').mockImplementation((async (host: string) => {
    if (host !== '127.0.0.1') throw new Error(`the app looked up ${host}`);
    return { address: host, family: 4 };
  }) as unknown as typeof dns.lookup);
}

const totpAt = (ms: number): string =>
  new TOTP({ secret: Secret.fromBase32(SECRET_B32), digits: 6, period: 30 }).generate({ timestamp: ms });

describe('the clock check in the built app', () => {
  it('is forbidden in test runs: no socket and no lookup after an unlock and a resume', async () => {
    // Refused if attempted: a regression must fail here, not send a packet.
    const sockets = vi.spyOn(dgram, 'createSocket').mockImplementation(() => {
      throw new Error('the app opened a UDP socket');
    });
    const lookups = vi.spyOn(dns, 'lookup').mockImplementation(() => {
      throw new Error('the app looked up a host name');
    });
    const { main, e } = await started();
    expect(await main.invoke('vault:create', { password: PASSWORD })).toMatchObject({ ok: true });
    e.emitPowerEvent('resume');
    await main.settle(20);
    expect(await main.invoke('clock:status', null)).toMatchObject({ ok: true, value: { measured: null } });
    expect(sockets).not.toHaveBeenCalled();
    expect(lookups).not.toHaveBeenCalled();
  });

  it('asks the settings’ server after an unlock and a resume, and codes follow the accepted offset', async () => {
    loopbackOnlyLookups();
    responder = await startSntpResponder();
    responder.answer = (request) =>
      serverReply(request, { receiveMs: Date.now() + 42_000, transmitMs: Date.now() + 42_000 });
    const { main, win, e } = await started({ allowCheck: true, settings: { clockServer: responder.server } });
    const clockEvents = (): ClockStatus[] =>
      win.webContents.sent.filter((s) => s.channel === 'clock:changed').map((s) => s.payload as ClockStatus);

    expect(await main.invoke('vault:create', { password: PASSWORD })).toMatchObject({ ok: true });
    await main.until(() => clockEvents().some((s) => s.measured !== null), 'the window heard of the measurement');
    const measured = clockEvents().at(-1);
    expect(measured).toMatchObject({ warning: true, correction: null, measured: { server: responder.server } });
    expect(Math.abs((measured?.measured?.offsetMs ?? 0) - 42_000)).toBeLessThan(1_000);
    expect(responder.requests).toHaveLength(1);

    expect(await main.invoke('entries:add-uri', { uri: TOTP_URI })).toMatchObject({ ok: true });
    expect(await main.invoke('clock:use-corrected', null)).toMatchObject({ ok: true, value: { warning: false } });
    const before = Date.now();
    const codes = (await main.invoke('codes:current', null)) as { ok: true; value: CodeSnapshot[] };
    const offset = measured?.measured?.offsetMs ?? 0;
    expect([totpAt(before + offset), totpAt(Date.now() + offset)]).toContain(codes.value[0]?.code);

    e.emitPowerEvent('resume');
    await main.until(() => responder?.requests.length === 2, 'a second query after the resume');
  });
});
