// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Drives the crash experiment: starts the bundled child saving in a loop, SIGKILLs it at a random
 * moment, then opens the vault and checks it holds exactly the state of its generation, no older
 * than the last save the child reported as done and at most one step newer; the previous
 * generation must open too, and no temp or lock file may survive the next open.
 * Shared by crash.test.ts (200 kills) and scripts/crash-test.mjs (1,000 kills, by hand).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createVault, previousGenerationPath, unlockVault, type VaultOptions } from '../../../../electron/vault';
import { checkCrashState } from './crash-model';
import { createFakeKdf, fastOptions } from './fakes';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CrashLaneResult {
  readonly kills: number;
  readonly finalStep: number;
  /** How many kills landed before the child's first completed save (startup, cleanup). */
  readonly killedDuringStartup: number;
}

const PASSWORD = 'crash test password';

/** One lane: its own folder and vault, `kills` kills in sequence. */
export async function runCrashLane(options: {
  readonly childScript: string;
  readonly dir: string;
  readonly kills: number;
  readonly seed: number;
  readonly onProgress?: (done: number) => void;
}): Promise<CrashLaneResult> {
  const { childScript, dir, kills, seed } = options;
  const random = prng(seed);
  mkdirSync(dir, { recursive: true });
  const opts: VaultOptions = { ...fastOptions(dir), kdf: createFakeKdf() };
  (await createVault(opts, PASSWORD)).lock();
  let acked = 0;
  let killedDuringStartup = 0;
  let step = 0;
  for (let i = 0; i < kills; i++) {
    const early = random() < 0.15;
    const delay = early ? random() * 200 : random() * 12;
    const reported = await killOnce(childScript, opts.path, early, delay);
    if (reported === null) killedDuringStartup++;
    else acked = Math.max(acked, reported);
    step = await verify(opts, dir, acked, `kill ${i + 1} (seed ${seed})`);
    options.onProgress?.(i + 1);
  }
  return { kills, finalStep: step, killedDuringStartup };
}

/** Starts the child; kills it `delay` ms after start (early) or after its first save. Returns the last step it reported. */
function killOnce(script: string, file: string, early: boolean, delay: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'crash', file, PASSWORD], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    if (early) timer = setTimeout(kill, delay);
    const guard = setTimeout(kill, 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.includes('\n')) timer = setTimeout(kill, delay);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended by itself (code ${code}): ${err}`));
        return;
      }
      const steps = [...out.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]));
      resolve(steps.length ? Math.max(...steps) : null);
    });
  });
}

async function verify(opts: VaultOptions, dir: string, acked: number, label: string): Promise<number> {
  const vault = await unlockVault(opts, PASSWORD);
  let step: number;
  try {
    step = checkCrashState(vault);
  } finally {
    vault.lock();
  }
  // Durability: every save the child acknowledged must be on disk. The vault may hold a later
  // step than the last ack we read: acks still in the pipe when SIGKILL lands are lost, while
  // checkCrashState has already proved the file is one complete state.
  if (step < acked) {
    throw new Error(`${label}: the vault holds step ${step}, but the child had completed step ${acked}`);
  }
  const leftovers = readdirSync(dir).filter((n) => n.includes('.tmp-') || n.endsWith('.tmp'));
  if (leftovers.length) throw new Error(`${label}: temp files survived an open: ${leftovers.join(', ')}`);
  const prev = previousGenerationPath(opts.path);
  if (existsSync(prev)) {
    const probeDir = path.join(dir, 'prev-probe');
    mkdirSync(probeDir, { recursive: true });
    const probe = path.join(probeDir, 'vault.tessera');
    copyFileSync(prev, probe);
    const older = await unlockVault({ ...opts, path: probe }, PASSWORD);
    try {
      const prevStep = checkCrashState(older);
      if (prevStep !== step - 1 && prevStep !== step) {
        throw new Error(`${label}: the previous generation holds step ${prevStep}, the vault step ${step}`);
      }
    } finally {
      older.lock();
      rmSync(probeDir, { recursive: true, force: true });
    }
  }
  return step;
}
