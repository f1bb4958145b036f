// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A pasted `otpauth://` or `otpauth-migration://` link (one a line for several). The link holds the
 * secret: it goes to main once and the field is emptied at once.
 */
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Field } from '../shared/Field';
import { readLinks } from './import-actions';
import { useImportStore } from './import-store';

const LINK_RE = /^otpauth(-migration)?:\/\//i;

export function ImportLinkForm() {
  const linkRef = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useImportStore((s) => s.busy !== null);

  function submit(): void {
    const input = linkRef.current;
    if (busy || !input) return;
    const text = input.value.trim();
    if (!LINK_RE.test(text)) {
      setError('Paste a link that starts with otpauth:// or otpauth-migration://.');
      input.focus();
      return;
    }
    input.value = '';
    setError(null);
    void readLinks(text);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    submit();
  }

  /** Enter reads the link; Shift+Enter starts another line. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    submit();
  }

  return (
    <form className="import-link" onSubmit={onSubmit} noValidate>
      <Field
        id="import-link"
        label="Paste a link"
        hint="An otpauth:// link, or an otpauth-migration:// link from Google Authenticator’s “Transfer accounts”."
        error={error}
      >
        {(a11y) => (
          <textarea
            {...a11y}
            ref={linkRef}
            className="mono"
            rows={2}
            spellCheck={false}
            autoComplete="off"
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" aria-disabled={busy}>
          Read link
        </button>
      </div>
    </form>
  );
}
