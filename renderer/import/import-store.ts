// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import dialog's state: which step it is on (source choice, password, review), what main is
 * doing (and whether Cancel can stop it), the last error or notice, the ticked candidates, the
 * restore mode and the format chosen for export files. Never a secret: main keeps the staged
 * accounts and answers with names, parameters and codes. Dropped when the vault locks.
 */
import { create } from 'zustand';
import type { ImportFormatId, ImportReview, ImportStep, IpcError, RestoreMode } from '../../electron/domain';
import { useVaultStore } from '../shared/vault-store';
import { continues, defaultTicks, nextTicks } from './import-selection';
import { reviewAnnouncement } from './import-text';

/** What the dialog says after Cancel stopped main's work. */
export const STOPPED_NOTICE = 'Stopped. Nothing was imported.';

export type ImportPhase =
  | { readonly kind: 'sources' }
  | {
      readonly kind: 'password';
      readonly fileName: string;
      readonly formatName: string;
      readonly wrongPassword: boolean;
      /** Grows with every answer, so a repeated "Wrong password" is announced again. */
      readonly attempt: number;
    }
  | { readonly kind: 'review'; readonly review: ImportReview };

/** The last failure as the dialog shows it. */
export interface ImportFailure {
  /** What happened and what to do, in plain words. */
  readonly message: string;
  /** The technical detail, behind "Details". */
  readonly details?: string;
  /** No importer recognised the file: the dialog offers the format choice beside the message. */
  readonly formatNeeded: boolean;
}

export interface ImportState {
  readonly phase: ImportPhase;
  /** What main is doing now ("Scanning the screen…"), or null. One request at a time. */
  readonly busy: string | null;
  /** Whether Cancel can stop what main is doing: reading a source or trying a password, not adding. */
  readonly cancellable: boolean;
  readonly error: ImportFailure | null;
  /** A plain note about the last thing that happened (not an error): "Stopped. Nothing was imported." */
  readonly notice: string | null;
  /** The format export files are read as (the CLI's `--format`); null: detected from the content. */
  readonly format: ImportFormatId | null;
  /**
   * The dropped file that was not recognised, so it can be read again as a chosen format without
   * dropping it again (a picked file is picked again: the renderer never knows its path).
   */
  readonly retryFile: File | null;
  readonly ticked: ReadonlySet<string>;
  /** Backup reviews only; account reviews always merge. */
  readonly mode: RestoreMode;
  /** The polite announcement of the last result; `id` grows so the same text is spoken again. */
  readonly announcement: { readonly id: number; readonly text: string };
  /** Grows with every reset: answers to requests sent before it are dropped. */
  readonly generation: number;
  /** `cancellable`: the work can be stopped (main ends it on `imports.cancel`). */
  setBusy(label: string | null, cancellable?: boolean): void;
  /**
   * Cancel stopped main's work: back to the source choice with the notice; answers to requests sent
   * before are dropped. The chosen format stays.
   */
  stopped(): void;
  /** Shows a failure: the renderer's own sentence, or main's error (its details and format hint kept). */
  fail(error: string | IpcError, retryFile?: File | null): void;
  setFormat(format: ImportFormatId | null): void;
  applyStep(step: ImportStep): void;
  toggle(key: string, ticked: boolean): void;
  tickAll(ticked: boolean): void;
  setMode(mode: RestoreMode): void;
  reset(): void;
}

const NONE: ReadonlySet<string> = new Set();

const INITIAL = {
  phase: { kind: 'sources' },
  busy: null,
  cancellable: false,
  error: null,
  notice: null,
  format: null,
  retryFile: null,
  ticked: NONE,
  mode: 'merge',
  announcement: { id: 0, text: '' },
} as const satisfies Partial<ImportState>;

export const useImportStore = create<ImportState>()((set) => ({
  ...INITIAL,
  generation: 0,
  setBusy: (busy, cancellable = false) =>
    set(busy === null ? { busy, cancellable: false } : { busy, cancellable, error: null, notice: null }),
  stopped: () =>
    set((state) => ({
      ...INITIAL,
      format: state.format,
      notice: STOPPED_NOTICE,
      announcement: { id: state.announcement.id + 1, text: STOPPED_NOTICE },
      generation: state.generation + 1,
    })),
  fail: (error, retryFile = null) =>
    set({
      busy: null,
      cancellable: false,
      notice: null,
      error: toFailure(error),
      retryFile: typeof error !== 'string' && error.field === 'format' ? retryFile : null,
    }),
  setFormat: (format) => set({ format }),
  applyStep: (step) =>
    set((state) => {
      switch (step.step) {
        case 'cancelled':
          return { busy: null, cancellable: false };
        case 'password': {
          const attempt = state.phase.kind === 'password' ? state.phase.attempt + 1 : 0;
          const { fileName, formatName, wrongPassword } = step;
          return {
            busy: null,
            cancellable: false,
            phase: { kind: 'password', fileName, formatName, wrongPassword, attempt },
          };
        }
        case 'review': {
          const previous = state.phase.kind === 'review' ? state.phase.review : null;
          // A further scan keeps the user's ticks and restore mode; anything else starts afresh.
          const mode = previous !== null && continues(previous, step.review) ? state.mode : 'merge';
          return {
            busy: null,
            cancellable: false,
            phase: { kind: 'review', review: step.review },
            ticked: nextTicks(previous, state.ticked, step.review, mode),
            mode,
            announcement: { id: state.announcement.id + 1, text: reviewAnnouncement(step.review) },
          };
        }
        default:
          throw new Error(`Unhandled import step: ${JSON.stringify(step satisfies never)}`);
      }
    }),
  toggle: (key, ticked) =>
    set((state) => {
      const next = new Set(state.ticked);
      if (ticked) next.add(key);
      else next.delete(key);
      return { ticked: next };
    }),
  tickAll: (ticked) =>
    set((state) =>
      state.phase.kind === 'review' && ticked
        ? { ticked: new Set(state.phase.review.candidates.map((c) => c.key)) }
        : { ticked: NONE },
    ),
  setMode: (mode) =>
    set((state) =>
      state.phase.kind === 'review' ? { mode, ticked: defaultTicks(state.phase.review, mode) } : { mode },
    ),
  reset: () => set((state) => ({ ...INITIAL, generation: state.generation + 1 })),
}));

function toFailure(error: string | IpcError): ImportFailure {
  if (typeof error === 'string') return { message: error, formatNeeded: false };
  return {
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
    formatNeeded: error.field === 'format',
  };
}

// What the renderer learnt from an open vault goes when it locks (see shared/reset.ts).
useVaultStore.subscribe((state, previous) => {
  if (previous.status?.status === 'unlocked' && state.status?.status !== 'unlocked') useImportStore.getState().reset();
});
