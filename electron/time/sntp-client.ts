// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One SNTP exchange (RFC 4330): resolve the server, send one request, take the first reply that
 * answers it, check it, and turn its times into this computer's clock offset. Sockets, name
 * lookup, clock, timers and randomness are ports, so tests run it exactly against a responder on
 * 127.0.0.1; the Node adapters are in udp.ts.
 */
import type { ClockMeasurement } from '../domain';
import { buildRequest, clockOffset, parseReply, type ReplyProblem } from './ntp-packet';
import { formatServerAddress, parseServerAddress } from './server-address';

/** How long a server has to answer. */
export const SNTP_TIMEOUT_MS = 3_000;

/** A datagram socket, as much of one as a single exchange needs. */
export interface UdpSocket {
  send(bytes: Uint8Array, port: number, address: string, done: (error: Error | null) => void): void;
  onMessage(listener: (bytes: Uint8Array, from: { readonly address: string; readonly port: number }) => void): void;
  onError(listener: (error: Error) => void): void;
  close(): void;
}

export type UdpSocketFactory = (family: 4 | 6) => UdpSocket;

/** A host name (or literal address) to one address; rejects with a Node-style `code` when there is none. */
export type HostLookup = (host: string) => Promise<{ readonly address: string; readonly family: 4 | 6 }>;

