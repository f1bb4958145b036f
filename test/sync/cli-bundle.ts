// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Builds the `tessera` program of the sync tests (tessera-process.ts: the CLI's `main` with the
 * floor KDF) into one ES module under .cache/sync-tests/<pid>/ with rolldown, Vite's bundler, the
 * way scripts/run-ts.mjs runs TypeScript under plain Node: our sources bundled, packages left as
 * imports (resolved from the repository's node_modules, hence the folder inside the repository).
 * From the sources, so a test never runs a stale build; about half a second.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'rolldown';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface CliBundle {
  /** The program: `node <file> COMMAND ...`. */
  readonly file: string;
  remove(): Promise<void>;
}

export async function bundleTesseraProcess(): Promise<CliBundle> {
  const dir = path.join(ROOT, '.cache', 'sync-tests', String(process.pid));
  await build({
    input: path.join(ROOT, 'test', 'sync', 'tessera-process.ts'),
    platform: 'node',
    // Bare specifiers (npm packages, node: built-ins) stay imports; only our sources are bundled.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { dir, format: 'esm', codeSplitting: false, entryFileNames: '[name].mjs' },
    logLevel: 'warn',
  });
  return {
    file: path.join(dir, 'tessera-process.mjs'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The shared clock just before the process was started and just after it ended. */
  readonly start: number;
  readonly end: number;
}

/**
 * Runs `node <program> ...argv` with `stdin` as its whole standard input, in `env` only (plus PATH).
 * A process still running after `timeoutMs` is killed (SIGKILL) and reported with exit code null.
 */
export function runProcess(
  program: string,
  argv: readonly string[],
  options: { stdin: string; env: Readonly<Record<string, string>>; cwd: string; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, [program, ...argv], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout, stderr, start, end: Date.now() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
  });
}
