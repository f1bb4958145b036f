// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the import service hands off main's event loop: everything it does with a file's bytes or a
 * file's password — recognising the format, parsing, the file's own key derivation (scrypt, PBKDF2,
 * Argon2id), reading a Tessera backup, decoding a BMP screenshot — as jobs of plain data, answered
 * with plain data, so both cross to the import worker and back by structured clone. The same
 * {@link runImportJob} runs in the worker (import-worker-entry.ts) and in-process
 * (import-runner.ts), so either gives the same answers.
 *
 * An answer never holds an Error (a clone loses its class): expected failures travel as
 * {@link WireError} values and become the same error classes again on main's side. The secrets of
 * the accounts found travel packed in one fresh buffer, which the worker moves to main (transfer):
 * no copy stays behind, and none sits in a larger buffer of the parser's.
 */
import type { ImportFormatId } from '../domain';
import { ImportError, type ImportedEntry, type ImportErrorKind } from '../import';
import { decodeImage, QrError, sniffImageFormat, type DecodedImage, type QrErrorKind } from '../import/qr';
import { VaultError, type Kdf, type VaultErrorKind, type VaultErrorReason } from '../vault';
import type { JobOutput } from '../workers/worker-host';
import { UnknownFileFormatError } from './errors';
import { readExportFile, unlockExportFile, type FileOutcome, type LockedFile } from './import-files';
import type { NamedFile } from './import-sources';

/**
 * One piece of work. Its bytes are the job's own: the job wipes them when it is done, except the
 * bytes of a file read that turns out to need its password, which the answer hands back.
 */
export type ImportJob =
  /** An export or a backup, read without a password (`format`: read as that format instead of detecting). */
  | {
      readonly kind: 'read-file';
      readonly name: string;
      readonly bytes: Uint8Array;
      readonly format: ImportFormatId | null;
    }
  /** An encrypted export or backup, opened with its password. */
  | { readonly kind: 'unlock-file'; readonly file: LockedFile; readonly password: string }
  /** A BMP image's pixels (bmp-ts is JavaScript; the other formats are decoded by libvips, off the event loop already). */
  | { readonly kind: 'decode-bmp'; readonly name: string; readonly bytes: Uint8Array };

/** A file job's answer: the accounts found, or that the file needs its password. */
export type FileAnswer =
  | Exclude<FileOutcome, { readonly kind: 'password' }>
  | {
      readonly kind: 'password';
      readonly fileKind: LockedFile['kind'];
      readonly format: ImportFormatId | undefined;
      readonly formatName: string;
      readonly wrongPassword: boolean;
      /**
       * A `read-file` job's bytes, handed back (moved) for main to keep until the password comes:
       * the read took them. Null for `unlock-file`, whose bytes main kept.
       */
      readonly bytes: Uint8Array | null;
    };

/** An expected failure, as data. `bug` is anything else: main throws it as a plain Error (an internal error). */
export type WireError =
  | { readonly type: 'import'; readonly kind: ImportErrorKind; readonly message: string; readonly details?: string }
  | { readonly type: 'unknown-format' }
  | { readonly type: 'qr'; readonly kind: QrErrorKind; readonly message: string }
  | {
      readonly type: 'vault';
      readonly kind: VaultErrorKind;
      readonly reason?: VaultErrorReason;
      readonly message: string;
    }
  | { readonly type: 'bug'; readonly message: string };

export type ImportJobReply =
  | { readonly type: 'file'; readonly answer: FileAnswer }
  | { readonly type: 'image'; readonly image: DecodedImage }
  | { readonly type: 'error'; readonly error: WireError };

/** The bytes a job carries (the file's, or the locked file's). */
export function jobBytes(job: ImportJob): Uint8Array {
  return job.kind === 'unlock-file' ? job.file.bytes : job.bytes;
}

/**
 * Runs one job. Never throws: failures are answered as {@link WireError}s. Wipes the job's bytes
 * when done, unless a file read hands them back with a password step. `kdf` is the Argon2id of
 * Tessera backups (default: the shared KDF worker).
 */
export async function runImportJob(job: ImportJob, kdf?: Kdf): Promise<JobOutput<ImportJobReply>> {
  let handedBack = false;
  try {
    switch (job.kind) {
      case 'read-file': {
        const outcome = await readExportFile({ name: job.name, bytes: job.bytes }, job.format ?? undefined);
        handedBack = outcome.kind === 'password';
        return fileAnswer(outcome, handedBack ? job.bytes : null);
      }
      case 'unlock-file':
        return fileAnswer(await unlockExportFile(job.file, job.password, kdf), null);
      case 'decode-bmp':
        return await bmpAnswer(job.bytes);
      default:
        throw new Error(`Unknown import job: ${JSON.stringify(job satisfies never)}`);
    }
  } catch (error) {
    return { value: { type: 'error', error: toWireError(error) } };
  } finally {
    if (!handedBack) jobBytes(job).fill(0);
  }
}

/** The answer to a file job; `bytes` are the file's, handed back with a password step. */
function fileAnswer(outcome: FileOutcome, bytes: Uint8Array | null): JobOutput<ImportJobReply> {
  if (outcome.kind === 'password') {
    const { file, wrongPassword } = outcome;
    const answer: FileAnswer = {
      kind: 'password',
      fileKind: file.kind,
      format: file.format,
      formatName: file.formatName,
      wrongPassword,
      bytes,
    };
    return { value: { type: 'file', answer }, transfer: bytes ? [bytes.buffer as ArrayBuffer] : [] };
  }
  const { entries, buffer } = packSecrets(outcome.entries);
  return { value: { type: 'file', answer: { ...outcome, entries } }, transfer: [buffer] };
}

