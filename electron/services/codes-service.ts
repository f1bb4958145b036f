// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes of the open vault (`codes:*`). Time-based codes are computed on the corrected clock
 * and pushed to the window once per period (codes-pusher.ts, push-schedule.ts) instead of every
 * second; an HOTP code is shown only after the user asks for the next one, and stays until the
 * next request or the lock. Also: copying a code to the clipboard, and the add form's live preview.
 */
import type { Clock, CodePreview, CodePreviewInput, CodeSnapshot } from '../domain';
import { codeSnapshot, codesForEntries, validateEntryInput } from '../otp';
import type { UnlockedVault } from '../vault';
import type { VaultEntry } from '../vault/entry';
import type { ClipboardGuard } from './clipboard-guard';
import { createCodesPusher } from './codes-pusher';
import type { EntriesService } from './entries-service';
import { InvalidEntryError } from './errors';
import { nextPushAt } from './push-schedule';
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
  /** Tells the window the current codes (`codes:update`). */
  readonly emit: (codes: CodeSnapshot[]) => void;
  /** The vault was saved with a change (an HOTP counter): a backup is due. */
  readonly saved: () => void;
}

/** What the window calls (`codes:*`). */
export interface CodesApi {
  current(): CodeSnapshot[];
  /** Copies the code shown now; returns the seconds until the clipboard is cleared (0 = never). */
  copy(id: string): Promise<number>;
  /** HOTP: the incremented counter is saved before the code is returned. */
  nextHotp(id: string): Promise<CodeSnapshot>;
  /**
   * The code that typed parameters give now, for the add form's live preview. The secret is
   * decoded, used once and wiped; only the code and its end of validity go back.
   */
  preview(input: CodePreviewInput): CodePreview;
}

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

  const timeBased = (v: UnlockedVault): VaultEntry[] => entries.shown(v).filter((e) => e.type !== 'hotp');
  const currentCodes = (v: UnlockedVault): CodeSnapshot[] => [
    ...codesForEntries(timeBased(v), deps.clock.now()),
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
    async copy(id) {
      const v = vault.open();
      const entry = entries.find(v, id);
      const code = entry.type === 'hotp' ? hotpCodes.get(id)?.code : codeSnapshot(entry, clock.now()).code;
      if (code === undefined) throw new InvalidEntryError('counter', 'Generate a code for this account first.');
      return deps.clipboard.copy(code);
    },
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
