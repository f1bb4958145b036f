// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Add an account by typing its details. The secret input is uncontrolled and emptied as soon as it
 * is sent; main's validation errors appear next to the field they name. A live preview shows the
 * code the parameters give.
 */
import { useCallback, useRef, useState, type FormEvent } from 'react';
import type { EntrySummary, OtpAlgorithm, OtpType } from '../../electron/ipc/contract';
import { api } from '../api';
import { errorFor, formLevel, toFormError, type FormError } from '../lib/field-error';
import { buildNewEntry, isFormError, MANUAL_DEFAULTS, type ManualFields } from '../lib/new-entry';
import { CodePreview } from './CodePreview';
import { Field } from './Field';
import { FormAlert } from './FormAlert';

const SHOWN_FIELDS = ['type', 'issuer', 'account', 'secret', 'algorithm', 'digits', 'period', 'counter'];
const TYPES: ReadonlyArray<readonly [OtpType, string]> = [
  ['totp', 'Time-based (TOTP)'],
  ['hotp', 'Counter-based (HOTP)'],
  ['steam', 'Steam Guard'],
];
const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export function ManualEntryForm({ onAdded }: { onAdded: (entry: EntrySummary) => void }) {
  const [fields, setFields] = useState<ManualFields>(MANUAL_DEFAULTS);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** Bumped on each edit of the secret, which itself stays out of React state. */
  const [secretEdits, setSecretEdits] = useState(0);
  const readSecret = useCallback(() => secretRef.current?.value ?? '', []);
  const set = <K extends keyof ManualFields>(key: K, value: ManualFields[K]): void =>
    setFields((f) => ({ ...f, [key]: value }));

  function fail(next: FormError): void {
    setError(next);
    if (next.field) formRef.current?.querySelector<HTMLElement>(`#add-${next.field}`)?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const secretInput = secretRef.current;
    if (busy || !secretInput) return;
    if (secretInput.value.trim() === '')
      return fail({ field: 'secret', message: 'Enter the secret key the site gave you.' });
    const built = buildNewEntry(fields, secretInput.value);
    if (isFormError(built)) return fail(built);
    secretInput.value = '';
    setSecretEdits((n) => n + 1);
    setError(null);
    setBusy(true);
    const result = await api().entries.add(built);
    setBusy(false);
    if (result.ok) onAdded(result.value);
    else fail(toFormError(result.error, SHOWN_FIELDS));
  }

  const timeBased = fields.type === 'totp';
  return (
    <form ref={formRef} className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <Field id="add-type" label="Type" error={errorFor(error, 'type')}>
        {(a11y) => (
          <select {...a11y} value={fields.type} onChange={(e) => set('type', e.target.value as OtpType)}>
            {TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field id="add-issuer" label="Issuer" hint="The service, e.g. GitHub" error={errorFor(error, 'issuer')}>
          {(a11y) => (
            <input {...a11y} value={fields.issuer} onChange={(e) => set('issuer', e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field id="add-account" label="Account" hint="Your user name or email there" error={errorFor(error, 'account')}>
          {(a11y) => (
            <input
              {...a11y}
              value={fields.account}
              onChange={(e) => set('account', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      <Field
        id="add-secret"
        label="Secret key"
        hint="The base32 key shown next to the site's QR code"
        error={errorFor(error, 'secret')}
      >
        {(a11y) => (
          <div className="input-with-button">
            <input
              {...a11y}
              ref={secretRef}
              className="mono"
              type={showSecret ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              onInput={() => setSecretEdits((n) => n + 1)}
            />
            <button
              type="button"
              className="button button-ghost button-small"
              aria-pressed={showSecret}
              onClick={() => setShowSecret((s) => !s)}
            >
              {showSecret ? 'Hide' : 'Show'}
            </button>
          </div>
        )}
      </Field>
      {fields.type === 'steam' ? (
        <p className="field-hint">Steam Guard codes always have 5 characters and change every 30 seconds.</p>
      ) : (
        <div className="field-row field-row-3">
          <Field id="add-algorithm" label="Algorithm" error={errorFor(error, 'algorithm')}>
            {(a11y) => (
              <select
                {...a11y}
                value={fields.algorithm}
                onChange={(e) => set('algorithm', e.target.value as OtpAlgorithm)}
              >
                {ALGORITHMS.map((a) => (
                  <option key={a} value={a}>
                    {a.replace('SHA', 'SHA-')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="add-digits" label="Digits" error={errorFor(error, 'digits')}>
            {(a11y) => (
              <input
                {...a11y}
                inputMode="numeric"
                value={fields.digits}
                onChange={(e) => set('digits', e.target.value)}
              />
            )}
          </Field>
          {timeBased ? (
            <Field id="add-period" label="Period (seconds)" error={errorFor(error, 'period')}>
              {(a11y) => (
                <input
                  {...a11y}
                  inputMode="numeric"
                  value={fields.period}
                  onChange={(e) => set('period', e.target.value)}
                />
              )}
            </Field>
          ) : (
            <Field id="add-counter" label="Counter" error={errorFor(error, 'counter')}>
              {(a11y) => (
                <input
                  {...a11y}
                  inputMode="numeric"
                  value={fields.counter}
                  onChange={(e) => set('counter', e.target.value)}
                />
              )}
            </Field>
          )}
        </div>
      )}
      <CodePreview fields={fields} readSecret={readSecret} edits={secretEdits} />
      <FormAlert message={formLevel(error)} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