async function bmpAnswer(bytes: Uint8Array): Promise<JobOutput<ImportJobReply>> {
  if (sniffImageFormat(bytes) !== 'bmp') throw new Error('decode-bmp takes BMP images only.');
  const decoded = await decodeImage(bytes);
  const data = ownBuffer(decoded.data);
  const image: DecodedImage = { width: decoded.width, height: decoded.height, format: decoded.format, data };
  return { value: { type: 'image', image }, transfer: [data.buffer as ArrayBuffer] };
}

/**
 * Every secret copied into one fresh buffer (the originals wiped): one buffer to move for any
 * number of accounts, holding nothing but the secrets.
 */
export function packSecrets(entries: readonly ImportedEntry[]): { entries: ImportedEntry[]; buffer: ArrayBuffer } {
  const packed = new Uint8Array(entries.reduce((n, e) => n + e.secret.byteLength, 0));
  let offset = 0;
  const moved = entries.map((e) => {
    const secret = packed.subarray(offset, offset + e.secret.byteLength);
    secret.set(e.secret);
    e.secret.fill(0);
    offset += secret.byteLength;
    return { ...e, secret };
  });
  return { entries: moved, buffer: packed.buffer };
}

/** Whether `bytes` alone own their buffer, and it can be transferred (moved to another thread). */
export function ownsBuffer(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
}

/** `data` itself when it alone owns a transferable buffer, else a copy that does (the original wiped). */
function ownBuffer(data: Uint8Array): Uint8Array {
  if (ownsBuffer(data)) return data;
  const copy = Uint8Array.from(data);
  data.fill(0);
  return copy;
}

/** A thrown error as data (see {@link WireError}). */
export function toWireError(error: unknown): WireError {
  if (error instanceof UnknownFileFormatError) return { type: 'unknown-format' };
  if (error instanceof ImportError) {
    return {
      type: 'import',
      kind: error.kind,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  if (error instanceof QrError) return { type: 'qr', kind: error.kind, message: error.message };
  if (error instanceof VaultError) {
    return {
      type: 'vault',
      kind: error.kind,
      message: error.message,
      ...(error.reason === undefined ? {} : { reason: error.reason }),
    };
  }
  return { type: 'bug', message: error instanceof Error ? error.message : String(error) };
}

/** The error a {@link WireError} stands for, about the file called `fileName`. */
export function fromWireError(error: WireError, fileName: string): Error {
  switch (error.type) {
    case 'unknown-format':
      return new UnknownFileFormatError(fileName);
    case 'import':
      return new ImportError(error.kind, error.message, error.details === undefined ? {} : { details: error.details });
    case 'qr':
      return new QrError(error.kind, error.message);
    case 'vault':
      return new VaultError(error.kind, error.message, error.reason === undefined ? {} : { reason: error.reason });
    case 'bug':
      return new Error(`Reading ${fileName} failed in the import worker: ${error.message}`);
    default:
      return new Error(`Unknown import failure: ${JSON.stringify(error satisfies never)}`);
  }
}

/**
 * A `read-file` answer as the service uses it: the accounts, or the password step for `file`, kept
 * with its own bytes, or with those the answer hands back when the job took them.
 * @throws the error the answer carries.
 */
export function readOutcome(reply: ImportJobReply, file: NamedFile): FileOutcome {
  const answer = fileReply(reply, file.name);
  if (answer.kind !== 'password') return answer;
  // The caller's bytes when they are still here (a runner that copied them), else those handed back.
  const keepOwn = file.bytes.byteLength > 0 || answer.bytes === null;
  if (keepOwn && answer.bytes && answer.bytes !== file.bytes) answer.bytes.fill(0);
  const locked: LockedFile = {
    name: file.name,
    bytes: keepOwn ? file.bytes : (answer.bytes ?? file.bytes),
    kind: answer.fileKind,
    format: answer.format,
    formatName: answer.formatName,
  };
  return { kind: 'password', file: locked, wrongPassword: answer.wrongPassword };
}

/**
 * An `unlock-file` answer: the accounts, or the password step again for the same locked `file`
 * (the service recognises the file it keeps by identity).
 * @throws the error the answer carries.
 */
export function unlockOutcome(reply: ImportJobReply, file: LockedFile): FileOutcome {
  const answer = fileReply(reply, file.name);
  return answer.kind === 'password' ? { kind: 'password', file, wrongPassword: answer.wrongPassword } : answer;
}

/**
 * A `decode-bmp` answer: the pixels.
 * @throws the error the answer carries (a QrError for an image that cannot be read).
 */
export function imageOutcome(reply: ImportJobReply, fileName: string): DecodedImage {
  return expectReply(reply, 'image', 'an image', fileName).image;
}

function fileReply(reply: ImportJobReply, fileName: string): FileAnswer {
  return expectReply(reply, 'file', 'a file', fileName).answer;
}

/** The answer of the `type` expected (`what`, in the message otherwise). @throws the error it carries. */
function expectReply<T extends Exclude<ImportJobReply['type'], 'error'>>(
  reply: ImportJobReply,
  type: T,
  what: string,
  fileName: string,
): Extract<ImportJobReply, { readonly type: T }> {
  if (reply.type === 'error') throw fromWireError(reply.error, fileName);
  if (reply.type !== type) throw new Error(`Expected ${what} from the import worker, got a ${reply.type} answer.`);
  return reply as Extract<ImportJobReply, { readonly type: T }>;
}
