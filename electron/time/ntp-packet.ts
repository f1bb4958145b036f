// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The SNTP wire format and arithmetic (RFC 4330; RFC 5905 §7–8), pure: the request a client sends,
 * the checks a reply must pass before its times are believed, and the offset and round trip the
 * four timestamps give. The socket is elsewhere (sntp-client.ts), so every rule here is tested
 * with exact bytes.
 */

export const NTP_PACKET_BYTES = 48;

/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
export const NTP_UNIX_EPOCH_DELTA_S = 2_208_988_800;

const TWO_32 = 2 ** 32;
/** Leap indicator 0, version 4, mode 3 (client). */
const CLIENT_FIRST_BYTE = (0 << 6) | (4 << 3) | 3;
const MODE_SERVER = 4;
const LEAP_UNSYNCHRONISED = 3;

/** Byte offsets of the timestamps in a packet (RFC 5905 figure 8). */
const ORIGINATE = 24;
const RECEIVE = 32;
const TRANSMIT = 40;

/**
 * A client request: every field zero but the first byte and the transmit timestamp, which carries
 * `nonce` (8 random bytes) instead of our time. The server echoes it as the originate timestamp,
 * so a reply is matched to our request, an off-path forger cannot guess it, and the request says
 * nothing about this computer's clock (as draft-ietf-ntp-data-minimization recommends; the server
 * only echoes the field, RFC 5905 §8).
 */
export function buildRequest(nonce: Uint8Array): Uint8Array {
  if (nonce.length !== 8) throw new RangeError('The SNTP nonce is 8 bytes.');
  const packet = new Uint8Array(NTP_PACKET_BYTES);
  packet[0] = CLIENT_FIRST_BYTE;
  packet.set(nonce, TRANSMIT);
  return packet;
}

/** Why a reply is not believed; each reason has its sentence in sntp-client.ts. */
export type ReplyProblem =
  'short' | 'not-a-server-reply' | 'unsynchronised' | 'kiss-of-death' | 'not-our-request' | 'no-time';

export type ParsedReply =
  | {
      readonly ok: true;
      /** When the server received the request (T2) and sent the reply (T3), Unix ms. */
      readonly receiveMs: number;
      readonly transmitMs: number;
      readonly stratum: number;
    }
  | {
      readonly ok: false;
      readonly problem: ReplyProblem;
      /** The kiss code of a kiss-o'-death reply ("RATE", "DENY"), when printable. */
      readonly kissCode?: string;
    };

/**
 * An NTP timestamp (seconds since 1900 and a 32-bit fraction) as Unix milliseconds. Era by the
 * rule of RFC 4330 §3: a clear top bit means after 2036-02-07 (era 1), so 1968–2104 all map right.
 */
export function ntpToUnixMs(seconds: number, fraction: number): number {
  const era = seconds >= 0x8000_0000 ? 0 : TWO_32;
  return (seconds + era - NTP_UNIX_EPOCH_DELTA_S) * 1000 + (fraction / TWO_32) * 1000;
}

/** Unix milliseconds as an NTP timestamp's two 32-bit words (the inverse of `ntpToUnixMs`). */
export function unixMsToNtp(ms: number): { readonly seconds: number; readonly fraction: number } {
  const totalSeconds = Math.floor(ms / 1000);
  const seconds = (totalSeconds + NTP_UNIX_EPOCH_DELTA_S) % TWO_32;
  const fraction = Math.round(((ms - totalSeconds * 1000) / 1000) * TWO_32);
  // A fraction that rounds up to a whole second carries into the seconds.
  return fraction >= TWO_32 ? { seconds: (seconds + 1) % TWO_32, fraction: 0 } : { seconds, fraction };
}

function readTimestamp(view: DataView, at: number): { seconds: number; fraction: number } {
  return { seconds: view.getUint32(at), fraction: view.getUint32(at + 4) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Checks a reply against the request that carried `nonce` and reads its server times. Refused: an
 * originate timestamp that is not our nonce (not a reply to us: the client keeps waiting), not
 * mode 4 (server), leap indicator 3 (server not synchronised), stratum 0 (kiss-o'-death) or
 * above 15, a zero receive or transmit time.
 */
export function parseReply(bytes: Uint8Array, nonce: Uint8Array): ParsedReply {
  if (bytes.length < NTP_PACKET_BYTES) return { ok: false, problem: 'short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint8(0);
  const leap = first >> 6;
  const version = (first >> 3) & 7;
  const mode = first & 7;
  const stratum = view.getUint8(1);
  if (!sameBytes(bytes.subarray(ORIGINATE, ORIGINATE + 8), nonce)) return { ok: false, problem: 'not-our-request' };
  if (mode !== MODE_SERVER || version < 1) return { ok: false, problem: 'not-a-server-reply' };
  if (stratum === 0) {
    const code = String.fromCharCode(...bytes.subarray(12, 16));
    return /^[A-Z]{1,4}$/.test(code.replace(/\0+$/, ''))
      ? { ok: false, problem: 'kiss-of-death', kissCode: code.replace(/\0+$/, '') }
      : { ok: false, problem: 'kiss-of-death' };
  }
  if (leap === LEAP_UNSYNCHRONISED || stratum > 15) return { ok: false, problem: 'unsynchronised' };
  const receive = readTimestamp(view, RECEIVE);
  const transmit = readTimestamp(view, TRANSMIT);
  if ((receive.seconds === 0 && receive.fraction === 0) || (transmit.seconds === 0 && transmit.fraction === 0)) {
    return { ok: false, problem: 'no-time' };
  }
  return {
    ok: true,
    receiveMs: ntpToUnixMs(receive.seconds, receive.fraction),
    transmitMs: ntpToUnixMs(transmit.seconds, transmit.fraction),
    stratum,
  };
}

/** The four times of one exchange, Unix ms: T1 sent and T4 received by us, T2 received and T3 sent by the server. */
export interface Exchange {
  readonly sentMs: number;
  readonly serverReceiveMs: number;
  readonly serverTransmitMs: number;
  readonly receivedMs: number;
}

/**
 * offset = ((T2 − T1) + (T3 − T4)) / 2: how far the server's clock is ahead of ours (positive: our
 * clock is behind); round trip = (T4 − T1) − (T3 − T2), the network's share of the exchange
 * (RFC 4330 §5). Both rounded to whole milliseconds.
 */
export function clockOffset(exchange: Exchange): { readonly offsetMs: number; readonly roundTripMs: number } {
  const { sentMs: t1, serverReceiveMs: t2, serverTransmitMs: t3, receivedMs: t4 } = exchange;
  return {
    // `|| 0`: no negative zero in the JSON or the tests.
    offsetMs: Math.round((t2 - t1 + (t3 - t4)) / 2) || 0,
    roundTripMs: Math.round(t4 - t1 - (t3 - t2)) || 0,
  };
}
