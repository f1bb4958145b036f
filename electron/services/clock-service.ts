// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock check of the desktop app: after an unlock or a resume, at most one SNTP query (only
 * with Settings' "Check the clock" on), the last result for the window, and the corrected time the
 * user may choose for codes. The correction lives in this computer's settings.json, never in the
 * vault; while it is in use, each new measurement replaces it, so a clock that is later set right
 * (or drifts further) is followed at the next unlock or resume.
 */
import type { ClockMeasurement, ClockStatus } from '../domain';
import { TimeCheckError } from '../time/sntp-client';
import { CLOCK_WARNING_MS, type TimeCheck } from '../time/time-check';
import type { SettingsService } from './settings-service';

/** A correction is rewritten only when a new measurement differs by more than this (network jitter is not news). */
export const CORRECTION_REFRESH_MS = 1_000;

/** The request needs a check that is off, absent, or a measurement there is none of. */
export class ClockCheckUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockCheckUnavailableError';
  }
}

export interface ClockServiceDeps {
  readonly settings: SettingsService;
  /** The time check; null (unit tests, the Chromium tier, benchmarks): nothing is ever sent. */
  readonly timeCheck: TimeCheck | null;
  /** Tells the window (`clock:changed`). */
  readonly emit: (status: ClockStatus) => void;
  /** The correction in use changed: codes must be computed again. Called after `emit`. */
  readonly correctionChanged: () => void;
}

export interface ClockService {
  status(): ClockStatus;
  /** After an unlock or a resume: one query in the background, if the check is on and none is running. */
  checkAfter(event: 'unlock' | 'resume'): void;
  /** "Check now" in Settings: waits for the result. */
  checkNow(): Promise<ClockStatus>;
  /** Computes codes with the last measured offset from now on. */
  useCorrected(): Promise<ClockStatus>;
  /** Back to this computer's clock. */
  useSystemClock(): Promise<ClockStatus>;
  /** Milliseconds to add to this computer's clock for codes: the correction's offset, or 0. */
  correctionMs(): number;
}

const sameCorrection = (a: ClockMeasurement | null, b: ClockMeasurement | null): boolean =>
  a === b || (a !== null && b !== null && a.offsetMs === b.offsetMs && a.at === b.at && a.server === b.server);

/** One clock service's dependencies and state, shared by the helpers below. */
interface ClockCheck {
  readonly deps: ClockServiceDeps;
  /** The last measurement; kept when a later check fails. */
  measured: ClockMeasurement | null;
  /** Why the last check failed, or null. */
  problem: string | null;
  /** The check running now, if any. */
  running: Promise<ClockStatus> | null;
}

export function createClockService(deps: ClockServiceDeps): ClockService {
  const { settings } = deps;
  const c: ClockCheck = { deps, measured: null, problem: null, running: null };

  settings.onChange((view, previous) => {
    if (sameCorrection(view.settings.clockCorrection, previous.clockCorrection)) return;
    // The window learns the new offset before the codes computed with it arrive.
    deps.emit(status(c));
    deps.correctionChanged();
  });

  return {
    status: () => status(c),
    checkAfter() {
      if (deps.timeCheck === null || !settings.current().clockCheck) return;
      void start(c, deps.timeCheck);
    },
    async checkNow() {
      if (deps.timeCheck === null) throw new ClockCheckUnavailableError('Checking the clock is not available here.');
      if (!settings.current().clockCheck) {
        throw new ClockCheckUnavailableError('Checking the clock is turned off. Turn on “Check the clock” first.');
      }
      return start(c, deps.timeCheck);
    },
    async useCorrected() {
      if (c.measured === null) {
        throw new ClockCheckUnavailableError('There is no measurement to use yet. Check the clock first.');
      }
      await settings.update({ clockCorrection: c.measured });
      return status(c);
    },
    async useSystemClock() {
      await settings.update({ clockCorrection: null });
      return status(c);
    },
    correctionMs: () => settings.current().clockCorrection?.offsetMs ?? 0,
  };
}

function status(c: ClockCheck): ClockStatus {
  const correction = c.deps.settings.current().clockCorrection;
  const { measured } = c;
  return {
    measured,
    problem: c.problem,
    checking: c.running !== null,
    correction,
    warning: correction === null && measured !== null && Math.abs(measured.offsetMs) > CLOCK_WARNING_MS,
  };
}

/** Measures once; never rejects (a failure becomes the problem the window shows). */
async function measure(c: ClockCheck, check: TimeCheck): Promise<void> {
  const { settings } = c.deps;
  try {
    const reading = await check.measure(settings.current().clockServer);
    c.measured = reading;
    c.problem = null;
    const inUse = settings.current().clockCorrection;
    if (inUse && Math.abs(inUse.offsetMs - reading.offsetMs) > CORRECTION_REFRESH_MS) {
      // Kept on failure: the old correction is still better than none, and the next check tries again.
      await settings.update({ clockCorrection: reading }).catch(() => undefined);
    }
  } catch (error) {
    // The last measurement stays: a failed check does not mean the clock was set right.
    c.problem = error instanceof TimeCheckError ? error.message : 'The clock could not be checked. Try again later.';
  }
}

/** One query at a time: a second request while one runs gets the same answer. */
function start(c: ClockCheck, check: TimeCheck): Promise<ClockStatus> {
  if (c.running) return c.running;
  // Started on the next tick, so `running` is set before a check that settles at once can end.
  c.running = Promise.resolve()
    .then(() => measure(c, check))
    .then(() => {
      c.running = null;
      const done = status(c);
      c.deps.emit(done);
      return done;
    });
  c.deps.emit(status(c));
  return c.running;
}
