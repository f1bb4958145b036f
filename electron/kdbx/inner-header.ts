// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * KDBX 4's inner header, at the start of the decrypted (and inflated) payload: `u8 id · u32 size ·
 * data` fields (1 the inner stream id, 2 its key, 3 an attachment: a flags byte then its bytes) up
 * to the end field 0; the XML follows. Attachments are passed over: Tessera imports no files.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html ("Inner header")
 */
import { ByteReader, ByteWriter } from './bytes';
import { corrupt } from './errors';
import { innerStreamId, type InnerStreamId } from './header';

export interface InnerHeader {
  readonly streamId: InnerStreamId;
  readonly streamKey: Uint8Array;
  /** Where the XML starts in the payload. */
  readonly end: number;
}

const FIELD = { end: 0, streamId: 1, streamKey: 2, binary: 3 } as const;

export function readInnerHeader(payload: Uint8Array): InnerHeader {
  const r = new ByteReader(payload, 'the inner header');
  let streamId: InnerStreamId | undefined;
  let streamKey: Uint8Array | undefined;
  for (;;) {
    const id = r.u8();
    const data = r.take(r.u32());
    if (id === FIELD.end) break;
    if (id === FIELD.streamId) {
      if (data.length !== 4) throw corrupt('its protected-field setting is invalid');
      streamId = innerStreamId(new ByteReader(data, 'the inner header').u32());
    } else if (id === FIELD.streamKey) {
      streamKey = data;
    } else if (id === FIELD.binary && data.length < 1) {
      throw corrupt('an attachment in its inner header is malformed');
    }
  }
  if (streamId === undefined || streamKey === undefined || (streamId !== 0 && streamKey.length === 0)) {
    throw corrupt('its protected-field key is missing');
  }
  return { streamId, streamKey, end: r.position };
}

/** An inner header without attachments. */
export function writeInnerHeader(streamId: InnerStreamId, streamKey: Uint8Array): Uint8Array {
  return new ByteWriter()
    .u8(FIELD.streamId)
    .u32(4)
    .u32(streamId)
    .u8(FIELD.streamKey)
    .u32(streamKey.length)
    .bytes(streamKey)
    .u8(FIELD.end)
    .u32(0)
    .result();
}
