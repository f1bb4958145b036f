// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Argon2id parameters as policy data (default, floor, ceiling), the `Kdf` port, the same-thread
 * WebAssembly implementation, and calibration. The native implementation is kdf-native.ts, the
 * worker-thread one kdf-worker.ts, and the choice between them kdf-default.ts.
 *
 * The numbers start from libsodium's MODERATE (default) and INTERACTIVE (floor) presets;
 * docs/vault-format.md gives the bounds a file may ask for.
 */
import type { KdfEngine } from '../domain';
import { getSodium, KEY_BYTES, SALT_BYTES } from './crypto';

/** Argon2id cost: `opslimit` passes over `memlimit` bytes (libsodium `crypto_pwhash`, parallelism 1). */
export interface KdfParams {
  readonly opslimit: number;
  /** Bytes, a multiple of 1 KiB. */
  readonly memlimit: number;
}

const MiB = 1024 * 1024;

/** New vaults: libsodium MODERATE, ~0.7 s with the WASM build on a 2020s laptop. */
export const KDF_DEFAULT: KdfParams = Object.freeze({ opslimit: 3, memlimit: 256 * MiB });
/** Lowest parameters ever written or accepted from a file (libsodium INTERACTIVE). */
export const KDF_FLOOR: KdfParams = Object.freeze({ opslimit: 2, memlimit: 64 * MiB });
/**
 * Highest parameters accepted from a file: bounds the work of one derivation. What a whole file
 * may ask for (one password slot, at most one derivation at this ceiling) is kdf-budget.ts.
 */
export const KDF_CEILING: KdfParams = Object.freeze({ opslimit: 10, memlimit: 1024 * MiB });

/**
 * Derives a 32-byte key from password bytes with Argon2id. Implementations must not keep the
 * password; the caller owns (and wipes) both the password and the returned key.
 */
