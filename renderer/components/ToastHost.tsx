// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Shows the current toast in a polite live region and dismisses it after a few seconds, or after
 * its own time (an Undo stays as long as the undo is possible).
 */
import { useEffect } from 'react';
import { useToastStore } from '../store/toast-store';
import { CloseIcon } from './Icons';

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
    <div className="toast-region" aria-live="polite" role="status">
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
