// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Shows the current toast in a polite live region and dismisses it after a few seconds, or after
 * its own time (an Undo stays as long as the undo is possible). It sits at the bottom of the window,
 * or at the top when the row it talks about is down there: it never covers that row.
 */
import { useEffect } from 'react';
import type { EntryId } from '../../electron/domain';
import { CloseIcon } from './Icons';
import { useToastStore } from './toast-store';

/** Height kept clear above the bottom edge for the toast (its height, the gap below it, a margin). */
const BOTTOM_LANE_PX = 88;

/** Whether the row `about` (if it is on screen) reaches into the bottom lane the toast uses. */
function rowInBottomLane(about: EntryId | undefined): boolean {
  if (about === undefined) return false;
  const row = document.querySelector(`li[data-id="${CSS.escape(about)}"]`);
  if (!row) return false;
  const box = row.getBoundingClientRect();
  return box.bottom > window.innerHeight - BOTTOM_LANE_PX && box.top < window.innerHeight;
}

const SHOW_MS = { info: 4000, error: 7000 } as const;

export function ToastHost() {
  const toast = useToastStore((s) => s.toast);
  const dismiss = useToastStore((s) => s.dismiss);

  useEffect(() => {
    if (!toast) return undefined;
    const timer = window.setTimeout(() => dismiss(toast.id), toast.durationMs ?? SHOW_MS[toast.tone]);
    return () => window.clearTimeout(timer);
  }, [toast, dismiss]);

  return (
    <div
      className="toast-region"
      aria-live="polite"
      role="status"
      // Placed on commit, before paint: the toast appears where it stays.
      ref={(region) => {
        if (region && toast) region.classList.toggle('toast-region-top', rowInBottomLane(toast.about));
      }}
    >
      {toast ? (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span className="toast-text">{toast.text}</span>
          {toast.action ? (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button toast-close"
            aria-label="Dismiss"
            onClick={() => dismiss(toast.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ) : null}
    </div>
  );
}
