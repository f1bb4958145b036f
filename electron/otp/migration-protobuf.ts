// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The protobuf payload of a Google Authenticator transfer code (docs/formats.md §2.2): its two
 * messages, and a small hand-written reader and writer for them. Decoding is lossless (raw fields
 * kept: name, issuer, enums, 64-bit counter, batch info) and strict: a wrong wire type, an
 * over-long varint, a truncated field or invalid UTF-8 is a {@link MigrationError}, never a guess.
 *
 * Hand-written rather than protobufjs: the schema has two messages and eight fields, and owning
 * the reader lets it be strict where generic decoders are lenient.
 */
import { DAMAGED_CODE, MigrationError } from './migration-error';

/** One `OtpParameters` message, as stored (enum numbers, not their meaning). */
export interface MigrationOtpParameters {
  readonly secret: Uint8Array;
  /** The label as scanned, often "Issuer:account". */
  readonly name: string;
  readonly issuer: string;
  /** 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5. */
  readonly algorithm: number;
  /** 0 unspecified, 1 six digits, 2 eight digits (an enum, not the count). */
  readonly digits: number;
  /** 0 unspecified, 1 HOTP, 2 TOTP. */
  readonly type: number;
  /** HOTP counter, unsigned 64-bit. */
  readonly counter: bigint;
}

/** A `MigrationPayload` message. Absent fields are 0, as in proto3. */
export interface MigrationPayload {
  readonly otpParameters: readonly MigrationOtpParameters[];
  readonly version: number;
  readonly batchSize: number;
  readonly batchIndex: number;
  readonly batchId: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a protobuf `MigrationPayload`. Unknown fields are skipped; a known field with the wrong
 * wire type, a truncated field or invalid UTF-8 is an error.
 * @throws MigrationError with code `protobuf`
 */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationPayload {
  const otpParameters: MigrationOtpParameters[] = [];
  const out = { version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  readMessage(bytes, (field, wire, r) => {
    if (field === 1) otpParameters.push(decodeOtpParameters(r.bytes(wire, 'otp_parameters')));
    else if (field === 2) out.version = int32(r.varint(wire, 'version'));
    else if (field === 3) out.batchSize = int32(r.varint(wire, 'batch_size'));
    else if (field === 4) out.batchIndex = int32(r.varint(wire, 'batch_index'));
    else if (field === 5) out.batchId = int32(r.varint(wire, 'batch_id'));
    else r.skip(wire);
  });
  return { otpParameters, ...out };
}

function decodeOtpParameters(bytes: Uint8Array): MigrationOtpParameters {
  let secret = new Uint8Array(0);
  const p = { name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n };
  readMessage(bytes, (field, wire, r) => {
    if (field === 1) secret = Uint8Array.from(r.bytes(wire, 'secret'));
    else if (field === 2) p.name = text(r.bytes(wire, 'name'), 'name');
    else if (field === 3) p.issuer = text(r.bytes(wire, 'issuer'), 'issuer');
    else if (field === 4) p.algorithm = int32(r.varint(wire, 'algorithm'));
    else if (field === 5) p.digits = int32(r.varint(wire, 'digits'));
    else if (field === 6) p.type = int32(r.varint(wire, 'type'));
    else if (field === 7) p.counter = BigInt.asUintN(64, r.varint(wire, 'counter'));
    else r.skip(wire);
  });
  return { secret, ...p };
}

function text(bytes: Uint8Array, field: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw malformed(`'${field}' is not UTF-8 text`);
  }
}

const int32 = (v: bigint): number => Number(BigInt.asIntN(32, v));
const malformed = (what: string): MigrationError =>
  new MigrationError('protobuf', DAMAGED_CODE, `The transfer code's protobuf payload is malformed: ${what}.`);

interface Reader {
  varint(wire: number, field: string): bigint;
  bytes(wire: number, field: string): Uint8Array;
  skip(wire: number): void;
}

/** Calls `onField` for each field of a message, with a reader positioned at its value. */
function readMessage(buf: Uint8Array, onField: (field: number, wire: number, r: Reader) => void): void {
  let pos = 0;
  const rawVarint = (): bigint => {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = buf[pos++];
      if (byte === undefined) throw malformed('a number is cut off');
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw malformed('a number is longer than 10 bytes');
  };
  const take = (n: number): Uint8Array => {
    if (n > buf.length - pos) throw malformed('a field is cut off');
    const slice = buf.subarray(pos, pos + n);
    pos += n;
    return slice;
  };
  const reader: Reader = {
    varint(wire, field) {
      if (wire !== 0) throw malformed(`'${field}' has the wrong wire type`);
      return rawVarint();
    },
    bytes(wire, field) {
      if (wire !== 2) throw malformed(`'${field}' has the wrong wire type`);
      const length = rawVarint();
      if (length > BigInt(buf.length - pos)) throw malformed(`'${field}' is cut off`);
      return take(Number(length));
    },
    skip(wire) {
      if (wire === 0) rawVarint();
      else if (wire === 1) take(8);
      else if (wire === 5) take(4);
      else if (wire === 2) reader.bytes(2, 'an unknown field');
      else throw malformed(`unsupported wire type ${wire}`);
    },
  };
  while (pos < buf.length) {
    const key = rawVarint();
    const field = Number(key >> 3n);
    if (field === 0 || key >> 3n > 0x1fffffffn) throw malformed('a field number is invalid');
    onField(field, Number(key & 7n), reader);
  }
}

/** Encodes a payload (proto3: zero and empty fields are left out). */
export function encodeMigrationPayload(payload: MigrationPayload): Uint8Array {
  const w = new Writer();
  for (const p of payload.otpParameters) w.bytes(1, encodeOtpParameters(p));
  w.varint(2, BigInt(payload.version));
  w.varint(3, BigInt(payload.batchSize));
  w.varint(4, BigInt(payload.batchIndex));
  w.varint(5, BigInt(payload.batchId));
  return w.finish();
}

function encodeOtpParameters(p: MigrationOtpParameters): Uint8Array {
  const w = new Writer();
  const enc = new TextEncoder();
  w.bytes(1, p.secret);
  w.bytes(2, enc.encode(p.name));
  w.bytes(3, enc.encode(p.issuer));
  w.varint(4, BigInt(p.algorithm));
  w.varint(5, BigInt(p.digits));
  w.varint(6, BigInt(p.type));
  w.varint(7, p.counter);
  return w.finish();
}

class Writer {
  private readonly parts: number[] = [];
  varint(field: number, value: bigint): void {
    if (value === 0n) return;
    this.raw(BigInt(field << 3));
    this.raw(BigInt.asUintN(64, value)); // negative int32/int64: 10-byte two's complement
  }
  bytes(field: number, value: Uint8Array): void {
    if (value.length === 0) return;
    this.raw(BigInt((field << 3) | 2));
    this.raw(BigInt(value.length));
    for (const b of value) this.parts.push(b);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
  private raw(value: bigint): void {
    let v = value;
    while (v > 0x7fn) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }
}
