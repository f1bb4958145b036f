// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time server a user names in Settings or with `tessera clock --server`: `host`, `host:port`,
 * an IPv4 address, or an IPv6 address (in brackets when a port follows: `[2001:db8::1]:123`).
 * Pure and without Node imports, so the settings rules and the IPC validator share it; what a
 * name resolves to is for the SNTP client to find out.
 */

/** The SNTP port (RFC 4330 §4). */
export const NTP_PORT = 123;

/** What Settings starts with: the NTP Pool's round-robin name, one answer per query. */
export const DEFAULT_TIME_SERVER = 'pool.ntp.org';

/** Longer than any host name (253) plus brackets and a port. */
export const TIME_SERVER_MAX_LENGTH = 262;

export interface ServerAddress {
  /** A host name, an IPv4 address, or an IPv6 address without brackets. */
  readonly host: string;
  readonly port: number;
}

export type ServerAddressCheck =
  { readonly ok: true; readonly value: ServerAddress } | { readonly ok: false; readonly message: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const refuse = (message: string): ServerAddressCheck => ({ ok: false, message });

/** True for an IPv6 address (no brackets, no zone): the URL parser is the one at hand in Node and the browser alike. */
export function isIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9a-f:.]+$/i.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = (text.endsWith('.') ? text.slice(0, -1) : text).split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  // All digits and dots: that is an IPv4 address or nothing (999.1.1.1 would go to DNS and fail there).
  return !labels.every((label) => /^\d+$/.test(label)) || IPV4.test(text);
}

function checkPort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : null;
}

/** Reads `host`, `host:port`, `[ipv6]`, `[ipv6]:port` or a bare IPv6 address; the port defaults to 123. */
export function parseServerAddress(text: string): ServerAddressCheck {
  if (text.length === 0) return refuse('Enter a time server, for example pool.ntp.org.');
  if (text.length > TIME_SERVER_MAX_LENGTH || /\s/.test(text)) {
    return refuse('A time server is a name such as pool.ntp.org or an address, without spaces.');
  }
  if (text.includes('/')) {
    return refuse('A time server is a name such as pool.ntp.org or an address, without “http://” or a path.');
  }
  let host = text;
  let portText: string | null = null;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return refuse('An IPv6 address in brackets needs its closing “]”.');
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return refuse('Only “:port” may follow an IPv6 address in brackets.');
      portText = rest.slice(1);
    }
    if (!isIpv6(host)) return refuse(`“${host.slice(0, 60)}” is not an IPv6 address.`);
  } else if (isIpv6(text)) {
    // Two or more colons: an IPv6 address without a port.
    host = text;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon >= 0) {
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    }
    if (!isHostName(host)) return refuse(`“${host.slice(0, 60)}” is not a server name or address.`);
  }
  if (portText === null) return { ok: true, value: { host, port: NTP_PORT } };
  const port = checkPort(portText);
  return port === null
    ? refuse('The port after “:” must be a number from 1 to 65535.')
    : { ok: true, value: { host, port } };
}

/** The address as a user would type it: brackets around IPv6, the port only when it is not 123. */
export function formatServerAddress(address: ServerAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return address.port === NTP_PORT ? host : `${host}:${address.port}`;
}
