// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Runs `tessera` as a child process on a hostile file and reports what a person and a script see
 * (exit code, standard output, standard error) plus the child's peak memory and wall time. The CLI
 * sources are bundled once with rolldown (as scripts/run-ts.mjs does for benchmarks), so the suite
 * tests the code in this checkout without `npm run build`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'rolldown';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

let bundled: Promise<string> | null = null;

/** The bundled run-cli.ts (built once per process). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const outDir = path.join(ROOT, '.cache', 'hostile');
    mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, 'run-cli.mjs');
    await build({
      input: path.join(__dirname, 'run-cli.ts'),
      platform: 'node',
      external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
      // One file: the CLI imports each command's body with a dynamic import() (electron/cli/command.ts).
      output: { file, format: 'esm', codeSplitting: false },
      logLevel: 'warn',
    });
    return file;
  })();
  return bundled;
}

/** What one run gave. */
export interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident memory of the child, MiB (as the child measured it). */
  readonly maxRssMiB: number;
  /** Wall time seen from the parent, ms. */
  readonly wallMs: number;
  /** Killed by the hang detector. */
  readonly timedOut: boolean;
}

/**
 * Runs `tessera ...argv` in a child process, killed after `timeoutMs` (a hang detector, not a
 * performance target). The last stderr line of run-cli.ts (peak memory) is taken off `stderr`.
 */
export async function runTessera(
  argv: readonly string[],
  options: { readonly stdin?: string; readonly timeoutMs?: number; readonly env?: Record<string, string> } = {},
): Promise<ChildRun> {
  const bundle = await cliBundle();
  const started = performance.now();
  const child = spawn(process.execPath, [bundle, ...argv], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: ROOT, TESSERA_TIME_CHECK: 'off', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdin.end(options.stdin ?? '');
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  const wallMs = Math.round(performance.now() - started);
  const marker = /\n?\[hostile\] maxrss-kib=(\d+) ms=\d+\n$/.exec(stderr);
  const maxRssMiB = marker ? Number(marker[1]) / 1024 : Number.NaN;
  if (marker) stderr = stderr.slice(0, marker.index);
  return { code, stdout, stderr, maxRssMiB, wallMs, timedOut };
}
