// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Add an account by typing its details. Every field is checked before sending (main's rules, so
 * every problem shows at once), and main's refusal puts each message next to the field it names;
 * a field's message goes as soon as that field changes. Nothing typed is cleared on a refusal: the
 * secret input is uncontrolled (never in React state) and is emptied only once the account is
 * added. A live preview shows the code the parameters give.
 */
import { useCallback, useRef, useState, type FormEvent } from 'react';
import type { EntrySummary, OtpAlgorithm, OtpType } from '../../../electron/ipc/contract';
import { api } from '../../api';
import { Field } from '../../shared/Field';
import { FormAlert } from '../../shared/FormAlert';
import { CodePreview } from './CodePreview';
import { detailsFor, localErrors, NO_FIELD_ERRORS, toFieldErrors, withoutField, type FieldErrors } from './field-error';
import { buildNewEntry, checkNewEntry, isFormError, MANUAL_DEFAULTS, type ManualFields } from './new-entry';

const SHOWN_FIELDS = ['type', 'issuer', 'account', 'secret', 'algorithm', 'digits', 'period', 'counter'];
const TYPES: ReadonlyArray<readonly [OtpType, string]> = [
  ['totp', 'Time-based (TOTP)'],
  ['hotp', 'Counter-based (HOTP)'],
  ['steam', 'Steam Guard'],
];
const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export function ManualEntryForm({ onAdded }: { onAdded: (entry: EntrySummary) => void }) {
  const [fields, setFields] = useState<ManualFields>(MANUAL_DEFAULTS);
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [busy, setBusy] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** Bumped on each edit of the secret, which itself stays out of React state. */
  const [secretEdits, setSecretEdits] = useState(0);
  const readSecret = useCallback(() => secretRef.current?.value ?? '', []);
  /** A field changed: its message no longer applies (the others stay until theirs change). */
  const changed = (field: string): void => setErrors((e) => withoutField(e, field));
  const set = <K extends keyof ManualFields>(key: K, value: ManualFields[K]): void => {
    setFields((f) => ({ ...f, [key]: value }));
    changed(key);
  };
  const errorFor = (field: string): string | null => errors.byField[field] ?? null;

  /** Shows every problem and puts the focus on the first field in error, in the form's order. */
  function fail(next: FieldErrors): void {
    setErrors(next);
    const first = SHOWN_FIELDS.find((f) => next.byField[f] !== undefined);
    if (first) formRef.current?.querySelector<HTMLElement>(`#add-${first}`)?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const secretInput = secretRef.current;
    if (busy || !secretInput) return;
    // The same rules as main: every problem at once, before anything is sent.
    const problems = checkNewEntry(fields, secretInput.value);
    if (Object.keys(problems).length > 0) return fail(localErrors(problems));
    const built = buildNewEntry(fields, secretInput.value);
    if (isFormError(built)) return fail(localErrors({ [built.field ?? 'type']: built.message }));
    setErrors(NO_FIELD_ERRORS);
    setBusy(true);
    const result = await api().entries.add(built);
    setBusy(false);
    if (!result.ok) return fail(toFieldErrors(result.error, SHOWN_FIELDS));
    // Added: the secret leaves the form (the dialog closes too).
    secretInput.value = '';
    onAdded(result.value);
  }

  const timeBased = fields.type === 'totp';
  return (
    <form ref={formRef} className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <Field id="add-type" label="Type" error={errorFor('type')} details={detailsFor(errors, 'type')}>
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
        <Field
          id="add-issuer"
          label="Issuer"
          hint="The service, e.g. GitHub"
          error={errorFor('issuer')}
          details={detailsFor(errors, 'issuer')}
        >
          {(a11y) => (
            <input {...a11y} value={fields.issuer} onChange={(e) => set('issuer', e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field
          id="add-account"
          label="Account"
          hint="Your user name or email there"
          error={errorFor('account')}
          details={detailsFor(errors, 'account')}
        >
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
        hint="The key of letters and digits shown next to the site’s QR code"
        error={errorFor('secret')}
        details={detailsFor(errors, 'secret')}
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
              onInput={() => {
                setSecretEdits((n) => n + 1);
                changed('secret');
              }}
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
          <Field
            id="add-algorithm"
            label="Algorithm"
            error={errorFor('algorithm')}
            details={detailsFor(errors, 'algorithm')}
          >
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
          <Field id="add-digits" label="Digits" error={errorFor('digits')} details={detailsFor(errors, 'digits')}>
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
            <Field
              id="add-period"
              label="Period (seconds)"
              error={errorFor('period')}
              details={detailsFor(errors, 'period')}
            >
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
            <Field id="add-counter" label="Counter" error={errorFor('counter')} details={detailsFor(errors, 'counter')}>
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
      <FormAlert message={errors.form} details={detailsFor(errors, null) ?? undefined} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Adding…' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
