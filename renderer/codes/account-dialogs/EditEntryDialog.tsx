// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Edit what a user may change after creation: issuer, account, tags (the tag field, with the tags
 * in use as suggestions), notes, favourite. Only what changed is sent.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { EntryPatch, EntrySummary } from '../../../electron/domain';
import { api } from '../../api';
import { Field } from '../../shared/Field';
import { FormAlert } from '../../shared/FormAlert';
import { Modal } from '../../shared/Modal';
import { TagField, type TagFieldHandle } from '../../shared/TagField';
import { showToast } from '../../shared/toast-store';
import { useEntriesStore } from '../entries-store';
import { entryLabel } from '../entry-query';
import { tagsInUse } from '../tags';
import { errorFor, formLevel, toFormError, type FormError } from './field-error';

const SHOWN_FIELDS = ['issuer', 'account', 'tags', 'notes', 'favourite'];

/** What the edit form holds. */
export interface EditForm {
  readonly issuer: string;
  readonly account: string;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly favourite: boolean;
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/** Only what differs from the entry (the tags as a whole list, when any of them changed). */
export function editPatch(entry: EntrySummary, form: EditForm): EntryPatch {
  return {
    ...(form.issuer.trim() !== entry.issuer ? { issuer: form.issuer.trim() } : {}),
    ...(form.account.trim() !== entry.account ? { account: form.account.trim() } : {}),
    ...(sameTags(form.tags, entry.tags) ? {} : { tags: [...form.tags] }),
    ...(form.notes !== entry.notes ? { notes: form.notes } : {}),
    ...(form.favourite !== entry.favourite ? { favourite: form.favourite } : {}),
  };
}

export function EditEntryDialog({ entry, onClose }: { entry: EntrySummary; onClose: () => void }) {
  const [form, setForm] = useState<EditForm>({
    issuer: entry.issuer,
    account: entry.account,
    tags: entry.tags,
    notes: entry.notes,
    favourite: entry.favourite,
  });
  const entries = useEntriesStore((s) => s.entries);
  const known = useMemo(() => tagsInUse(entries), [entries]);
  const tagField = useRef<TagFieldHandle>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    // What is still typed in the tag field is a tag too.
    const tags = tagField.current ? tagField.current.commit() : form.tags;
    if (tags === null) return;
    const patch = editPatch(entry, { ...form, tags });
    if (Object.keys(patch).length === 0) return onClose();
    setBusy(true);
    const result = await api().entries.update(entry.id, patch);
    setBusy(false);
    if (!result.ok) return setError(toFormError(result.error, SHOWN_FIELDS));
    useEntriesStore.getState().upsert(result.value);
    showToast(`Saved ${entryLabel(result.value)}`);
    onClose();
  }

  return (
    <Modal title={`Edit ${entryLabel(entry)}`} onClose={onClose}>
      <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <div className="field-row">
          <Field id="edit-issuer" label="Issuer" error={errorFor(error, 'issuer')}>
            {(a11y) => (
              <input {...a11y} value={form.issuer} onChange={(e) => setForm({ ...form, issuer: e.target.value })} />
            )}
          </Field>
          <Field id="edit-account" label="Account" error={errorFor(error, 'account')}>
            {(a11y) => (
              <input {...a11y} value={form.account} onChange={(e) => setForm({ ...form, account: e.target.value })} />
            )}
          </Field>
        </div>
        <TagField
          id="edit-tags"
          tags={form.tags}
          onChange={(tags) => {
            setForm((f) => ({ ...f, tags }));
            if (error?.field === 'tags') setError(null);
          }}
          known={known}
          error={errorFor(error, 'tags')}
          handle={tagField}
        />
        <Field id="edit-notes" label="Notes" error={errorFor(error, 'notes')}>
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              value={form.notes}
              onChange={(e) => setForm({ ...form, notes: e.target.value })}
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.favourite}
            onChange={(e) => setForm({ ...form, favourite: e.target.checked })}
          />
          <span>Favourite (shown at the top)</span>
        </label>
        <FormAlert message={formLevel(error) ?? errorFor(error, 'favourite')} />
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
