// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Node adapters of the SNTP client's ports: a `dgram` socket and `dns.lookup`. The only code in
 * Tessera that sends a packet to another computer; it runs only when the composition root
 * (electron/main/index.ts) or `tessera clock` asks for a real time check.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
// Module objects, read at each call: the no-network tests watch `dgram.createSocket` and `dns.lookup`.
import dns from 'node:dns/promises';
import type { HostLookup, UdpSocketFactory } from './sntp-client';

export const nodeUdpSocket: UdpSocketFactory = (family) => {
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  return {
    send: (bytes, port, address, done) => socket.send(bytes, port, address, (error) => done(error ?? null)),
    onMessage: (listener) => void socket.on('message', (bytes, from) => listener(new Uint8Array(bytes), from)),
    onError: (listener) => void socket.on('error', listener),
    close: () => socket.close(),
  };
};

/** The operating system's resolver (hosts file, DNS), one address; literals come back as they are. */
export const nodeLookup: HostLookup = async (host) => {
  const found = await dns.lookup(host);
  return { address: found.address, family: found.family === 6 ? 6 : 4 };
};

export const nodeRandomBytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
