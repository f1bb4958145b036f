// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Add an account from an `otpauth://` link. The link holds the secret: it is cleared once the account
 * is added, but kept when main refuses it, so it can be corrected (the message goes as soon as it is
 * edited; main's technical detail is behind "Details"). An `otpauth-migration://` link (several
 * accounts) goes to the import review instead.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { EntrySummary } from '../../../electron/domain';
import { api } from '../../api';
import { Field } from '../../shared/Field';
import { FormActions } from '../../shared/FormActions';

export interface LinkEntryFormProps {
  readonly onAdded: (entry: EntrySummary) => void;
  /** Takes a Google Authenticator transfer link to the import review. */
  readonly onMigrationLink?: (uri: string) => void;
}

export function LinkEntryForm({ onAdded, onMigrationLink }: LinkEntryFormProps) {
  const uriRef = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<{ message: string; details: string | null } | null>(null);
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
      setError({
        message:
          'Paste a link that starts with otpauth:// (sites show it under their QR code, or as “setup key link”).',
        details: null,
      });
      input.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await api().entries.addUri(uri);
    setBusy(false);
    if (result.ok) {
      input.value = '';
      onAdded(result.value);
      return;
    }
    setError({ message: result.error.message, details: result.error.details ?? null });
    input.focus();
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <Field
        id="add-uri"
        label="otpauth:// link"
        hint="For example otpauth://totp/GitHub:alice?secret=…&issuer=GitHub"
        error={error?.message ?? null}
        details={error?.details}
      >
        {(a11y) => (
          <textarea
            {...a11y}
            ref={uriRef}
            className="mono"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            onInput={() => setError(null)}
          />
        )}
      </Field>
      <FormActions busy={busy} submit={busy ? 'Adding…' : 'Add account'} />
    </form>
  );
}
