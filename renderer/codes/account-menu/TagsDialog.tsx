// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Tags…" from the account menu: the account's tags in the tag field (TagField: type and press
 * Enter or a comma, suggestions from the tags in use, each tag removable), saved at once with
 * "Save". What is still typed is added first; a refusal (main's, or a limit) is said on the field.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { EntrySummary } from '../../../electron/domain';
import { FormActions } from '../../shared/FormActions';
import { FormAlert } from '../../shared/FormAlert';
import { Modal } from '../../shared/Modal';
import { TagField, type TagFieldHandle } from '../../shared/TagField';
import { useEntriesStore } from '../entries-store';
import { entryLabel } from '../entry-query';
import { tagsInUse } from '../tags';
import { saveTags } from './menu-actions';

type Problem = { readonly field: 'tags' | null; readonly message: string };

export function TagsDialog({ entry, onClose }: { entry: EntrySummary; onClose: () => void }) {
  const entries = useEntriesStore((s) => s.entries);
  const known = useMemo(() => tagsInUse(entries), [entries]);
  // The account as the store has it now (its tags may have changed since the menu opened).
  const current = entries.find((e) => e.id === entry.id) ?? entry;
  const [tags, setTags] = useState<string[]>(() => [...current.tags]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<TagFieldHandle>(null);
  const input = useRef<HTMLInputElement>(null);
  const label = entryLabel(entry);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const chosen = field.current ? field.current.commit() : tags;
    if (chosen === null) return;
    setProblem(null);
    setBusy(true);
    const refused = await saveTags(current, chosen);
    setBusy(false);
    if (refused === null) return onClose();
    setProblem({ field: refused.field === 'tags' ? 'tags' : null, message: refused.message });
  }

  return (
    <Modal title={`Tags of ${label}`} onClose={onClose} initialFocus={input}>
      <form className="entry-form account-tags-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <TagField
          id="account-tags"
          tags={tags}
          onChange={(next) => {
            setTags(next);
            if (problem?.field === 'tags') setProblem(null);
          }}
          known={known}
          error={problem?.field === 'tags' ? problem.message : null}
          handle={field}
          inputRef={input}
        />
        <FormAlert message={problem?.field === null ? problem.message : null} />
        <FormActions busy={busy} leave={{ label: 'Cancel', onClick: onClose }} submit={busy ? 'Saving…' : 'Save'} />
      </form>
    </Modal>
  );
}
