// SPDX-License-Identifier: GPL-3.0-or-later
/** The SNTP wire format and arithmetic with exact bytes: request, reply checks, timestamps, offset. */
import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  clockOffset,
  ntpToUnixMs,
  parseReply,
  unixMsToNtp,
  NTP_UNIX_EPOCH_DELTA_S,
} from '../../../electron/time/ntp-packet';
import { serverReply } from '../../helpers/sntp-responder';

const NONCE = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
const T = 1_700_000_000_000;

describe('clock offset and round trip (RFC 4330 §5)', () => {
  // [what, T1, T2, T3, T4, offset, round trip]
  it.each([
    ['clocks agree, 20 ms each way, 10 ms at the server', T, T + 20, T + 30, T + 50, 0, 40],
    ['this computer 42 s behind', T, T + 42_020, T + 42_030, T + 50, 42_000, 40],
    ['this computer 42 s ahead', T, T - 41_980, T - 41_970, T + 50, -42_000, 40],
    ['asymmetric paths show as half the difference', T, T + 40, T + 40, T + 50, 15, 50],
    ['an hour behind, instant network', T, T + 3_600_000, T + 3_600_000, T, 3_600_000, 0],
    ['a day ahead', T, T - 86_399_995, T - 86_399_995, T + 10, -86_400_000, 10],
  ])('%s', (_what, t1, t2, t3, t4, offsetMs, roundTripMs) => {
    expect(clockOffset({ sentMs: t1, serverReceiveMs: t2, serverTransmitMs: t3, receivedMs: t4 })).toEqual({
      offsetMs,
      roundTripMs,
    });
  });

  it('rounds to whole milliseconds without a negative zero', () => {
    const r = clockOffset({ sentMs: 0, serverReceiveMs: 0.2, serverTransmitMs: 0.2, receivedMs: 1 });
    expect(Object.is(r.offsetMs, 0)).toBe(true);
  });
});

describe('NTP timestamps', () => {
  it.each([
    ['the Unix epoch', 0],
    ['2023-11-14', T],
    ['a fraction of a second', T + 123],
    ['after the 2036 era rollover', Date.UTC(2040, 0, 1, 12)],
    ['before it', Date.UTC(2036, 1, 7, 6, 28, 0)],
  ])('round-trips %s', (_what, ms) => {
    const { seconds, fraction } = unixMsToNtp(ms);
    expect(Math.round(ntpToUnixMs(seconds, fraction))).toBe(ms);
  });

  it('reads 1900-based seconds, era 1 when the top bit is clear (RFC 4330 §3)', () => {
    expect(ntpToUnixMs(NTP_UNIX_EPOCH_DELTA_S, 0)).toBe(0);
    expect(ntpToUnixMs(0, 0)).toBe((2 ** 32 - NTP_UNIX_EPOCH_DELTA_S) * 1000); // 2036-02-07T06:28:16Z
    expect(new Date(ntpToUnixMs(0, 0)).toISOString()).toBe('2036-02-07T06:28:16.000Z');
    expect(ntpToUnixMs(NTP_UNIX_EPOCH_DELTA_S, 2 ** 31)).toBe(500);
  });
});

describe('the request', () => {
  it('is 48 bytes: version 4, mode 3, our nonce as the transmit time, nothing else', () => {
    const packet = buildRequest(NONCE);
    expect(packet).toHaveLength(48);
    expect(packet[0]).toBe(0b00_100_011);
    expect([...packet.subarray(40)]).toEqual([...NONCE]);
    expect(packet.subarray(1, 40).every((b) => b === 0)).toBe(true);
  });

  it('refuses a nonce of another size', () => {
    expect(() => buildRequest(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('the reply', () => {
  const request = buildRequest(NONCE);
  const good = { receiveMs: T + 42_000, transmitMs: T + 42_001 };

  it('gives the server times of a good reply', () => {
    const reply = parseReply(serverReply(request, good), NONCE);
    expect(reply).toMatchObject({ ok: true, stratum: 2 });
    if (!reply.ok) throw new Error('expected a good reply');
    expect(Math.round(reply.receiveMs)).toBe(T + 42_000);
    expect(Math.round(reply.transmitMs)).toBe(T + 42_001);
  });

  it.each([
    ['a reply to another request', { originate: new Uint8Array(8).fill(9) }, 'not-our-request'],
    ['not a server reply (mode 3)', { mode: 3 }, 'not-a-server-reply'],
    ['a broadcast (mode 5)', { mode: 5 }, 'not-a-server-reply'],
    ['kiss-o’-death (stratum 0)', { stratum: 0, referenceId: 'RATE' }, 'kiss-of-death'],
    ['an unsynchronised server (leap indicator 3)', { leap: 3 }, 'unsynchronised'],
    ['stratum 16', { stratum: 16 }, 'unsynchronised'],
    ['a zero transmit time', { transmitMs: -NTP_UNIX_EPOCH_DELTA_S * 1000 }, 'no-time'],
  ])('refuses %s', (_what, fields, problem) => {
    expect(parseReply(serverReply(request, { ...good, ...fields }), NONCE)).toMatchObject({ ok: false, problem });
  });

  it('names the kiss code', () => {
    expect(parseReply(serverReply(request, { ...good, stratum: 0, referenceId: 'DENY' }), NONCE)).toEqual({
      ok: false,
      problem: 'kiss-of-death',
      kissCode: 'DENY',
    });
  });

  it('refuses a short packet', () => {
    expect(parseReply(serverReply(request, good).subarray(0, 47), NONCE)).toEqual({ ok: false, problem: 'short' });
  });

  it('accepts stratum 1 and 15 and a version 3 reply', () => {
    for (const fields of [{ stratum: 1 }, { stratum: 15 }, { version: 3 }]) {
      expect(parseReply(serverReply(request, { ...good, ...fields }), NONCE).ok).toBe(true);
    }
  });
});
