// SPDX-License-Identifier: GPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { afterAll, describe, expect, it } from 'vitest';
import {
  calibrateKdfParams,
  chooseKdfParams,
  createInlineKdf,
  createWorkerKdf,
  KDF_CALIBRATION_LADDER,
  KDF_CEILING,
  KDF_DEFAULT,
  KDF_FLOOR,
  kdfParamsInBounds,
  raisedKdfParams,
  type Kdf,
  type KdfParams,
} from '../../../electron/vault';
import { KDF_WORKER_FILE } from '../../../electron/vault/kdf-worker';
import { workerScriptPath } from '../../../electron/workers/locate';
import { bundleLikeOutMain, entryName, ROOT } from '../workers/bundle';

const MiB = 1024 * 1024;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const password = new TextEncoder().encode('pässwörd');
const salt = Uint8Array.from({ length: 16 }, (_, i) => i);

const bundles: string[] = [];
afterAll(() => bundles.forEach((b) => rmSync(b, { recursive: true, force: true })));

describe('bounds', () => {
  it('accepts exactly [floor, ceiling] in whole KiB', () => {
    expect(kdfParamsInBounds(KDF_FLOOR)).toBe(true);
    expect(kdfParamsInBounds(KDF_DEFAULT)).toBe(true);
    expect(kdfParamsInBounds(KDF_CEILING)).toBe(true);
    expect(kdfParamsInBounds({ opslimit: 1, memlimit: 64 * MiB })).toBe(false);
    expect(kdfParamsInBounds({ opslimit: 2, memlimit: 64 * MiB - 1024 })).toBe(false);
    expect(kdfParamsInBounds({ opslimit: 11, memlimit: 64 * MiB })).toBe(false);
    expect(kdfParamsInBounds({ opslimit: 2, memlimit: 1024 * MiB + 1024 })).toBe(false);
    expect(kdfParamsInBounds({ opslimit: 2.5, memlimit: 64 * MiB })).toBe(false);
    expect(kdfParamsInBounds({ opslimit: 2, memlimit: 64 * MiB + 1 })).toBe(false);
  });

  it('has every calibration rung inside the bounds, weakest first', () => {
    for (const p of KDF_CALIBRATION_LADDER) expect(kdfParamsInBounds(p)).toBe(true);
    const cost = KDF_CALIBRATION_LADDER.map((p) => p.opslimit * p.memlimit);
    expect([...cost].sort((a, b) => a - b)).toEqual(cost);
  });

  it('refuses to derive with out-of-bounds parameters or a wrong salt length', async () => {
    const kdf = createInlineKdf();
    await expect(kdf.derive(password, salt, { opslimit: 1, memlimit: 8192 })).rejects.toThrow(RangeError);
    await expect(kdf.derive(password, salt.subarray(1), KDF_FLOOR)).rejects.toThrow(RangeError);
  });
});

describe('chooseKdfParams (pure)', () => {
  const at = (ms: number): KdfParams => chooseKdfParams({ params: KDF_DEFAULT, ms }, 1000);
  it('keeps the default around the target', () => {
    expect(at(700)).toEqual(KDF_DEFAULT);
    expect(at(1400)).toEqual(KDF_DEFAULT); // within 1.5 × target
  });
  it('steps down on slow machines, never below the floor', () => {
    expect(at(1700)).toEqual({ opslimit: 3, memlimit: 128 * MiB }); // est. 850 ms
    expect(at(2500)).toEqual({ opslimit: 2, memlimit: 128 * MiB }); // est. 833 ms
    expect(at(3500)).toEqual(KDF_FLOOR); // est. 583 ms
    expect(at(60_000)).toEqual(KDF_FLOOR); // even when the floor is over target
  });
  it('steps up on fast machines within the ladder, only with headroom (≤ 0.5 × target)', () => {
    expect(at(480)).toEqual(KDF_DEFAULT); // 3 / 512 MiB est. 960 ms: within the target, not within the headroom
    expect(at(300)).toEqual(KDF_DEFAULT); // est. 600 ms
    expect(at(250)).toEqual({ opslimit: 3, memlimit: 512 * MiB }); // est. 500 ms
    expect(at(180)).toEqual({ opslimit: 4, memlimit: 512 * MiB }); // est. 480 ms
    expect(at(1)).toEqual(KDF_CALIBRATION_LADDER.at(-1));
  });
  it('honours another target', () => {
    expect(chooseKdfParams({ params: KDF_DEFAULT, ms: 700 }, 400)).toEqual({ opslimit: 3, memlimit: 128 * MiB });
  });
});

