// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Add an account from an `otpauth://` link. The link holds the secret: sent once, then cleared.
 * An `otpauth-migration://` link (several accounts) goes to the import review instead.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { EntrySummary } from '../../electron/ipc/contract';
import { api } from '../api';
import { Field } from './Field';

export interface LinkEntryFormProps {
  readonly onAdded: (entry: EntrySummary) => void;
  /** Takes a Google Authenticator transfer link to the import review. */
  readonly onMigrationLink?: (uri: string) => void;
}

export function LinkEntryForm({ onAdded, onMigrationLink }: LinkEntryFormProps) {
  const uriRef = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = uriRef.current;
    if (busy || !input) return;
    const uri = input.value.trim();
    if (onMigrationLink && /^otpauth-migration:\/\//i.test(uri)) {
      input.value = '';
      onMigrationLink(uri);
      return;
    }
    if (!/^otpauth:\/\//i.test(uri)) {
      setError('Paste a link that starts with otpauth:// (sites show it under their QR code, or as “setup key link”).');
      input.focus();
      return;
    }
    input.value = '';
    setError(null);
    setBusy(true);
    const result = await api().entries.addUri(uri);
    setBusy(false);
    if (result.ok) {
      onAdded(result.value);
      return;
    }
    setError(result.error.message);
    input.focus();
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <Field
        id="add-uri"
        label="otpauth:// link"
        hint="For example otpauth://totp/GitHub:alice?secret=…&issuer=GitHub"
        error={error}
      >
        {(a11y) => <textarea {...a11y} ref={uriRef} className="mono" rows={3} spellCheck={false} autoComplete="off" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
