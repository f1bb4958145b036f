// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The manual add form's fields, each bound to the form's state (useManualEntryForm): the names, the
 * secret with its Show/Hide button, the OTP parameters, whose choices and bounds are the
 * domain's (OTP_ALGORITHMS, ENTRY_LIMITS), and the tags.
 */
import { useMemo, useState } from 'react';
import { ENTRY_LIMITS, isOtpAlgorithm, OTP_ALGORITHMS } from '../../shared/domain-values';
import { Field } from '../../shared/Field';
import { TagField } from '../../shared/TagField';
import { useEntriesStore } from '../entries-store';
import { tagsInUse } from '../tags';
import type { ManualFields } from './new-entry';
import type { ManualEntryState } from './useManualEntryForm';

interface BoundFieldProps<K extends keyof ManualFields> {
  readonly form: ManualEntryState;
  readonly name: K;
  readonly label: string;
}

/** The issuer or the account name. */
export function NameField({ form, name, label, hint }: BoundFieldProps<'issuer' | 'account'> & { hint: string }) {
  return (
    <Field label={label} hint={hint} {...form.shown(name)}>
      {(a11y) => (
        <input
          {...a11y}
          value={form.fields[name]}
          onChange={(e) => form.set(name, e.target.value)}
          autoComplete="off"
        />
      )}
    </Field>
  );
}

/** The secret key: uncontrolled, so it never enters React state; Show/Hide switches its masking. */
export function SecretField({ form }: { form: ManualEntryState }) {
  const [showSecret, setShowSecret] = useState(false);
  return (
    <Field
      label="Secret key"
      hint="The key of letters and digits shown next to the site’s QR code"
      {...form.shown('secret')}
    >
      {(a11y) => (
        <div className="input-with-button">
          <input
            {...a11y}
            ref={form.secretRef}
            className="mono"
            type={showSecret ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            onInput={form.secretEdited}
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
  );
}

/** The algorithm, digits and period (TOTP) or counter (HOTP); Steam Guard's are fixed, so it says them instead. */
export function ParameterFields({ form }: { form: ManualEntryState }) {
  const { type, algorithm } = form.fields;
  if (type === 'steam') {
    return (
      <p className="field-hint">
        {`Steam Guard codes always have ${ENTRY_LIMITS.steamDigits} characters and change every ${ENTRY_LIMITS.steamPeriod} seconds.`}
      </p>
    );
  }
  return (
    <div className="field-row field-row-3">
      <Field label="Algorithm" {...form.shown('algorithm')}>
        {(a11y) => (
          <select
            {...a11y}
            value={algorithm}
            onChange={(e) => {
              if (isOtpAlgorithm(e.target.value)) form.set('algorithm', e.target.value);
            }}
          >
            {OTP_ALGORITHMS.map((a) => (
              <option key={a} value={a}>
                {a.replace('SHA', 'SHA-')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <NumberField form={form} name="digits" label="Digits" />
      {type === 'totp' ? (
        <NumberField form={form} name="period" label="Period (seconds)" />
      ) : (
        <NumberField form={form} name="counter" label="Counter" />
      )}
    </div>
  );
}

/** A whole number typed as text: the form checks it before sending. */
function NumberField({ form, name, label }: BoundFieldProps<'digits' | 'period' | 'counter'>) {
  return (
    <Field label={label} {...form.shown(name)}>
      {(a11y) => (
        <input
          {...a11y}
          inputMode="numeric"
          value={form.fields[name]}
          onChange={(e) => form.set(name, e.target.value)}
        />
      )}
    </Field>
  );
}

/** The tags, optional: the tags in use are suggested while typing. */
export function TagsField({ form }: { form: ManualEntryState }) {
  const entries = useEntriesStore((s) => s.entries);
  const known = useMemo(() => tagsInUse(entries), [entries]);
  const shown = form.shown('tags');
  return (
    <TagField
      id={shown.id}
      label="Tags (optional)"
      tags={form.tags}
      onChange={form.setTags}
      known={known}
      error={shown.error}
      handle={form.tagField}
    />
  );
}