describe('calibrateKdfParams (fake clock)', () => {
  /** A stand-in KDF whose derivations take the given milliseconds, in turn, on `clock`. */
  function timedKdf(clock: { t: number }, ...ms: number[]): Kdf & { seen: KdfParams[] } {
    const seen: KdfParams[] = [];
    return {
      seen,
      async derive(_p, _s, params) {
        clock.t += ms[seen.length % ms.length] ?? 0;
        seen.push(params);
        return new Uint8Array(32);
      },
    };
  }
  it('times three derivations at the default parameters and picks from the fastest', async () => {
    for (const [ms, expected] of [
      [600, KDF_DEFAULT],
      [2000, { opslimit: 3, memlimit: 128 * MiB }],
      [180, { opslimit: 4, memlimit: 512 * MiB }],
    ] as const) {
      const clock = { t: 5000 };
      const kdf = timedKdf(clock, ms);
      expect(await calibrateKdfParams(kdf, { now: () => clock.t })).toEqual(expected);
      expect(kdf.seen).toEqual([KDF_DEFAULT, KDF_DEFAULT, KDF_DEFAULT]);
    }
  });
  it('a busy moment cannot weaken it: one fast derivation among slow ones decides', async () => {
    // Two derivations slowed down by other work (2.4 s, 1.9 s) and one undisturbed (700 ms).
    const clock = { t: 0 };
    expect(await calibrateKdfParams(timedKdf(clock, 2400, 1900, 700), { now: () => clock.t })).toEqual(KDF_DEFAULT);
    // Had the first one decided, the vault would have been made at 3 passes over 128 MiB.
    expect(chooseKdfParams({ params: KDF_DEFAULT, ms: 2400 }, 1000)).toEqual({ opslimit: 2, memlimit: 128 * MiB });
  });
  it('keeps the default up to 1.5 s, and applies the floor on a truly slow computer', async () => {
    const clock = { t: 0 };
    expect(await calibrateKdfParams(timedKdf(clock, 1500), { now: () => clock.t })).toEqual(KDF_DEFAULT);
    expect(await calibrateKdfParams(timedKdf(clock, 9000, 8000, 8500), { now: () => clock.t })).toEqual(KDF_FLOOR);
  });
  it('passes the target and the number of samples through', async () => {
    const clock = { t: 0 };
    const kdf = timedKdf(clock, 900);
    expect(await calibrateKdfParams(kdf, { now: () => clock.t, targetMs: 250, samples: 1 })).toEqual(KDF_FLOOR);
    expect(kdf.seen).toHaveLength(1);
  });
});

describe('raisedKdfParams (after an unlock)', () => {
  it('steps one rung up when the unlock shows the computer can afford it with headroom', () => {
    // 3 passes / 256 MiB in 200 ms: 3 / 512 MiB would take ~400 ms.
    expect(raisedKdfParams({ params: KDF_DEFAULT, ms: 200 }, KDF_DEFAULT)).toEqual({
      opslimit: 3,
      memlimit: 512 * MiB,
    });
    // Even faster: still one rung at a time, so every step is measured before the next.
    expect(raisedKdfParams({ params: KDF_DEFAULT, ms: 100 }, KDF_DEFAULT)).toEqual({
      opslimit: 3,
      memlimit: 512 * MiB,
    });
  });
  it('extrapolates only from a derivation at least as costly as the current parameters', () => {
    // An old vault at the floor opened in 40 ms: it is first brought up to the current parameters.
    expect(raisedKdfParams({ params: KDF_FLOOR, ms: 40 }, KDF_DEFAULT)).toBeNull();
  });
  it('raises a calibration that a busy first run left low', () => {
    const low = { opslimit: 2, memlimit: 128 * MiB };
    expect(raisedKdfParams({ params: low, ms: 200 }, low)).toEqual({ opslimit: 3, memlimit: 128 * MiB });
  });
  it('never lowers, and stays when the next rung would not fit', () => {
    expect(raisedKdfParams({ params: KDF_DEFAULT, ms: 5000 }, KDF_DEFAULT)).toBeNull();
    expect(raisedKdfParams({ params: KDF_DEFAULT, ms: 380 }, KDF_DEFAULT)).toBeNull(); // 3 / 512 est. 760 ms
    expect(raisedKdfParams({ params: KDF_DEFAULT, ms: 1 }, KDF_CALIBRATION_LADDER.at(-1) as KdfParams)).toBeNull();
  });
});

