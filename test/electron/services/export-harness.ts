// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the export service tests share: the passwords and the clock's start, the mixed accounts they
 * export, and (per test, through beforeEach/afterEach) a temp folder, a fake save dialog writing
 * into it, and the app's services over a real vault there.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { EventChannel } from '../../../electron/ipc/contract';
import type { AppServices } from '../../../electron/services/app-services';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import type { NewVaultEntry } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { testServices } from './test-services';

export const PASSWORD = 'correct horse battery';
export const EXPORT_PASSWORD = 'another long password';
export const T0 = Date.UTC(2024, 0, 31, 12, 0, 0);
/** The local date of T0, as the default file names spell it (it depends on the machine's time zone). */
export const DAY = ((d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`)(
  new Date(T0),
);

/** A distinct secret per account: 20 bytes of `seed`. */
const secret = (seed: number): Uint8Array => new Uint8Array(20).fill(seed);

/** A TOTP account (SHA1, 6 digits, 30 s) with `extra` over it. */
export function totp(issuer: string, account: string, seed: number, extra: Partial<NewVaultEntry> = {}): NewVaultEntry {
  return {
    type: 'totp',
    issuer,
    account,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: secret(seed),
    ...extra,
  };
}

/** Four accounts that exercise every format: tags and notes, HOTP, Steam, and "Slow" with `slow`'s parameters. */
export const mixedEntries = (slow: Partial<NewVaultEntry>): NewVaultEntry[] => [
  totp('GitHub', 'alice@example.com', 1, {
    tags: ['Work', 'Code'],
    notes: 'recovery codes in the safe',
    favourite: true,
  }),
  { ...totp('Bank', 'alice', 2), type: 'hotp', period: null, counter: 7, digits: 8, algorithm: 'SHA256' },
  { ...totp('Steam', 'gamer', 3), type: 'steam', digits: 5 },
  totp('Slow', 'bob', 4, slow),
];

export interface ExportHarness {
  /** The folder the save dialog saves into. */
  readonly outDir: string;
  /** What the save dialog answers next: a file name in `outDir`, or null for Cancel. */
  nextSave: string | null;
  /** What the save dialog was asked. */
  readonly dialogs: Parameters<DesktopPorts['pickSavePath']>[0][];
  readonly clock: FakeClock;
  /** What the services emitted. */
  readonly events: { channel: EventChannel; payload: unknown }[];
  /** An unlocked vault holding `entries`, with the idle lock and automatic backups off (not what is tested here). */
  vaultWith(entries: NewVaultEntry[]): Promise<AppServices>;
}

/** Sets up each test of the file (a fresh folder, clock and dialog) and shuts its services down after. */
export function useExportHarness(prefix: string): ExportHarness {
  let dir = '';
  const running: AppServices[] = [];
  const h: ExportHarness = {
    outDir: '',
    nextSave: null,
    dialogs: [],
    clock: new FakeClock(T0),
    events: [],
    async vaultWith(entries) {
      const desktop: DesktopPorts = {
        ...NO_DESKTOP,
        pickSavePath: async (options) => {
          h.dialogs.push(options);
          return h.nextSave === null ? null : path.join(h.outDir, h.nextSave);
        },
      };
      const s = testServices({
        vaultPath: path.join(dir, 'vault.tessera'),
        clock: h.clock,
        emit: (channel, payload) => h.events.push({ channel, payload }),
        desktop,
      });
      running.push(s);
      await s.vault.create(PASSWORD);
      await s.settings.update({ autoLockMinutes: 0, autoBackup: false });
      if (entries.length > 0) await s.vault.open().add(entries);
      return s;
    },
  };
  const state = h as { -readonly [K in keyof ExportHarness]: ExportHarness[K] };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    state.outDir = path.join(dir, 'out');
    mkdirSync(state.outDir);
    state.nextSave = null;
    state.dialogs = [];
    state.clock = new FakeClock(T0);
    state.events = [];
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });
  return h;
}
