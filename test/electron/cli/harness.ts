// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Runs the CLI in-process with fake ports (stdin, clock, environment) and builds fixture vaults
 * quickly: the vault API with the same-thread KDF at the floor parameters (~0.1 s per derivation).
 */
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { main, type CliIo } from '../../../electron/cli';
import { base32Decode } from '../../../electron/otp';
import type { TimeCheck } from '../../../electron/time/time-check';
import { createInlineKdf, createVault, KDF_FLOOR, type NewVaultEntry } from '../../../electron/vault';
import { loopbackTimeCheck } from '../../helpers/sntp-responder';

export const PASSWORD = 'correct horse battery staple';
export const NOW = 1_700_000_000_000;
export const inlineKdf = createInlineKdf();

/** RFC 4226 / RFC 6238 seeds and the Steam vector, as the fixture vault holds them. */
export const SEEDS = {
  sha1: '12345678901234567890',
  sha256: '12345678901234567890123456789012',
  sha512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

export const STEAM_SECRET_B32 = 'Z3ZBVSU5ZE7PW3276QDB5KZKFAMT7Y4L';
export const HELLO_B32 = 'JBSWY3DPEHPK3PXP';

export function fixtureEntries(): NewVaultEntry[] {
  const totp = { type: 'totp', digits: 8, period: 30, counter: null } as const;
  return [
    { ...totp, algorithm: 'SHA1', secret: ascii(SEEDS.sha1), issuer: 'RFC6238', account: 'sha1' },
    { ...totp, algorithm: 'SHA256', secret: ascii(SEEDS.sha256), issuer: 'RFC6238', account: 'sha256' },
    { ...totp, algorithm: 'SHA512', secret: ascii(SEEDS.sha512), issuer: 'RFC6238', account: 'sha512' },
    {
      type: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      period: null,
      counter: 0,
      secret: ascii(SEEDS.sha1),
      issuer: 'RFC4226',
      account: 'hotp',
    },
    {
      type: 'steam',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: null,
      secret: base32Decode(STEAM_SECRET_B32),
      issuer: 'Steam',
      account: 'gaben',
    },
    {
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      secret: base32Decode(HELLO_B32),
      issuer: 'GitHub',
      account: 'alice',
    },
  ];
}

/** Every way a fixture secret could be printed: base32 (with and without padding), hex, ASCII, base64. */
export function secretForms(): string[] {
  const forms: string[] = [];
  for (const e of fixtureEntries()) {
    const b = Buffer.from(e.secret);
    forms.push(b.toString('hex'), b.toString('hex').toUpperCase(), b.toString('base64'));
    const b32 = base32Of(e.secret);
    forms.push(b32, b32.toLowerCase());
    if (/^[\x20-\x7e]+$/.test(b.toString('latin1'))) forms.push(b.toString('latin1'));
  }
  return forms;
}

function base32Of(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

/** A temp folder per test file, removed afterwards. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Creates the fixture vault once (floor KDF) at `file`. */
export async function createFixtureVault(file: string, password = PASSWORD): Promise<void> {
  const vault = await createVault({ path: file, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW }, password);
  try {
    await vault.add(fixtureEntries());
  } finally {
    vault.lock();
  }
}

/**
 * For a test file: a temp folder holding the fixture vault as a template (one KDF run), made before
 * the file's tests and removed after. Read `dir` and `template` inside tests (set by beforeAll).
 */
export function useTemplateVault(): { readonly dir: string; readonly template: string } {
  const state = { dir: '', template: '' };
  let cleanup: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const made = await tempDir();
    cleanup = made.cleanup;
    state.dir = made.dir;
    state.template = path.join(made.dir, 'template.tessera');
    await createFixtureVault(state.template);
  });
  afterAll(() => cleanup());
  return state;
}

/** The export test vault of {@link useExportVault}. */
export interface ExportVault {
  readonly dir: string;
  readonly vault: string;
  readonly pwFile: string;
  run(argv: readonly string[], stdin?: string, file?: string): Promise<RunResult>;
}

/**
 * For a `tessera export` test file: useTemplateVault's folder and fixture vault (`vault`), and an
 * export password file there (`pwFile`, "export secret", 0600).
 * `run` is `tessera --vault <vault> --password-stdin export <argv>` with the master password on
 * stdin (or `stdin`), on another vault file if given. Read `dir`, `vault` and `pwFile` inside tests.
 */
export function useExportVault(): ExportVault {
  const made = useTemplateVault();
  let pwFile = '';
  beforeAll(async () => {
    pwFile = path.join(made.dir, 'export-pw');
    await writeFile(pwFile, 'export secret\n');
    await chmod(pwFile, 0o600);
  });
  return {
    get dir() {
      return made.dir;
    },
    get vault() {
      return made.template;
    },
    get pwFile() {
      return pwFile;
    },
    run: (argv, stdin = `${PASSWORD}\n`, file = made.template) =>
      runCli(['--vault', file, '--password-stdin', 'export', ...argv], { stdin }),
  };
}

let counter = 0;
/**
 * A fresh copy of a template vault, so each test starts from the same state without another KDF run.
 * Each copy lies in a folder of its own: copies of one vault side by side are conflict copies to
 * every command, which merges them into the vault it opens (electron/cli/conflict-copies.ts).
 */
export async function copyVault(template: string, dir: string): Promise<string> {
  const n = ++counter;
  const folder = path.join(dir, `copy-${n}`);
  await mkdir(folder);
  const file = path.join(folder, `vault-${n}.tessera`);
  await copyFile(template, file);
  return file;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Raw-mode switches seen on the fake TTY. */
  readonly rawMode: boolean[];
}

export interface RunOptions {
  /** Everything on stdin; the stream ends after it. */
  readonly stdin?: string;
  /** Simulate a terminal: keys are fed one chunk at a time after each prompt appears. */
  readonly tty?: readonly string[];
  readonly env?: Record<string, string>;
  readonly now?: number;
  readonly cwd?: string;
  /** `tessera clock`'s check; default: real SNTP that refuses every server but this machine's loopback. */
  readonly timeCheck?: TimeCheck;
}

/** Runs `tessera ...argv` in-process. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const stdin = new PassThrough() as PassThrough & { setRawMode?: (mode: boolean) => void };
  const rawMode: boolean[] = [];
  let stdout = '';
  let stderr = '';
  const keys = [...(options.tty ?? [])];
  if (options.tty) {
    stdin.setRawMode = (mode) => void rawMode.push(mode);
  } else {
    stdin.end(options.stdin ?? '');
  }
  const io: CliIo = {
    stdin,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: {
      write: (s: string) => {
        stderr += s;
        // A prompt ends with ': ' or '] ': answer it with the next scripted key chunk.
        if (options.tty && /(: |\] )$/.test(s)) {
          const next = keys.shift();
          if (next !== undefined) setImmediate(() => stdin.write(next));
          else setImmediate(() => stdin.end());
        }
      },
    },
    env: options.env ?? {},
    isTTY: options.tty !== undefined,
    now: () => options.now ?? NOW,
    platform: 'linux',
    homedir: '/nonexistent-home',
    cwd: options.cwd ?? process.cwd(),
    kdf: inlineKdf,
    kdfParams: KDF_FLOOR,
    timeCheck: options.timeCheck ?? loopbackTimeCheck({ now: () => options.now ?? NOW, timeoutMs: 1_000 }),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, rawMode };
}