describe('Argon2id implementations agree', () => {
  it('libsodium crypto_pwhash = RFC 9106 Argon2id v1.3, p = 1, memory in KiB (checked against @node-rs/argon2)', async () => {
    const ours = await createInlineKdf().derive(password, salt, KDF_FLOOR);
    const native = await hashRaw(password, {
      algorithm: 2 as Algorithm, // Argon2id
      version: 1 as Version, // 0x13
      timeCost: KDF_FLOOR.opslimit,
      memoryCost: KDF_FLOOR.memlimit / 1024,
      parallelism: 1,
      outputLen: 32,
      salt,
    });
    expect(hex(ours)).toBe(hex(native));
  });

  it('the worker KDF gives the same key, serves several calls, and fails pending calls on close', async () => {
    const worker = createWorkerKdf({ idleMs: 50 });
    const inline = hex(await createInlineKdf().derive(password, salt, KDF_FLOOR));
    const [a, b] = await Promise.all([
      worker.derive(password, salt, KDF_FLOOR),
      worker.derive(password, salt, KDF_FLOOR),
    ]);
    expect(hex(a)).toBe(inline);
    expect(hex(b)).toBe(inline);
    expect(Array.from(password.subarray(0, 2))).toEqual([0x70, 0xc3]); // the caller's password is untouched
    await new Promise((r) => setTimeout(r, 120)); // idle: the worker exits; the next call starts a new one
    expect(hex(await worker.derive(password, salt, KDF_FLOOR))).toBe(inline);
    const pending = expect(worker.derive(password, salt, KDF_FLOOR)).rejects.toThrow(/closed/);
    await worker.close();
    await pending;
    await expect(worker.derive(password, salt, { opslimit: 1, memlimit: 1024 })).rejects.toThrow(RangeError);
    expect(hex(await worker.derive(password, salt, KDF_FLOOR))).toBe(inline); // closed, then a fresh thread
    await worker.close();
  });

  it('runs the built thread body (out/main/kdf-worker.js) from the sources', () => {
    expect(workerScriptPath(KDF_WORKER_FILE)).toBe(path.join(ROOT, 'out', 'main', KDF_WORKER_FILE));
  });

  it('works from a CommonJS bundle (as electron-vite builds out/main) and lets the process exit when idle', async () => {
    const dir = await bundleLikeOutMain('vault-kdf', {
      index: 'electron/vault/index.ts',
      [entryName(KDF_WORKER_FILE)]: 'electron/vault/kdf-worker-entry.ts',
    });
    bundles.push(dir);
    const script = `
      const v = require(${JSON.stringify(path.join(dir, 'index.js'))});
      const kdf = v.createWorkerKdf();
      kdf.derive(Buffer.from(${JSON.stringify(hex(password))}, 'hex'), Buffer.from(${JSON.stringify(hex(salt))}, 'hex'), v.KDF_FLOOR)
        .then((k) => process.stdout.write(Buffer.from(k).toString('hex')));`;
    const out = execFileSync(process.execPath, ['-e', script], { timeout: 20_000, encoding: 'utf8' });
    expect(out).toBe(hex(await createInlineKdf().derive(password, salt, KDF_FLOOR)));
  });
});
