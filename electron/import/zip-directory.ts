// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What a ZIP file claims before anything is listed or inflated: the entry count and the sum of the
 * declared uncompressed sizes, read from the end-of-central-directory record (ZIP64 too) and the
 * central directory itself, checked against the budget. A ZIP of 480,000 entries is refused from
 * its last 22 bytes instead of after zip.js built an object for each. Declared sizes can lie, so
 * inflating is bounded separately ({@link BoundedWriter}).
 *
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT §4.3.12 (central directory),
 *   §4.3.14–16 (ZIP64 end of central directory), §4.5.3 (ZIP64 extra field)
 */
import { Writer } from '@zip.js/zip.js';
import type { Release, WorkBudget } from './budget';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;

/** What the central directory declares; null fields when the file has no readable directory. */
export interface ZipDirectory {
  readonly entries: number;
  readonly uncompressedBytes: number;
}

/**
 * Reads the entry count from the end records, charges it to `archive-entries`, then walks the
 * central directory summing declared sizes into `archive-bytes` (an `atMost` check: nothing is
 * spent until data is really inflated). Null when there is no end record: zip.js then reports the
 * file as damaged.
 * @throws BudgetExceededError
 */
export function checkZipDirectory(bytes: Uint8Array, budget: WorkBudget): ZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  if (end === null) return null;
  let entries = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  const zip64 = zip64End(view, end);
  if (zip64 !== null) ({ entries, size, offset } = zip64);
  budget.atMost('archive-entries', entries);
  let uncompressedBytes = 0;
  let at = offset;
  for (let i = 0; i < entries && at + 46 <= view.byteLength && at < offset + size; i++) {
    if (view.getUint32(at, true) !== CENTRAL_HEADER) break;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let declared = view.getUint32(at + 24, true);
    if (declared === 0xffffffff) declared = zip64Size(view, at + 46 + nameLength, extraLength) ?? declared;
    uncompressedBytes += declared;
    at += 46 + nameLength + extraLength + commentLength;
  }
  budget.atMost('archive-bytes', uncompressedBytes);
  return { entries, uncompressedBytes };
}

/** The end-of-central-directory record: within the last 22 + 65,535 bytes (its comment may follow it). */
function findEnd(view: DataView): number | null {
  const last = view.byteLength - EOCD_BYTES;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return null;
}

function zip64End(view: DataView, end: number): { entries: number; size: number; offset: number } | null {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) return null;
  const record = Number(view.getBigUint64(locator + 8, true));
  if (!Number.isSafeInteger(record) || record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_EOCD) {
    return null;
  }
  return {
    entries: Number(view.getBigUint64(record + 32, true)),
    size: Number(view.getBigUint64(record + 40, true)),
    offset: Number(view.getBigUint64(record + 48, true)),
  };
}

/** The uncompressed size in a ZIP64 extra field (id 1), if there is one. */
function zip64Size(view: DataView, from: number, length: number): number | null {
  for (let at = from; at + 4 <= from + length && at + 4 <= view.byteLength;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001 && size >= 8 && at + 12 <= view.byteLength) return Number(view.getBigUint64(at + 4, true));
    at += 4 + size;
  }
  return null;
}

/**
 * A zip.js writer that charges every inflated chunk to `archive-bytes` and to the memory gauge
 * before keeping it, so inflating stops at what is left of the budget whatever the headers claim.
 * `release` gives the memory back once the data is no longer needed.
 */
export class BoundedWriter extends Writer<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private readonly releases: Release[] = [];
  private length = 0;

  constructor(private readonly budget: WorkBudget) {
    super();
  }

  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.budget.spend('archive-bytes', array.length);
    this.releases.push(this.budget.reserve(array.length));
    this.chunks.push(array.slice());
    this.length += array.length;
  }

  override async getData(): Promise<Uint8Array> {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** Returns the reserved memory to the budget. */
  release(): void {
    for (const r of this.releases.splice(0)) r();
  }
}
