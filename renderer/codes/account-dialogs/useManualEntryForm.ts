// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The state of the manual add form: the typed fields, each field's message, and sending. Every
 * field is checked before sending (main's rules, so every problem shows at once), and main's
 * refusal puts each message next to the field it names; a field's message goes as soon as that
 * field changes. The secret input is uncontrolled (never in React state): only a count of its
 * edits is kept, for the live preview, and it is emptied only once the account is added. The tags
 * are kept apart from the code's fields (they change no code); what is still typed in the tag field
 * is added before sending.
 */
import { useCallback, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { EntrySummary } from '../../../electron/domain';
import { api } from '../../api';
import type { TagFieldHandle } from '../../shared/TagField';
import { detailsFor, localErrors, NO_FIELD_ERRORS, toFieldErrors, withoutField, type FieldErrors } from './field-error';
import { buildNewEntry, checkNewEntry, isFormError, MANUAL_DEFAULTS, type ManualFields } from './new-entry';

/** The fields the form shows, in its order: the first one in error takes the focus. */
const SHOWN_FIELDS = ['type', 'issuer', 'account', 'secret', 'algorithm', 'digits', 'period', 'counter', 'tags'];

/** What a `Field` needs to show one of the form's fields: its id, its message and main's detail. */
export interface ShownField {
  readonly id: string;
  readonly error: string | null;
  readonly details: string | null;
}

export interface ManualEntryState {
  readonly fields: ManualFields;
  readonly errors: FieldErrors;
  readonly busy: boolean;
  readonly formRef: RefObject<HTMLFormElement | null>;
  readonly secretRef: RefObject<HTMLInputElement | null>;
  /** Bumped on each edit of the secret, which itself stays out of React state. */
  readonly secretEdits: number;
  readonly readSecret: () => string;
  /** The tags the account will have, and the tag field (what is still typed in it is added on sending). */
  readonly tags: readonly string[];
  setTags(tags: readonly string[]): void;
  readonly tagField: RefObject<TagFieldHandle | null>;
  /** Sets a field; its message no longer applies. */
  set<K extends keyof ManualFields>(key: K, value: ManualFields[K]): void;
  /** The secret was edited. */
  secretEdited(): void;
  shown(field: string): ShownField;
  onSubmit(event: FormEvent<HTMLFormElement>): Promise<void>;
}

export function useManualEntryForm(onAdded: (entry: EntrySummary) => void): ManualEntryState {
  const [fields, setFields] = useState<ManualFields>(MANUAL_DEFAULTS);
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [busy, setBusy] = useState(false);
  const [secretEdits, setSecretEdits] = useState(0);
  const [tags, setTagList] = useState<readonly string[]>([]);
  const tagField = useRef<TagFieldHandle>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const readSecret = useCallback(() => secretRef.current?.value ?? '', []);
  /** A field changed: its message no longer applies (the others stay until theirs change). */
  const changed = (field: string): void => setErrors((e) => withoutField(e, field));

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
    const chosenTags = tagField.current ? tagField.current.commit() : tags;
    if (chosenTags === null) return;
    // The same rules as main: every problem at once, before anything is sent.
    const problems = checkNewEntry(fields, secretInput.value);
    if (Object.keys(problems).length > 0) return fail(localErrors(problems));
    const built = buildNewEntry(fields, secretInput.value);
    if (isFormError(built)) return fail(localErrors({ [built.field ?? 'type']: built.message }));
    setErrors(NO_FIELD_ERRORS);
    setBusy(true);
    const result = await api().entries.add(chosenTags.length > 0 ? { ...built, tags: chosenTags } : built);
    setBusy(false);
    if (!result.ok) return fail(toFieldErrors(result.error, SHOWN_FIELDS));
    // Added: the secret leaves the form (the dialog closes too).
    secretInput.value = '';
    onAdded(result.value);
  }

  return {
    fields,
    errors,
    busy,
    formRef,
    secretRef,
    secretEdits,
    readSecret,
    tags,
    setTags(next) {
      setTagList(next);
      changed('tags');
    },
    tagField,
    set(key, value) {
      setFields((f) => ({ ...f, [key]: value }));
      changed(key);
    },
    secretEdited() {
      setSecretEdits((n) => n + 1);
      changed('secret');
    },
    shown: (field) => ({
      id: `add-${field}`,
      error: errors.byField[field] ?? null,
      details: detailsFor(errors, field),
    }),
    onSubmit,
  };
}
