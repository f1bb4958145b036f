// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which computer, and which boot of it, this process runs on: what the vault's lock file
 * (lock-file.ts) and the temp files of a save (storage.ts) are named after, and what a lock found
 * there is judged by. A vault in a synchronised folder is seen by several computers; the lock only
 * keeps the processes of one computer from saving at the same time (the computers agree by merging,
 * merge.ts), so each computer locks under its own name and never reads, waits for or deletes the
 * lock of another.
 *
 * - `tag`, 8 hex digits naming this computer's files beside the vault: a SHA-256 of the Linux
 *   machine id (`/etc/machine-id`, which stays the same when the computer is renamed) where there
 *   is one, else of the host name in lower case. The machine id itself is never written anywhere.
 * - `host`: `os.hostname()`, written into the lock for a person reading it.
 * - `bootId`: `linux:<uuid>` from `/proc/sys/kernel/random/boot_id`, a random id the kernel makes at
 *   each boot (exact). Elsewhere there is no such id without starting a process, so it is
 *   `booted:<unix seconds>`, the boot time as now minus `os.uptime()` (macOS: `kern.boottime`;
 *   Windows: its tick count), which a clock correction shifts: it is only compared as "was this
 *   lock taken before this computer started?" (lock-found.ts), never for equality.
 *
 * Read once per process (a few tiny files, no process started), never per save.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface ComputerIdentity {
  /** 8 lower-case hex digits naming this computer's lock and temp files beside the vault. */
  readonly tag: string;
  /** The host name, for people reading a lock file. */
  readonly host: string;
  /** `linux:<uuid>` (exact, one per boot) or `booted:<unix seconds>` (approximate boot time). */
  readonly bootId: string;
  /** Wall-clock milliseconds at which this computer started, as this process measured it. */
  readonly bootedAt: number;
}

/** What {@link identify} reads; the default reads this computer. */
export interface ComputerProbe {
  readonly platform: NodeJS.Platform;
  hostname(): string;
  /** Seconds since this computer started (`os.uptime()`). */
  uptimeSeconds(): number;
  /** Wall-clock milliseconds. */
  now(): number;
  /** A small system file's text, or null when it cannot be read. */
  readText(file: string): string | null;
}

const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];
const BOOT_ID_FILE = '/proc/sys/kernel/random/boot_id';
const MACHINE_ID = /^[0-9a-f]{32}$/;
const BOOT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A computer tag: 8 hex digits of a SHA-256, so nothing of the host name or machine id shows. */
export function computerTag(hostname: string, machineId: string | null): string {
  const source = machineId ? `machine-id:${machineId}` : `host:${hostname.toLowerCase()}`;
  return createHash('sha256').update(`tessera computer\0${source}`).digest('hex').slice(0, 8);
}

/** Whether a boot id is the exact kind (one random id per boot). */
export function isExactBootId(bootId: string | null | undefined): boolean {
  return typeof bootId === 'string' && bootId.startsWith('linux:');
}

function firstMatch(probe: ComputerProbe, files: readonly string[], pattern: RegExp): string | null {
  for (const file of files) {
    const text = probe.readText(file)?.trim().toLowerCase();
    if (text && pattern.test(text)) return text;
  }
  return null;
}

/** This computer as `probe` sees it. */
export function identify(probe: ComputerProbe): ComputerIdentity {
  const host = probe.hostname();
  const now = probe.now();
  const uptime = probe.uptimeSeconds();
  const bootedAt = Math.round(now - (Number.isFinite(uptime) && uptime > 0 ? Math.min(uptime * 1000, now) : 0));
  const linux = probe.platform === 'linux';
  const machineId = linux ? firstMatch(probe, MACHINE_ID_FILES, MACHINE_ID) : null;
  const bootUuid = linux ? firstMatch(probe, [BOOT_ID_FILE], BOOT_UUID) : null;
  return {
    tag: computerTag(host, machineId),
    host,
    bootId: bootUuid ? `linux:${bootUuid}` : `booted:${Math.round(bootedAt / 1000)}`,
    bootedAt,
  };
}

const nodeProbe: ComputerProbe = {
  platform: process.platform,
  hostname: () => os.hostname(),
  uptimeSeconds: () => os.uptime(),
  now: () => Date.now(),
  readText(file) {
    try {
      return readFileSync(file, 'utf8').slice(0, 256);
    } catch {
      return null;
    }
  },
};

let cached: ComputerIdentity | null = null;

/** This computer, read once per process. */
export function thisComputer(): ComputerIdentity {
  cached ??= identify(nodeProbe);
  return cached;
}
