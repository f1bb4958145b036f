// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The SNTP client over real UDP sockets against a responder on this machine (127.0.0.1, and ::1
 * where the machine has it), with an injected clock so offsets come out exact. Name lookups are
 * injected too: nothing here asks DNS or sends a packet off the machine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { querySntp, TimeCheckError, type SntpDeps } from '../../../electron/time/sntp-client';
import { nodeRandomBytes, nodeUdpSocket } from '../../../electron/time/udp';
import { hasIpv6Loopback, serverReply, startSntpResponder, type Responder } from '../../helpers/sntp-responder';

const T1 = 1_700_000_000_000;

let responder: Responder | null = null;
afterEach(async () => {
  await responder?.close();
  responder = null;
});

/** Ports for one query: this computer's clock reads T1 when sending and T1 + 40 when the reply arrives. */
function deps(overrides: Partial<SntpDeps> = {}): SntpDeps {
  const times = [T1, T1 + 40];
  return {
    socket: nodeUdpSocket,
    lookup: async (host) => ({ address: host, family: host.includes(':') ? 6 : 4 }),
    now: () => times.shift() ?? T1 + 40,
    randomBytes: nodeRandomBytes,
    timeoutMs: 1_000,
    ...overrides,
  };
}

/** The server's clock is 42 s ahead: T2 = T1 + 42,015, T3 = T2 + 10 (so the round trip is 30 ms). */
const ahead42 = (request: Uint8Array): Uint8Array =>
  serverReply(request, { receiveMs: T1 + 42_015, transmitMs: T1 + 42_025 });

async function failure(promise: Promise<unknown>): Promise<TimeCheckError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TimeCheckError)) throw new Error(`expected a TimeCheckError, got ${String(error)}`);
  return error;
}

describe('SNTP client', () => {
  it('measures the offset and round trip from a good reply', async () => {
    responder = await startSntpResponder();
    responder.answer = ahead42;
    const measured = await querySntp(responder.server, deps());
    expect(measured).toEqual({ server: responder.server, offsetMs: 42_000, roundTripMs: 30, at: T1 + 40 });
    // One request, version 4 client mode, carrying a random nonce instead of our time.
    expect(responder.requests).toHaveLength(1);
    expect(responder.requests[0]?.[0]).toBe(0x23);
    expect(responder.requests[0]?.subarray(0, 40).some((b, i) => i > 0 && b !== 0)).toBe(false);
  });

  it('measures a clock that is ahead as a negative offset', async () => {
    responder = await startSntpResponder();
    responder.answer = (request) => serverReply(request, { receiveMs: T1 - 59_980, transmitMs: T1 - 59_980 });
    expect(await querySntp(responder.server, deps())).toMatchObject({ offsetMs: -60_000, roundTripMs: 40 });
  });

  it('refuses a reply that is not from a server (wrong mode)', async () => {
    responder = await startSntpResponder();
    responder.answer = (request) => serverReply(request, { receiveMs: T1, transmitMs: T1, mode: 3 });
    const error = await failure(querySntp(responder.server, deps()));
    expect(error.problem).toBe('bad-reply');
    expect(error.message).toBe(`The time server ${responder.server} sent an answer Tessera cannot use.`);
  });

  it('refuses a kiss-o’-death (stratum 0) and names its code', async () => {
    responder = await startSntpResponder();
    responder.answer = (request) =>
      serverReply(request, { receiveMs: T1, transmitMs: T1, stratum: 0, referenceId: 'RATE' });
    const error = await failure(querySntp(responder.server, deps()));
    expect(error.problem).toBe('declined');
    expect(error.message).toMatch(/declined to answer \(RATE\)\. Try again later, or name another server/);
  });

  it('refuses an unsynchronised server (leap indicator 3)', async () => {
    responder = await startSntpResponder();
    responder.answer = (request) => serverReply(request, { receiveMs: T1, transmitMs: T1, leap: 3 });
    expect((await failure(querySntp(responder.server, deps()))).problem).toBe('unsynchronised');
  });

  it('ignores a reply that does not echo our request, and says so when none does', async () => {
    responder = await startSntpResponder();
    responder.answer = (request) =>
      serverReply(request, { receiveMs: T1, transmitMs: T1, originate: new Uint8Array(8).fill(7) });
    const error = await failure(querySntp(responder.server, deps({ timeoutMs: 200 })));
    expect(error.problem).toBe('bad-reply');
  });

  it('takes the reply to our request after a stray one', async () => {
    responder = await startSntpResponder();
    const server = responder;
    // A forged answer first (not our nonce), then the real one.
    server.answer = (request) => [
      serverReply(request, { receiveMs: T1 + 1e9, transmitMs: T1 + 1e9, originate: new Uint8Array(8) }),
      ahead42(request),
    ];
    expect(await querySntp(server.server, deps())).toMatchObject({ offsetMs: 42_000 });
  });

  it('gives up after the timeout when the server stays silent', async () => {
    responder = await startSntpResponder();
    responder.answer = () => null;
    const started = performance.now();
    const error = await failure(querySntp(responder.server, deps({ timeoutMs: 150 })));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.problem).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 1 second\. /);
    expect(error.message).toMatch(/offline, or a firewall may block time queries \(UDP port 123\)/);
    expect(responder.requests).toHaveLength(1);
  });

  it('says when the server cannot be found, without sending anything', async () => {
    let sockets = 0;
    const error = await failure(
      querySntp(
        'time.invalid',
        deps({
          lookup: () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })),
          socket: (family) => {
            sockets++;
            return nodeUdpSocket(family);
          },
        }),
      ),
    );
    expect(error.problem).toBe('not-found');
    expect(error.message).toBe(
      'Tessera could not find the time server time.invalid. Check its name in Settings, and that this computer is online.',
    );
    expect(sockets).toBe(0);
  });

  it('refuses a malformed server before looking anything up', async () => {
    const error = await failure(querySntp('[::1', deps({ lookup: () => Promise.reject(new Error('asked')) })));
    expect(error.problem).toBe('bad-address');
  });

  it('reads an IPv6 literal in brackets with its port, and queries it over IPv6', async () => {
    const looked: string[] = [];
    const families: number[] = [];
    const ipv6 = await hasIpv6Loopback();
    if (ipv6) {
      responder = await startSntpResponder({ family: 6 });
      responder.answer = ahead42;
    }
    const port = responder?.port ?? 9;
    const query = querySntp(
      `[::1]:${port}`,
      deps({
        lookup: async (host) => {
          looked.push(host);
          return { address: host, family: 6 };
        },
        socket: (family) => {
          families.push(family);
          return nodeUdpSocket(family);
        },
        timeoutMs: 200,
      }),
    );
    if (ipv6) expect(await query).toMatchObject({ server: `[::1]:${port}`, offsetMs: 42_000 });
    else await query.catch(() => undefined); // no IPv6 here: the parsing is what this checks
    expect(looked).toEqual(['::1']);
    expect(families).toEqual([6]);
  });
});
