// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A time server on this machine for the clock-check tests: a UDP socket on 127.0.0.1 (or ::1) that
 * answers each SNTP request as the test scripts it, and a time check that refuses to ask anyone
 * else, so no test sends a packet off the machine.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { unixMsToNtp } from '../../electron/time/ntp-packet';
import type { SntpDeps } from '../../electron/time/sntp-client';
import { createSntpTimeCheck, type TimeCheck } from '../../electron/time/time-check';

export interface ReplyFields {
  /** Server receive (T2) and transmit (T3) times, Unix ms. */
  readonly receiveMs: number;
  readonly transmitMs: number;
  readonly stratum?: number;
  readonly leap?: number;
  readonly mode?: number;
  readonly version?: number;
  /** Default: the request's transmit field, as a server echoes it. */
  readonly originate?: Uint8Array;
  /** Reference id; for stratum 0 the kiss code ("RATE"). */
  readonly referenceId?: string;
}

/** A 48-byte server reply to `request`. */
export function serverReply(request: Uint8Array, fields: ReplyFields): Uint8Array {
  const packet = new Uint8Array(48);
  const view = new DataView(packet.buffer);
  packet[0] = ((fields.leap ?? 0) << 6) | ((fields.version ?? 4) << 3) | (fields.mode ?? 4);
  packet[1] = fields.stratum ?? 2;
  packet.set(new TextEncoder().encode((fields.referenceId ?? 'GPS').slice(0, 4)), 12);
  packet.set(fields.originate ?? request.subarray(40, 48), 24);
  const put = (at: number, ms: number): void => {
    const { seconds, fraction } = unixMsToNtp(ms);
    view.setUint32(at, seconds);
    view.setUint32(at + 4, fraction);
  };
  put(16, fields.receiveMs - 1000);
  put(32, fields.receiveMs);
  put(40, fields.transmitMs);
  return packet;
}

export interface Responder {
  readonly host: string;
  readonly port: number;
  /** "127.0.0.1:PORT" or "[::1]:PORT", as a user would name it. */
  readonly server: string;
  /** Every request received, in order. */
  readonly requests: Uint8Array[];
  /** The answer(s) to the next requests, sent in order; null keeps silent. */
  answer: (request: Uint8Array) => Uint8Array | readonly Uint8Array[] | null;
  close(): Promise<void>;
}

/** Starts a responder; by default it answers that the server's clock is `offsetMs` ahead of Date.now(). */
export async function startSntpResponder(options: { family?: 4 | 6; offsetMs?: number } = {}): Promise<Responder> {
  const family = options.family ?? 4;
  const host = family === 6 ? '::1' : '127.0.0.1';
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  const requests: Uint8Array[] = [];
  const offset = options.offsetMs ?? 0;
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  const { port } = socket.address() as AddressInfo;
  const responder: Responder = {
    host,
    port,
    server: family === 6 ? `[${host}]:${port}` : `${host}:${port}`,
    requests,
    answer: (request) => serverReply(request, { receiveMs: Date.now() + offset, transmitMs: Date.now() + offset }),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (bytes, from) => {
    const request = new Uint8Array(bytes);
    requests.push(request);
    const reply = responder.answer(request);
    for (const packet of reply === null ? [] : reply instanceof Uint8Array ? [reply] : reply) {
      socket.send(packet, from.port, from.address);
    }
  });
  return responder;
}

/** Whether this machine has an IPv6 loopback to bind (some containers do not). */
export async function hasIpv6Loopback(): Promise<boolean> {
  const socket = dgram.createSocket('udp6');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '::1', () => resolve());
    });
    return true;
  } catch {
    return false;
  } finally {
    try {
      socket.close();
    } catch {
      // never bound
    }
  }
}

/**
 * The real SNTP check (UDP sockets and all), but its name lookup answers only for this machine's
 * loopback addresses: asked about any other server, it fails before a packet is sent.
 */
export function loopbackTimeCheck(overrides: Partial<SntpDeps> = {}): TimeCheck {
  return createSntpTimeCheck({
    lookup: async (host) => {
      if (host === '127.0.0.1') return { address: host, family: 4 };
      if (host === '::1') return { address: host, family: 6 };
      throw Object.assign(new Error(`tests query only a responder on this machine, not ${host}`), {
        code: 'ENOTFOUND',
      });
    },
    ...overrides,
  });
}
