// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A crash during a merge-save (issue #18): a child process merging a conflict copy into a big vault
 * (`mergeCopy`, which saves the merge) is SIGKILLed at random moments. After every kill the vault
 * opens — to its state before the merge or to the whole merge, nothing in between — its previous
 * generation opens too, and the conflict copy is still there, byte for byte (only the absorber
 * moves it, after a verified save).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createVault,
  previousGenerationPath,
  unlockVault,
  type NewVaultEntry,
  type VaultOptions,
} from '../../../electron/vault';
import { bundleCjs } from './helpers/bundle';
import { prng } from './helpers/crash-runner';
import { createFakeKdf, fastOptions, memoryTempDir, totpEntry } from './helpers/fakes';

const PASSWORD = 'merge crash password';
const KILLS = 24;
const BASE_ACCOUNTS = 3_000;
const COPY_ACCOUNTS = 1_000;

let childScript: string;
let tmp: ReturnType<typeof memoryTempDir>;

beforeAll(async () => {
  childScript = await bundleCjs('test/electron/vault/helpers/merge-child.ts', 'merge-child', { sodiumLite: true });
  tmp = memoryTempDir('tessera-merge-crash-');
});
afterAll(() => {
  tmp.cleanup();
  rmSync(childScript, { force: true });
});

function accounts(prefix: string, n: number): NewVaultEntry[] {
  return Array.from({ length: n }, (_, i) =>
    totpEntry({ issuer: `${prefix} ${i}`, notes: `notes of ${prefix} ${i}`, tags: ['Work'] }),
  );
}

/**
 * Runs the child; kills it `delay` ms after it said `opened`. Returns whether it finished the merge
 * first, and how long the merge took from `opened` when it did.
 */
function killDuringMerge(vault: string, copy: string, delay: number): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, vault, copy, PASSWORD], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    let opened = 0;
    let ms = 0;
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.includes('opened\n')) {
        opened = performance.now();
        timer = setTimeout(() => child.kill('SIGKILL'), delay);
      }
      if (!ms && out.includes('merged')) ms = performance.now() - opened;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (code ${code}): ${err}`));
      else resolve({ finished: out.includes('merged'), ms });
    });
  });
}

async function countAccounts(opts: VaultOptions): Promise<number> {
  const v = await unlockVault(opts, PASSWORD);
  try {
    return v.entries().length;
  } finally {
    v.lock();
  }
}

describe('a crash during a merge-save', () => {
  it(
    `leaves a vault that opens and the conflict copy in place, over ${KILLS} SIGKILLs`,
    { timeout: 300_000 },
    async () => {
      const opts: VaultOptions = { ...fastOptions(tmp.dir), kdf: createFakeKdf() };
      const vault = await createVault(opts, PASSWORD);
      await vault.add(accounts('Base', BASE_ACCOUNTS));
      vault.lock();
      const original = readFileSync(opts.path);
      // The conflict copy: the same vault, with accounts added on "another computer".
      const copyPath = path.join(tmp.dir, 'vault.sync-conflict-20260601-101010-ABCDEF1.tessera');
      copyFileSync(opts.path, copyPath);
      const other = await unlockVault({ ...opts, path: copyPath }, PASSWORD);
      await other.add(accounts('Copy', COPY_ACCOUNTS));
      other.lock();
      rmSync(`${copyPath}.prev`, { force: true });
      const copyBytes = readFileSync(copyPath);

      // One run to the end, to time the merge on this machine (kills then land across it).
      writeFileSync(opts.path, original);
      const timing = await killDuringMerge(opts.path, copyPath, 60_000);
      expect(timing.finished).toBe(true);
      expect(await countAccounts(opts)).toBe(BASE_ACCOUNTS + COPY_ACCOUNTS);

      const random = prng(Date.now() % 1_000_000);
      const seen = { before: 0, merged: 0 };
      for (let i = 0; i < KILLS; i++) {
        writeFileSync(opts.path, original); // every round merges the same copy into the same vault
        const { finished } = await killDuringMerge(opts.path, copyPath, random() * timing.ms * 1.4);
        const count = await countAccounts(opts);
        expect([BASE_ACCOUNTS, BASE_ACCOUNTS + COPY_ACCOUNTS]).toContain(count);
        if (count === BASE_ACCOUNTS) seen.before++;
        else seen.merged++;
        if (finished) expect(count).toBe(BASE_ACCOUNTS + COPY_ACCOUNTS);
        const prev = previousGenerationPath(opts.path);
        // The previous generation opens too: after the merge's save it is the vault the merge replaced.
        if (existsSync(prev)) {
          const before = await countAccounts({ ...opts, path: prev });
          if (count !== BASE_ACCOUNTS) expect(before).toBe(BASE_ACCOUNTS);
        }
        expect(readFileSync(copyPath).equals(copyBytes)).toBe(true);
      }
      // The kills landed on both sides of the save: some before it replaced the vault, some after.
      expect(seen.before).toBeGreaterThan(0);
      expect(seen.merged).toBeGreaterThan(0);
    },
  );
});
