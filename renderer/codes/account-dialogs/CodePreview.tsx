// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Live preview in the add form: the code the typed parameters give right now, so the user can
 * compare it with the site before saving. Main computes it (the secret goes there, only the code
 * comes back); requests wait for a pause in typing, and the preview refreshes once when its code
 * expires. The secret is read from the field when the request is made and kept nowhere else. Not
 * a live region: it would speak at every key press.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { appNow } from '../../clock/app-clock';
import { groupCode } from '../../shared/format-code';
import { buildPreviewInput, type ManualFields } from './new-entry';

/** Quiet time after the last key press before asking main. */
export const PREVIEW_DEBOUNCE_MS = 250;

type PreviewState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'invalid'; readonly message: string };

export interface CodePreviewProps {
  readonly fields: ManualFields;
  /** Reads the (uncontrolled) secret field. */
  readonly readSecret: () => string;
  /** Changes with every edit of the secret. */
  readonly edits: number;
}

export function CodePreview({ fields, readSecret, edits }: CodePreviewProps) {
  const [state, setState] = useState<PreviewState>({ kind: 'empty' });
  const [expired, setExpired] = useState(0);

  useEffect(() => {
    let live = true;
    let expiry: number | null = null;
    const wait = window.setTimeout(() => {
      const input = buildPreviewInput(fields, readSecret());
      if (input === null) return setState({ kind: 'empty' });
      void api()
        .codes.preview(input)
        .then((result) => {
          if (!live) return;
          if (!result.ok) return setState({ kind: 'invalid', message: result.error.message });
          setState({ kind: 'code', code: result.value.code });
          const until = result.value.validUntil;
          if (until !== null) {
            expiry = window.setTimeout(() => setExpired((n) => n + 1), Math.max(0, until - appNow()) + 5);
          }
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(wait);
      if (expiry !== null) window.clearTimeout(expiry);
    };
  }, [fields, readSecret, edits, expired]);

  return (
    <div className="code-preview" data-state={state.kind}>
      <span className="code-preview-label" id="add-preview-label">
        Code now
      </span>
      <output className="code-preview-value" aria-labelledby="add-preview-label" data-testid="code-preview">
        {state.kind === 'code' ? groupCode(state.code, fields.type) : '––– –––'}
      </output>
      <span className="code-preview-hint">
        {state.kind === 'code'
          ? 'Compare it with the site before saving.'
          : state.kind === 'invalid'
            ? state.message
            : 'Appears when the secret key is entered.'}
      </span>
    </div>
  );
}