export interface SntpDeps {
  readonly socket: UdpSocketFactory;
  readonly lookup: HostLookup;
  /** This computer's clock, Unix ms: T1 and T4. */
  readonly now: () => number;
  readonly randomBytes: (n: number) => Uint8Array;
  /** Default SNTP_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/** Why a check gave no offset, as stable codes (`tessera clock` and the settings view show the message). */
export type TimeCheckProblem =
  'bad-address' | 'not-found' | 'timeout' | 'declined' | 'unsynchronised' | 'bad-reply' | 'network';

/** A check that gave no offset; the message says what happened and what to do, naming the server. */
export class TimeCheckError extends Error {
  constructor(
    readonly problem: TimeCheckProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TimeCheckError';
  }
}

/** The answer a server gave cannot be used: malformed, or not a plausible clock. */
function unusableAnswer(shown: string): TimeCheckError {
  return new TimeCheckError('bad-reply', `The time server ${shown} sent an answer Tessera cannot use.`);
}

function networkError(shown: string, error: Error): TimeCheckError {
  return new TimeCheckError(
    'network',
    `Tessera could not reach the time server ${shown}${networkCode(error)}. Check that this computer is online.`,
    { cause: error },
  );
}

function timedOut(shown: string, timeoutMs: number): TimeCheckError {
  return new TimeCheckError(
    'timeout',
    `The time server ${shown} did not answer within ${secondsText(timeoutMs)}. ` +
      'This computer may be offline, or a firewall may block time queries (UDP port 123).',
  );
}

function replyError(problem: ReplyProblem, server: string, kissCode: string | undefined): TimeCheckError {
  switch (problem) {
    case 'kiss-of-death':
      return new TimeCheckError(
        'declined',
        `The time server ${server} declined to answer${kissCode ? ` (${kissCode})` : ''}. Try again later, or name another server in Settings.`,
      );
    case 'unsynchronised':
      return new TimeCheckError(
        'unsynchronised',
        `The time server ${server} does not know the exact time itself just now. Name another server in Settings.`,
      );
    default:
      return unusableAnswer(server);
  }
}

/** One request to one server's address: what a reply must match, and how it is shown. */
interface Exchange {
  readonly address: string;
  readonly port: number;
  readonly nonce: Uint8Array;
  /** The server as the user named it, for the measurement and the messages. */
  readonly shown: string;
  readonly timeoutMs: number;
}

/** What one datagram means for the exchange: not an answer to us, a refusal, or the measurement. */
type ReplyOutcome =
  | { readonly kind: 'stray' }
  | { readonly kind: 'failed'; readonly error: TimeCheckError }
  | { readonly kind: 'measured'; readonly measurement: ClockMeasurement };

function judgeReply(
  exchange: Exchange,
  bytes: Uint8Array,
  from: { readonly address: string; readonly port: number },
  sentMs: number,
  receivedMs: number,
): ReplyOutcome {
  if (from.address !== exchange.address || from.port !== exchange.port) return { kind: 'stray' };
  const reply = parseReply(bytes, exchange.nonce);
  if (!reply.ok) {
    if (reply.problem === 'not-our-request' || reply.problem === 'short') return { kind: 'stray' };
    return { kind: 'failed', error: replyError(reply.problem, exchange.shown, reply.kissCode) };
  }
  const measured = clockOffset({
    sentMs,
    serverReceiveMs: reply.receiveMs,
    serverTransmitMs: reply.transmitMs,
    receivedMs,
  });
  // A server that answered before it was asked, or took longer than we waited: not a clock to trust.
  if (measured.roundTripMs < 0 || measured.roundTripMs > exchange.timeoutMs) {
    return { kind: 'failed', error: unusableAnswer(exchange.shown) };
  }
  const { offsetMs, roundTripMs } = measured;
  return { kind: 'measured', measurement: { server: exchange.shown, offsetMs, roundTripMs, at: receivedMs } };
}

/**
 * Measures this computer's clock against `server` (`host[:port]`, IPv6 in brackets). Replies from
 * another address or to another request are ignored (a late duplicate, a forger off the path);
 * the first reply to ours decides.
 * @throws TimeCheckError with a sentence for the user.
 */
export async function querySntp(server: string, deps: SntpDeps): Promise<ClockMeasurement> {
  const parsed = parseServerAddress(server);
  if (!parsed.ok) throw new TimeCheckError('bad-address', parsed.message);
  const shown = formatServerAddress(parsed.value);
  const timeoutMs = deps.timeoutMs ?? SNTP_TIMEOUT_MS;

  let target: { readonly address: string; readonly family: 4 | 6 };
  try {
    target = await deps.lookup(parsed.value.host);
  } catch (error) {
    throw new TimeCheckError(
      'not-found',
      `Tessera could not find the time server ${shown}. Check its name in Settings, and that this computer is online.`,
      { cause: error },
    );
  }

  const nonce = deps.randomBytes(8);
  const exchange: Exchange = { address: target.address, port: parsed.value.port, nonce, shown, timeoutMs };
  return exchangeOnce(exchange, deps.socket(target.family), deps);
}

/**
 * Sends the request on `socket` and settles with the first reply that answers it, or with the
 * socket's error, or at the time-out; closes the socket either way.
 */
function exchangeOnce(exchange: Exchange, socket: UdpSocket, deps: SntpDeps): Promise<ClockMeasurement> {
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const { shown, timeoutMs } = exchange;

  return new Promise<ClockMeasurement>((resolve, reject) => {
    let settled = false;
    /** Something came back that was not an answer to us: said on time-out instead of "no answer". */
    let strayReply = false;
    let sentMs = 0;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimer(timer);
      socket.close();
      outcome();
    };
    const fail = (error: () => TimeCheckError): void => finish(() => reject(error()));
    const timer = setTimer(
      () => fail(() => (strayReply ? unusableAnswer(shown) : timedOut(shown, timeoutMs))),
      timeoutMs,
    );

    socket.onError((error) => fail(() => networkError(shown, error)));
    socket.onMessage((bytes, from) => {
      const receivedMs = deps.now();
      if (settled) return;
      const outcome = judgeReply(exchange, bytes, from, sentMs, receivedMs);
      if (outcome.kind === 'stray') strayReply = true;
      else if (outcome.kind === 'failed') fail(() => outcome.error);
      else finish(() => resolve(outcome.measurement));
    });

    sentMs = deps.now();
    socket.send(buildRequest(exchange.nonce), exchange.port, exchange.address, (error) => {
      if (error) fail(() => networkError(shown, error));
    });
  });
}

/** "3 seconds", "1 second". */
function secondsText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** " (ENETUNREACH)" for a Node socket error: a detail a helper can search for, after the plain sentence. */
function networkCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,24}$/.test(code) ? ` (${code})` : '';
}