export interface Kdf {
  derive(password: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array>;
  /** Which implementation derives (Settings and `tessera info` say it); absent for test fakes. */
  engine?(): Promise<KdfEngine>;
}

/** The native Argon2id (kdf-native.ts). */
export const KDF_ENGINE_NATIVE: KdfEngine = Object.freeze({ name: 'native', fallbackReason: null });
/** libsodium's WebAssembly Argon2id, chosen on purpose (tests, the fixture script). */
export const KDF_ENGINE_WEBASSEMBLY: KdfEngine = Object.freeze({ name: 'webassembly', fallbackReason: null });

/** True when both parameters are integers inside [KDF_FLOOR, KDF_CEILING] and memlimit is whole KiB. */
export function kdfParamsInBounds(params: KdfParams): boolean {
  const { opslimit, memlimit } = params;
  return (
    Number.isSafeInteger(opslimit) &&
    Number.isSafeInteger(memlimit) &&
    memlimit % 1024 === 0 &&
    opslimit >= KDF_FLOOR.opslimit &&
    opslimit <= KDF_CEILING.opslimit &&
    memlimit >= KDF_FLOOR.memlimit &&
    memlimit <= KDF_CEILING.memlimit
  );
}

/** Whether `a` costs at least as much as `b` on both axes (saves never weaken a wrap). */
export function kdfParamsAtLeast(a: KdfParams, b: KdfParams): boolean {
  return a.opslimit >= b.opslimit && a.memlimit >= b.memlimit;
}

/**
 * Checks parameters a caller wants to write (VaultOptions.kdfParams). Out-of-bounds parameters here
 * are a programming error, never a user-facing condition, so this throws a RangeError.
 */
export function assertWritableKdfParams(params: KdfParams): void {
  if (!kdfParamsInBounds(params)) {
    throw new RangeError(
      `KDF parameters ops ${params.opslimit} / ${params.memlimit} bytes are outside ` +
        `[ops ${KDF_FLOOR.opslimit} / ${KDF_FLOOR.memlimit}, ops ${KDF_CEILING.opslimit} / ${KDF_CEILING.memlimit}]`,
    );
  }
}

/** Input checks shared by every Kdf implementation. */
export function assertDeriveInput(salt: Uint8Array, params: KdfParams): void {
  if (salt.length !== SALT_BYTES) throw new RangeError(`Argon2id salt must be ${SALT_BYTES} bytes`);
  assertWritableKdfParams(params);
}

/**
 * Argon2id on the calling thread. Blocks the event loop for the whole derivation (~0.1–1 s), so
 * main and the CLI use `createWorkerKdf()`, whose thread runs this one (kdf-worker-entry.ts); it
 * also serves the import worker, tests, benchmarks and the fixture script.
 */
export function createInlineKdf(): Kdf {
  return {
    engine: async () => KDF_ENGINE_WEBASSEMBLY,
    async derive(password, salt, params) {
      assertDeriveInput(salt, params);
      const s = await getSodium();
      return s.crypto_pwhash(
        KEY_BYTES,
        password,
        salt,
        params.opslimit,
        params.memlimit,
        s.crypto_pwhash_ALG_ARGON2ID13,
      );
    },
  };
}

/** Ladder of parameter sets calibration chooses from, weakest first; all inside the bounds. */
export const KDF_CALIBRATION_LADDER: readonly KdfParams[] = Object.freeze([
  KDF_FLOOR,
  { opslimit: 2, memlimit: 128 * MiB },
  { opslimit: 3, memlimit: 128 * MiB },
  KDF_DEFAULT,
  { opslimit: 3, memlimit: 512 * MiB },
  { opslimit: 4, memlimit: 512 * MiB },
]);

/** How far over the target the default may run before calibration steps down from it. */
export const KDF_DEFAULT_TOLERANCE = 1.5;

/**
 * Share of the target a rung above the default must fit in. The default is already strong, the CLI
 * derives on every call and memory above 256 MiB is felt on small computers, so Tessera goes beyond
 * the default only where that still costs at most half the target; and the estimates extrapolate
 * (Argon2id slows more than linearly once its memory outgrows the caches) while Tessera never steps
 * down by itself.
 */
export const KDF_STRONGER_HEADROOM = 0.5;

/** One timed derivation: the parameters and the milliseconds it took. */
export interface KdfMeasurement {
  readonly params: KdfParams;
  readonly ms: number;
}

/** Milliseconds a derivation at `p` should take, extrapolated from `measured` (work = passes × memory). */
function estimateMs(measured: KdfMeasurement, p: KdfParams): number {
  return (measured.ms / (measured.params.opslimit * measured.params.memlimit)) * p.opslimit * p.memlimit;
}

/**
 * Picks parameters from a timed derivation. Argon2id time is close to linear in
 * opslimit × memlimit, so each rung's time is extrapolated from the measurement. Keeps the default
 * unless it would take more than 1.5 × the target; then takes the strongest weaker rung that fits
 * (never below the floor). On fast machines takes the strongest rung above the default that fits in
 * KDF_STRONGER_HEADROOM × the target.
 */
export function chooseKdfParams(measured: KdfMeasurement, targetMs: number): KdfParams {
  const estimate = (p: KdfParams): number => estimateMs(measured, p);
  const defaultIndex = KDF_CALIBRATION_LADDER.indexOf(KDF_DEFAULT);
  if (estimate(KDF_DEFAULT) <= targetMs * KDF_DEFAULT_TOLERANCE) {
    const stronger = KDF_CALIBRATION_LADDER.slice(defaultIndex + 1).filter(
      (p) => estimate(p) <= targetMs * KDF_STRONGER_HEADROOM,
    );
    return stronger.at(-1) ?? KDF_DEFAULT;
  }
  const weaker = KDF_CALIBRATION_LADDER.slice(0, defaultIndex).filter((p) => estimate(p) <= targetMs);
  return weaker.at(-1) ?? KDF_FLOOR;
}

/**
 * After an unlock: the parameters one rung above `current` when the unlock's derivation shows this
 * computer can afford them (as `chooseKdfParams` would pick them), else null. Never lower: a slow
 * unlock (a busy moment) says nothing about the computer, a fast one does. Only from a derivation
 * at least as costly as `current` (a weaker slot is first brought up to `current`, and the next
 * unlock measures that), and one rung at a time, so each step is measured before the next.
 */
export function raisedKdfParams(measured: KdfMeasurement, current: KdfParams, targetMs = 1000): KdfParams | null {
  if (!kdfParamsAtLeast(measured.params, current)) return null;
  const next = KDF_CALIBRATION_LADDER.find((p) => kdfParamsAtLeast(p, current) && !sameKdfParams(p, current));
  if (!next) return null;
  const affordable = chooseKdfParams(measured, targetMs);
  return kdfParamsAtLeast(affordable, next) ? next : null;
}

/** Whether two parameter sets are the same. */
export function sameKdfParams(a: KdfParams, b: KdfParams): boolean {
  return a.opslimit === b.opslimit && a.memlimit === b.memlimit;
}

/** Options of `calibrateKdfParams`; `now` is injectable so tests use a fake clock. */
export interface CalibrationOptions {
  /** Unlock time to aim for, in ms. Default 1000. */
  readonly targetMs?: number;
  /** Monotonic milliseconds. Default `performance.now`. */
  readonly now?: () => number;
  /** Derivations timed; the fastest counts. Default 3. */
  readonly samples?: number;
}

/**
 * Times `samples` derivations at the default parameters with `kdf` (pass the KDF that unlocks use)
 * and returns the parameters to store for this computer, chosen from the fastest: other work on the
 * computer only ever slows a derivation down, so the fastest is the one closest to what the
 * computer can do. Run once per computer, when its first vault is created.
 */
export async function calibrateKdfParams(kdf: Kdf, options: CalibrationOptions = {}): Promise<KdfParams> {
  const now = options.now ?? (() => performance.now());
  const targetMs = options.targetMs ?? 1000;
  const samples = Math.max(1, options.samples ?? 3);
  const password = new Uint8Array(16);
  const salt = new Uint8Array(SALT_BYTES);
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < samples; i++) {
    const started = now();
    const key = await kdf.derive(password, salt, KDF_DEFAULT);
    fastest = Math.min(fastest, now() - started);
    key.fill(0);
  }
  return chooseKdfParams({ params: KDF_DEFAULT, ms: fastest }, targetMs);
}
