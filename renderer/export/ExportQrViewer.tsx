// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export to a phone: the QR codes main renders, one at a time, to scan with the phone's camera.
 * Only the code on screen is held (an image of secrets); Previous / Next and ← / → ask main for
 * the neighbouring one. Main answers `password-required` once the authorisation has run out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportQrKind, ExportQrView } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';

export interface ExportQrViewerProps {
  readonly kind: ExportQrKind;
  readonly onPasswordRequired: () => void;
  readonly onBack: () => void;
  readonly onDone: () => void;
}

/** Whether a key press belongs to a control that uses the arrow keys itself. */
function usesArrows(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

export function ExportQrViewer({ kind, onPasswordRequired, onBack, onDone }: ExportQrViewerProps) {
  const { view, pending, error, go } = useQrCodes(kind, onPasswordRequired);
  useArrowKeys(go);
  return (
    <div className="export-qr" aria-busy={pending !== null}>
      <QrWarnings warnings={view?.warnings ?? []} what="these codes" />
      <p className="export-qr-caution">
        Anyone who sees this code can copy these accounts. Close it when your phone has scanned it.
      </p>
      <FormAlert message={error} />
      {view ? <QrCode view={view} /> : error ? null : <p className="loading">Preparing the code…</p>}
      <QrNav view={view} go={go} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onBack}>
          Back
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

interface QrCodes {
  /** The code on screen, null until the first arrives. */
  readonly view: ExportQrView | null;
  /** The index being fetched, or null when the one on screen is current. */
  readonly pending: number | null;
  readonly error: string | null;
  /** Asks for the code `delta` places away, if there is one and no request is under way. */
  readonly go: (delta: number) => void;
}

/** The code on screen, asked of main one at a time, from the first. */
function useQrCodes(kind: ExportQrKind, onPasswordRequired: () => void): QrCodes {
  const [view, setView] = useState<ExportQrView | null>(null);
  const [pending, setPending] = useState<number | null>(0);
  const [error, setError] = useState<string | null>(null);
  /** Bumped by each request and on unmount, so a late answer never replaces a newer one. */
  const request = useRef(0);

  /** Asks main for code `index`; the answer is shown only if no newer request was made meanwhile. */
  const fetchCode = useCallback(
    (index: number): Promise<Result<ExportQrView> | null> => {
      const mine = ++request.current;
      return api()
        .exports.qr(kind, index)
        .then((result) => (request.current === mine ? result : null));
    },
    [kind],
  );

  const show = useCallback(
    (result: Result<ExportQrView> | null): void => {
      if (result === null) return;
      setPending(null);
      if (result.ok) {
        setView(result.value);
        setError(null);
      } else if (result.error.code === 'password-required') {
        onPasswordRequired();
      } else {
        setError(result.error.message);
      }
    },
    [onPasswordRequired],
  );

  useEffect(() => {
    void fetchCode(0).then(show);
    const requests = request;
    return () => {
      requests.current += 1;
    };
  }, [fetchCode, show]);

  const go = useCallback(
    (delta: number): void => {
      if (!view || pending !== null) return;
      const index = view.index + delta;
      if (index < 0 || index >= view.count) return;
      setPending(index);
      void fetchCode(index).then(show);
    },
    [view, pending, fetchCode, show],
  );
  return { view, pending, error, go };
}

/** ← and → anywhere in the window page through the codes, except in a control that uses them itself. */
function useArrowKeys(go: (delta: number) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || usesArrows(event.target)) return;
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      go(event.key === 'ArrowLeft' ? -1 : 1);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [go]);
}

/** Previous, the position and Next. */
function QrNav({ view, go }: { view: ExportQrView | null; go: (delta: number) => void }) {
  return (
    // aria-disabled, not disabled: the focused button must keep the focus at the first and last code.
    <div className="export-qr-nav">
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={!view || view.index === 0}
        onClick={() => go(-1)}
      >
        Previous
      </button>
      <p className="export-qr-position" role="status">
        {view ? `${view.index + 1} of ${view.count}` : ''}
      </p>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={!view || view.index >= view.count - 1}
        autoFocus
        onClick={() => go(1)}
      >
        Next
      </button>
    </div>
  );
}

/** One code: its title, the image and the accounts it carries. */
/** What a QR code leaves out or changes, as a warning callout (nothing when there is none). */
export function QrWarnings({ warnings, what }: { warnings: readonly string[]; what: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="callout callout-warning" role="note">
      <p>Not everything can travel in {what}:</p>
      <ul className="export-list">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

/** One QR code with its title and the accounts it carries. */
export function QrCode({ view }: { view: ExportQrView }) {
  return (
    <figure className="export-qr-code">
      <img className="export-qr-image" src={view.image} alt={`QR code: ${view.title}`} draggable={false} />
      <figcaption>
        <h3 className="export-qr-title">{view.title}</h3>
        {view.accounts.length > 0 ? (
          <ul className="export-list" aria-label="Accounts in this code">
            {view.accounts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : null}
      </figcaption>
    </figure>
  );
}
