// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock check in the desktop services, with a fake time check (nothing is sent): at most one
 * query per unlock or resume, none when it is off or absent, the warning beyond 15 s only, and codes
 * computed with the measured offset once the user accepts it — compared with otpauth at now + offset.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClockMeasurement, ClockStatus } from '../../../electron/domain';
import type { EventChannel } from '../../../electron/ipc/contract';
import { validators } from '../../../electron/ipc/validators';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { toIpcError } from '../../../electron/services/error-report';
import { parseSettingsFile } from '../../../electron/services/settings';
import { TimeCheckError } from '../../../electron/time/sntp-client';
import type { TimeCheck } from '../../../electron/time/time-check';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PASSWORD = 'correct horse battery';
/** 12 s into a 30 s period: 42 s later is 24 s into the period after next. */
const NOW = 1_699_999_992_000;

/** A time check the test answers by hand; it records every server it was asked about. */
class FakeTimeCheck implements TimeCheck {
  readonly asked: string[] = [];
  private waiting: { resolve: (m: ClockMeasurement) => void; reject: (e: Error) => void }[] = [];
  /** When set, each query answers at once with this offset (or error). */
  auto: number | Error | null = null;

  constructor(private readonly clock: FakeClock) {}

  measure(server: string): Promise<ClockMeasurement> {
    this.asked.push(server);
    if (this.auto instanceof Error) return Promise.reject(this.auto);
    if (this.auto !== null) return Promise.resolve(this.reading(this.auto, server));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
  /** Answers the oldest open query. */
  answer(offsetMs: number): void {
    this.waiting.shift()?.resolve(this.reading(offsetMs, this.asked.at(-1) ?? ''));
  }
  private reading(offsetMs: number, server: string): ClockMeasurement {
    return { server, offsetMs, roundTripMs: 18, at: this.clock.now() };
  }
}

let dir: string;
let clock: FakeClock;
let clipboard: MemoryClipboard;
let events: { channel: EventChannel; payload: unknown }[];
const running: AppServices[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-clock-'));
  clock = new FakeClock(NOW);
  clipboard = new MemoryClipboard();
  events = [];
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const vaultPath = (): string => path.join(dir, 'vault.tessera');
const settingsFile = (): string => path.join(dir, 'settings.json');

function services(timeCheck?: TimeCheck): AppServices {
  const s = createAppServices({
    vaultPath: vaultPath(),
    clipboard,
    clock,
    emit: (channel, payload) => events.push({ channel, payload }),
    kdfParams: KDF_FLOOR,
    ...(timeCheck ? { timeCheck } : {}),
  });
  running.push(s);
  return s;
}

/** Lets the check's promise chain settle (the fake answers at once or on `answer`). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const clockEvents = (): ClockStatus[] =>
  events.filter((e) => e.channel === 'clock:changed').map((e) => e.payload as ClockStatus);

const totpAt = (ms: number): string =>
  new TOTP({ secret: Secret.fromBase32(SECRET_B32), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: ms,
  });

async function withAccount(s: AppServices): Promise<string> {
  const entry = await s.entries.add({ type: 'totp', issuer: 'Example', account: 'alice', secret: SECRET_B32 });
  return entry.id;
}

describe('when the clock is checked', () => {
  it('asks once after an unlock and once after a resume, never twice at a time', async () => {
    const check = new FakeTimeCheck(clock);
    const s = services(check);
    await s.vault.create(PASSWORD);
    expect(check.asked).toEqual(['pool.ntp.org']);
    // A resume while that query runs does not start another.
    s.resumed();
    await settle();
    expect(check.asked).toHaveLength(1);
    check.answer(200);
    await settle();
    s.resumed();
    await settle();
    expect(check.asked).toHaveLength(2);
    check.answer(200);
    await settle();
    await s.lock('manual');
    // Locked: the resume waits for the unlock, which checks.
    s.resumed();
    await settle();
    expect(check.asked).toHaveLength(2);
    await s.vault.unlock(PASSWORD);
    await settle();
    expect(check.asked).toHaveLength(3);
    check.answer(200);
    await settle();
  });

  it('asks the server named in the settings', async () => {
    writeFileSync(settingsFile(), JSON.stringify({ version: 1, clockServer: '[2001:db8::1]:1123' }));
    const check = new FakeTimeCheck(clock);
    const s = services(check);
    await s.vault.create(PASSWORD);
    await settle();
    expect(check.asked).toEqual(['[2001:db8::1]:1123']);
  });

  it('asks nothing when the check is turned off, and refuses “Check now”', async () => {
    writeFileSync(settingsFile(), JSON.stringify({ version: 1, clockCheck: false }));
    const check = new FakeTimeCheck(clock);
    const s = services(check);
    await s.vault.create(PASSWORD);
    s.resumed();
    await settle();
    await expect(s.clock.checkNow()).rejects.toThrow(
      'Checking the clock is turned off. Turn on “Check the clock” first.',
    );
    expect(check.asked).toEqual([]);
    expect(clockEvents()).toEqual([]);
  });

  it('asks nothing without a time check (the default: tests, benchmarks, the Chromium tier)', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    s.resumed();
    const refused = await s.clock.checkNow().catch((e: unknown) => e);
    expect(toIpcError(refused)).toEqual({ code: 'unavailable', message: 'Checking the clock is not available here.' });
    expect(s.clock.status()).toMatchObject({ measured: null, checking: false, warning: false });
  });

  it('turning the check off stops the next query', async () => {
    const check = new FakeTimeCheck(clock);
    check.auto = 100;
    const s = services(check);
    await s.vault.create(PASSWORD);
    await settle();
    await s.settings.update({ clockCheck: false });
    s.resumed();
    await settle();
    expect(check.asked).toHaveLength(1);
  });
});

describe('what the window is told', () => {
  it.each([
    [15_000, false],
    [-15_000, false],
    [15_001, true],
    [-20_000, true],
    [42_000, true],
    [300, false],
  ])('an offset of %i ms warns: %s', async (offsetMs, warning) => {
    const check = new FakeTimeCheck(clock);
    check.auto = offsetMs;
    const s = services(check);
    await s.vault.create(PASSWORD);
    await settle();
    expect(clockEvents().map((e) => e.checking)).toEqual([true, false]);
    expect(clockEvents().at(-1)).toEqual({
      measured: { server: 'pool.ntp.org', offsetMs, roundTripMs: 18, at: NOW },
      problem: null,
      checking: false,
      correction: null,
      warning,
    });
  });

  it('says why a check failed, and keeps the last measurement', async () => {
    const check = new FakeTimeCheck(clock);
    check.auto = 42_000;
    const s = services(check);
    await s.vault.create(PASSWORD);
    await settle();
    check.auto = new TimeCheckError('timeout', 'The time server pool.ntp.org did not answer within 3 seconds.');
    s.resumed();
    await settle();
    expect(s.clock.status()).toMatchObject({
      problem: 'The time server pool.ntp.org did not answer within 3 seconds.',
      measured: { offsetMs: 42_000 },
      warning: true,
    });
  });
});

describe('the corrected time', () => {
  it('computes every code with the measured offset once accepted, and back', async () => {
    const check = new FakeTimeCheck(clock);
    check.auto = 42_000;
    const s = services(check);
    await s.vault.create(PASSWORD);
    const id = await withAccount(s);
    await settle();
    expect(s.codes.current()[0]?.code).toBe(totpAt(NOW));
    expect(totpAt(NOW + 42_000)).not.toBe(totpAt(NOW));
    const vaultBefore = readFileSync(vaultPath());

    events = [];
    const status = await s.clock.useCorrected();
    expect(status).toMatchObject({ correction: { offsetMs: 42_000, server: 'pool.ntp.org' }, warning: false });
    // The window hears of the new time before the codes computed with it.
    expect(events.map((e) => e.channel).slice(0, 2)).toEqual(['clock:changed', 'codes:update']);

    const [snapshot] = s.codes.current();
    expect(snapshot?.code).toBe(totpAt(NOW + 42_000));
    // Validity is on the corrected time, which the renderer's clock follows (renderer/clock/app-clock.ts).
    expect(snapshot?.validUntil).toBe((Math.floor((NOW + 42_000) / 30_000) + 1) * 30_000);
    await s.codes.copy(id);
    expect(clipboard.text).toBe(totpAt(NOW + 42_000));
    expect(s.codes.preview({ type: 'totp', secret: SECRET_B32 }).code).toBe(totpAt(NOW + 42_000));

    // Kept in this computer's settings, never in the vault.
    expect(parseSettingsFile(readFileSync(settingsFile(), 'utf8')).settings.clockCorrection).toEqual({
      server: 'pool.ntp.org',
      offsetMs: 42_000,
      roundTripMs: 18,
      at: NOW,
    });
    expect(readFileSync(vaultPath()).equals(vaultBefore)).toBe(true);

    await s.clock.useSystemClock();
    expect(s.codes.current()[0]?.code).toBe(totpAt(NOW));
    expect(s.clock.status()).toMatchObject({ correction: null, warning: true });
  });

  it('pushes at the corrected time’s period boundaries', async () => {
    const check = new FakeTimeCheck(clock);
    check.auto = 42_000;
    const s = services(check);
    await s.vault.create(PASSWORD);
    await withAccount(s);
    await settle();
    await s.clock.useCorrected();
    events = [];
    // Corrected now is 24 s into its period: the preview push is due 1 s later (5 s before the boundary).
    clock.advance(990);
    expect(events.filter((e) => e.channel === 'codes:update')).toHaveLength(0);
    clock.advance(20);
    const pushed = events.filter((e) => e.channel === 'codes:update');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.payload).toMatchObject([
      { code: totpAt(clock.now() + 42_000), next: totpAt(clock.now() + 42_000 + 5_000) },
    ]);
  });

  it('follows a new measurement while in use, and ignores jitter', async () => {
    const check = new FakeTimeCheck(clock);
    check.auto = 42_000;
    const s = services(check);
    await s.vault.create(PASSWORD);
    await withAccount(s);
    await settle();
    await s.clock.useCorrected();

    check.auto = 42_600; // within a second: not news
    s.resumed();
    await settle();
    expect(s.clock.status().correction?.offsetMs).toBe(42_000);

    check.auto = 1_000; // the computer's clock was set (nearly) right meanwhile
    s.resumed();
    await vi.waitFor(() => expect(s.clock.status().correction?.offsetMs).toBe(1_000));
    expect(s.codes.current()[0]?.code).toBe(totpAt(clock.now() + 1_000));
  });

  it('applies a stored correction from the start, without asking anything', async () => {
    writeFileSync(
      settingsFile(),
      JSON.stringify({
        version: 1,
        clockCheck: false,
        clockCorrection: { server: 'pool.ntp.org', offsetMs: -60_000, roundTripMs: 20, at: NOW - 1000 },
      }),
    );
    const check = new FakeTimeCheck(clock);
    const s = services(check);
    await s.vault.create(PASSWORD);
    await withAccount(s);
    expect(s.codes.current()[0]?.code).toBe(totpAt(NOW - 60_000));
    expect(check.asked).toEqual([]);
  });

  it('needs a measurement first, and the vault open', async () => {
    const s = services(new FakeTimeCheck(clock));
    await expect(s.clock.useCorrected()).rejects.toThrow(/locked/);
    await s.vault.create(PASSWORD);
    const refused = await s.clock.useCorrected().catch((e: unknown) => e);
    expect(toIpcError(refused)).toEqual({
      code: 'unavailable',
      message: 'There is no measurement to use yet. Check the clock first.',
    });
  });
});

describe('the settings of the clock', () => {
  it('are checked: the server by its address rules, the correction never from the window', () => {
    expect(validators['settings:update']({ clockServer: 'time.example.com:1123' })).toEqual({
      ok: true,
      value: { clockServer: 'time.example.com:1123' },
    });
    expect(validators['settings:update']({ clockServer: 'pool.ntp.org:99999' })).toEqual({
      ok: false,
      message: 'The port after “:” must be a number from 1 to 65535.',
    });
    expect(validators['settings:update']({ clockCheck: 'yes' })).toMatchObject({ ok: false });
    expect(
      validators['settings:update']({
        clockCorrection: { server: 'pool.ntp.org', offsetMs: 42_000, roundTripMs: 1, at: 1 },
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/clockCorrection/) });
    for (const channel of ['clock:status', 'clock:check', 'clock:use-corrected', 'clock:use-system'] as const) {
      expect(validators[channel](null)).toEqual({ ok: true, value: null });
      expect(validators[channel]({ offsetMs: 1 })).toMatchObject({ ok: false });
    }
  });

  it('default to checking pool.ntp.org with this computer’s clock; a damaged correction is dropped', () => {
    expect(parseSettingsFile('{}').settings).toMatchObject({
      clockCheck: true,
      clockServer: 'pool.ntp.org',
      clockCorrection: null,
    });
    const parsed = parseSettingsFile(
      JSON.stringify({ clockCorrection: { server: 'pool.ntp.org', offsetMs: '42', roundTripMs: 1, at: 1 } }),
    );
    expect(parsed.settings.clockCorrection).toBeNull();
    expect(parsed.notes).toEqual([
      {
        setting: 'clockCorrection',
        message: 'The clock correction must be a measured offset or nothing. The default is in use.',
      },
    ]);
  });
});
