// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * From the QR codes of one or more scans (image files, a screen capture, a pasted screenshot) to
 * what the review shows: the accounts found, the QR codes that are no account, the account links
 * that cannot be used, the accounts of a transfer code that cannot be imported, and the progress
 * of every Google Authenticator batch. Pure: the caller keeps `batches` between scans, so parts of
 * one export can come from several scans.
 *
 * The same text seen twice (a code on two screens, the same screenshot twice) counts once; a
 * transfer-code part already scanned adds no entry again.
 */
import type { ImportedEntry, SkippedEntry } from '../types';
import { addBatchParts, EMPTY_BATCH_STATE, type BatchState } from './batches';
import type { QrCode } from './decoder';
import { classifyText, type QrMedium, type QrPayload } from './payload';

/** The QR codes found in one source. `source` names it for messages (a file name, "screen 2"). */
export interface QrScan {
  readonly source: string;
  readonly codes: readonly QrCode[];
  /** Pasted links rather than QR codes ('link'): only the messages' wording changes. Default 'qr'. */
  readonly medium?: QrMedium;
}

/** An account found, and where. */
export interface FoundEntry {
  readonly source: string;
  readonly entry: ImportedEntry;
}

/** A QR code that gives no account, and why (a message for the user; the technical detail apart). */
export interface QrProblem {
  readonly source: string;
  readonly message: string;
  readonly details?: string;
}

/** Everything the scans found. Secrets in `entries` are fresh bytes owned by the caller. */
export interface QrCollection {
  /** QR codes found, duplicates included. */
  readonly codeCount: number;
  readonly entries: FoundEntry[];
  /** Account links (`otpauth://`, `otpauth-migration://`) that cannot be used: errors. */
  readonly invalid: QrProblem[];
  /** Web links and text: not an error, but nothing to import. */
  readonly notAccounts: QrProblem[];
  /** Accounts inside a transfer code that cannot be imported (MD5, unknown type...). */
  readonly skipped: (SkippedEntry & { readonly source: string })[];
  readonly batches: BatchState;
}

/**
 * Classifies every code of `scans`, in order. `batches` is the state from earlier scans, if any.
 * `seenTexts` (mutated) lets a caller that collects scan after scan drop texts it has already seen.
 */
export function collectQrCodes(
  scans: readonly QrScan[],
  batches: BatchState = EMPTY_BATCH_STATE,
  seenTexts: Set<string> = new Set(),
): QrCollection {
  const lists: Lists = { entries: [], invalid: [], notAccounts: [], skipped: [] };
  let state = batches;
  let codeCount = 0;
  for (const scan of scans) {
    for (const code of scan.codes) {
      codeCount++;
      if (seenTexts.has(code.text)) continue;
      seenTexts.add(code.text);
      state = addPayload(lists, scan.source, classifyText(code.text, scan.medium ?? 'qr'), state);
    }
  }
  return { codeCount, ...lists, batches: state };
}

type Lists = Pick<QrCollection, 'entries' | 'invalid' | 'notAccounts' | 'skipped'>;

function addPayload(out: Lists, source: string, payload: QrPayload, state: BatchState): BatchState {
  switch (payload.kind) {
    case 'otpauth':
      out.entries.push({ source, entry: payload.entry });
      return state;
    case 'migration': {
      const update = addBatchParts(state, [payload]);
      if (update.accepted.length === 0) {
        for (const e of payload.entries) e.secret.fill(0); // a part already scanned: its entries are in already
        return update.state;
      }
      for (const entry of payload.entries) out.entries.push({ source, entry });
      for (const s of payload.skipped) out.skipped.push({ ...s, source });
      return update.state;
    }
    case 'invalid':
      out.invalid.push({ source, message: payload.message, details: payload.details });
      return state;
    case 'not-an-account':
      out.notAccounts.push({ source, message: payload.message });
      return state;
    default: {
      const never: never = payload;
      throw new TypeError(`Unhandled QR payload: ${String(never)}`);
    }
  }
}
