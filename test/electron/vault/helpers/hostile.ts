// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Builders for hostile vault files, made in the test from a small real vault (nothing large is
 * committed), and an in-process CLI run with an injected KDF so a test can count derivations.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { main, type CliIo } from '../../../../electron/cli';
import { KDF_FLOOR, type Kdf, type KdfParams } from '../../../../electron/vault';
import { rewriteHeader, splitContainer } from './container';

/** The header of a container as a plain JSON object. */
export function headerJson(file: Uint8Array): Record<string, unknown> & { slots: Record<string, unknown>[] } {
  return JSON.parse(splitContainer(file).header) as Record<string, unknown> & { slots: Record<string, unknown>[] };
}

/** The container with its header replaced by `text` (the payload no longer authenticates). */
export function withHeaderText(file: Uint8Array, text: string, version?: number): Uint8Array {
  return rewriteHeader(file, () => text, version);
}

/** The container with its header replaced by `header`, serialised compactly. */
export function withHeader(file: Uint8Array, header: unknown, version?: number): Uint8Array {
  return withHeaderText(file, JSON.stringify(header), version);
}

/** Deterministic bytes for field `n` of slot `i` (well-formed, but wrapping nothing). */
function bytes(i: number, field: string, length: number): string {
  const out = Buffer.alloc(length);
  for (let k = 0; k < length; k += 32) createHash('sha256').update(`${i}:${field}:${k}`).digest().copy(out, k);
  return out.toString('base64');
}

/** A well-formed password slot object (lower-case v4 UUID id) with the given Argon2id parameters. */
export function passwordSlotJson(i: number, params: KdfParams): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    type: 'password',
    kdf: { alg: 'argon2id13', opslimit: params.opslimit, memlimit: params.memlimit, salt: bytes(i, 'salt', 16) },
    nonce: bytes(i, 'nonce', 24),
    wrappedKey: bytes(i, 'wrappedKey', 48),
  };
}

/** What `runCliWith` returns. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tessera ...argv` in-process with `kdf` (e.g. a spy) and `stdin` as the whole standard input. */
export async function runCliWith(argv: readonly string[], kdf: Kdf, stdin = ''): Promise<CliRun> {
  const input = new PassThrough();
  input.end(stdin);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: input,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    isTTY: false,
    now: () => 1_700_000_000_000,
    platform: 'linux',
    homedir: '/nonexistent-home',
    cwd: process.cwd(),
    kdf,
    kdfParams: KDF_FLOOR,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
