// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes of the open vault (`codes:*`). Time-based codes are computed on the corrected clock
 * and pushed to the window once per period (codes-pusher.ts, push-schedule.ts) instead of every
 * second; an HOTP code is shown only after the user asks for the next one, and stays until the
 * next request or the lock. Also: copying a code (or the next period's) to the clipboard, counted in
 * this computer's usage (usage-service.ts, never the vault), and the add form's live preview.
 */
import type { Clock, CodePreview, CodePreviewInput, CodeSnapshot, UsageMap } from '../domain';
import { codeSnapshot, codesForEntries, validateEntryInput } from '../otp';
import type { UnlockedVault } from '../vault';
import type { VaultEntry } from '../vault/entry';
import type { ClipboardGuard } from './clipboard-guard';
import { createCodesPusher } from './codes-pusher';
import type { EntriesService } from './entries-service';
import { InvalidEntryError } from './errors';
import { nextPushAt } from './push-schedule';
import type { VaultUsage } from './usage-service';
import type { VaultService } from './vault-service';

/**
 * The one clock codes are computed with: this computer's, plus the correction the user chose
 * (clock-service.ts). TOTP codes, copies, previews and the push schedule all read it; the
 * auto-lock, the clipboard and the vault keep this computer's clock.
 */
export function correctedClock(clock: Clock, correctionMs: () => number): Clock {
  return {
    now: () => clock.now() + correctionMs(),
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle),
  };
}

export interface CodesServiceDeps {
  /** The corrected clock (correctedClock). */
  readonly clock: Clock;
  readonly vault: Pick<VaultService, 'open' | 'isUnlocked'>;
  readonly entries: Pick<EntriesService, 'shown' | 'find' | 'push'>;
  /** The open vault, first brought up to date with the file (vault-sync.ts). */
  readonly openFresh: () => Promise<UnlockedVault>;
  readonly clipboard: Pick<ClipboardGuard, 'copy'>;
  /** This computer's count of copies (usage.json in the app data folder): a copy never saves the vault. */
  readonly usage: Pick<VaultUsage, 'usage' | 'record'>;
  /** Tells the window the current codes (`codes:update`). */
  readonly emit: (codes: CodeSnapshot[]) => void;
  /** The vault was saved with a change (an HOTP counter): a backup is due. */
  readonly saved: () => void;
  /**
   * The "always show the next code" setting: every push then carries each time-based code's next
   * code, and pushes come at each period boundary (default: off, the next code in the last 5 s only).
   */
  readonly alwaysShowNext?: () => boolean;
}

/** What the window calls (`codes:*`). */
export interface CodesApi {
  current(): CodeSnapshot[];
  /**
   * Copies the code shown now, or with `next` the code of the next period (TOTP and Steam: the code
   * valid from the end of the current one), and counts one use of the account on this computer.
   * Returns the seconds until the clipboard is cleared (0 = never).
   */
  copy(id: string, options?: CopyOptions): Promise<number>;
  /** How often and how lately each account was copied on this computer. */
  usage(): Promise<UsageMap>;
  /** HOTP: the incremented counter is saved before the code is returned. */
  nextHotp(id: string): Promise<CodeSnapshot>;
  /**
   * The code that typed parameters give now, for the add form's live preview. The secret is
   * decoded, used once and wiped; only the code and its end of validity go back.
   */
  preview(input: CodePreviewInput): CodePreview;
}

export interface CopyOptions {
  /** The next period's code instead of the current one; refused for counter-based (HOTP) accounts. */
  readonly next?: boolean;
}

/** What copying "the next code" of a counter-based account answers: it has none until one is generated. */
export const NO_NEXT_HOTP_CODE = 'Counter-based codes have no next code: use “Next code” to generate one.';

export interface CodesService {
  /** Pushes the codes now and schedules the next push (unlock, entries changed, clock corrected, resume). */
  restart(): void;
  /** The vault is locking: no more pushes, and the HOTP codes shown are forgotten. */
  stop(): void;
  /** An entry was deleted for good: its HOTP code goes too. */
  forget(id: string): void;
  readonly api: CodesApi;
}

