// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Add an account by typing its details. Every field is checked before sending (main's rules, so
 * every problem shows at once), and main's refusal puts each message next to the field it names;
 * a field's message goes as soon as that field changes. Nothing typed is cleared on a refusal: the
 * secret input is uncontrolled (never in React state) and is emptied only once the account is
 * added. A live preview shows the code the parameters give. Tags are optional (the tag field, with
 * the tags in use as suggestions). The state is useManualEntryForm's; the fields are ManualEntryFields'.
 */
import type { OtpType } from '../../../electron/domain';
import { isOtpType, OTP_TYPES } from '../../shared/domain-values';
import type { EntrySummary } from '../../../electron/domain';
import { Field } from '../../shared/Field';
import { FormActions } from '../../shared/FormActions';
import { FormAlert } from '../../shared/FormAlert';
import { CodePreview } from './CodePreview';
import { detailsFor } from './field-error';
import { NameField, ParameterFields, SecretField, TagsField } from './ManualEntryFields';
import { useManualEntryForm, type ManualEntryState } from './useManualEntryForm';

/** How the type choice names each of the domain's OTP types. */
const TYPE_LABELS: Readonly<Record<OtpType, string>> = {
  totp: 'Time-based (TOTP)',
  hotp: 'Counter-based (HOTP)',
  steam: 'Steam Guard',
};

export function ManualEntryForm({ onAdded }: { onAdded: (entry: EntrySummary) => void }) {
  const form = useManualEntryForm(onAdded);
  const { fields, errors, busy, formRef, readSecret, secretEdits } = form;
  return (
    <form ref={formRef} className="entry-form" onSubmit={(e) => void form.onSubmit(e)} noValidate aria-busy={busy}>
      <TypeField form={form} />
      <div className="field-row">
        <NameField form={form} name="issuer" label="Issuer" hint="The service, e.g. GitHub" />
        <NameField form={form} name="account" label="Account" hint="Your user name or email there" />
      </div>
      <SecretField form={form} />
      <ParameterFields form={form} />
      <TagsField form={form} />
      <CodePreview fields={fields} readSecret={readSecret} edits={secretEdits} />
      <FormAlert message={errors.form} details={detailsFor(errors, null) ?? undefined} />
      <FormActions busy={busy} submit={busy ? 'Adding…' : 'Add account'} />
    </form>
  );
}

function TypeField({ form }: { form: ManualEntryState }) {
  return (
    <Field label="Type" {...form.shown('type')}>
      {(a11y) => (
        <select
          {...a11y}
          value={form.fields.type}
          onChange={(e) => {
            if (isOtpType(e.target.value)) form.set('type', e.target.value);
          }}
        >
          {OTP_TYPES.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