export function createCodesService(deps: CodesServiceDeps): CodesService {
  const { vault, entries } = deps;
  /** HOTP codes are shown only after the user asks for one; they stay until the next request. */
  const hotpCodes = new Map<string, CodeSnapshot>();

  const alwaysNext = (): boolean => deps.alwaysShowNext?.() === true;
  const timeBased = (v: UnlockedVault): VaultEntry[] => entries.shown(v).filter((e) => e.type !== 'hotp');
  const currentCodes = (v: UnlockedVault): CodeSnapshot[] => [
    ...codesForEntries(
      timeBased(v),
      deps.clock.now(),
      alwaysNext() ? { nextWithinMs: Number.POSITIVE_INFINITY } : undefined,
    ),
    ...entries
      .shown(v)
      .map((e) => hotpCodes.get(e.id))
      .filter((c): c is CodeSnapshot => c !== undefined),
  ];

  const pusher = createCodesPusher({
    clock: deps.clock,
    push: () => {
      if (vault.isUnlocked()) deps.emit(currentCodes(vault.open()));
    },
    nextChangeAt: (now) =>
      vault.isUnlocked()
        ? nextPushAt(
            timeBased(vault.open()).map((e) => (e.period ?? 30) * 1000),
            now,
            alwaysNext() ? 0 : undefined, // always next: a push at each boundary brings the following code
          )
        : null,
  });

  return {
    restart: () => pusher.restart(),
    stop() {
      pusher.stop();
      hotpCodes.clear();
    },
    forget: (id) => void hotpCodes.delete(id),
    api: codesApi(deps, hotpCodes, currentCodes),
  };
}

/** The window's calls, over the HOTP codes shown and the current codes of the open vault. */
function codesApi(
  deps: CodesServiceDeps,
  hotpCodes: Map<string, CodeSnapshot>,
  currentCodes: (v: UnlockedVault) => CodeSnapshot[],
): CodesApi {
  const { vault, entries, clock } = deps;
  return {
    current: () => currentCodes(vault.open()),
    async copy(id, options = {}) {
      const v = vault.open();
      const entry = entries.find(v, id);
      let code: string | undefined;
      if (entry.type === 'hotp') {
        if (options.next === true) throw new InvalidEntryError('type', NO_NEXT_HOTP_CODE);
        code = hotpCodes.get(id)?.code;
      } else {
        const snapshot = codeSnapshot(entry, clock.now(), { nextWithinMs: Number.POSITIVE_INFINITY });
        code = options.next === true ? snapshot.next : snapshot.code;
      }
      if (code === undefined) throw new InvalidEntryError('counter', 'Generate a code for this account first.');
      const seconds = await deps.clipboard.copy(code);
      await deps.usage.record(id);
      return seconds;
    },
    usage: () => deps.usage.usage(),
    async nextHotp(id) {
      const v = await deps.openFresh();
      const entry = entries.find(v, id);
      if (entry.type !== 'hotp' || entry.counter === null) {
        throw new InvalidEntryError('type', 'Only counter-based (HOTP) accounts have a next code.');
      }
      const used = entry.counter;
      // The save replaces the secret buffer, so re-read the entry after it (never keep views).
      const saved = await v.setCounter(id, used + 1);
      const snapshot = codeSnapshot({ ...saved, counter: used }, clock.now());
      hotpCodes.set(id, snapshot);
      entries.push();
      deps.saved();
      deps.emit(currentCodes(v));
      return snapshot;
    },
    preview(input) {
      vault.open();
      const checked = validateEntryInput({ ...input, issuer: 'Preview', account: '' });
      if (!checked.ok) throw InvalidEntryError.fromValidation(checked);
      const params = checked.value.params;
      try {
        const snapshot = codeSnapshot({ ...params, id: 'preview' }, clock.now(), { nextWithinMs: 0 });
        return { code: snapshot.code, validUntil: snapshot.validUntil };
      } finally {
        params.secret.fill(0);
      }
    },
  };
}
