// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Move to group…": one radio group with "No group", the groups in use and "New group…" (which
 * shows a field for its name); the account's own group is chosen at first, so the arrow keys start
 * there. A new name that differs from a group in use only by case joins that group.
 */
import { useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { EntrySummary } from '../../../electron/domain';
import { Field } from '../../shared/Field';
import { FormActions } from '../../shared/FormActions';
import { FormAlert } from '../../shared/FormAlert';
import { Modal } from '../../shared/Modal';
import { ENTRY_LIMITS } from '../../shared/domain-values';
import { useEntriesStore } from '../entries-store';
import { entryLabel } from '../entry-query';
import { groupsInUse } from '../groups';
import { moveToGroup } from './menu-actions';

/** What the radios choose: no group, a group in use, or a new one. */
type Choice = { readonly kind: 'none' } | { readonly kind: 'group'; readonly name: string } | { readonly kind: 'new' };

type Problem = { readonly field: 'name' | null; readonly message: string };

const NEW_GROUP_ID = 'move-group-new-name';

/** The group a new name stands for: the one in use with the same letters whatever their case, or the name. */
export function groupFor(name: string, groups: readonly string[]): string {
  const wanted = name.toLocaleLowerCase();
  return groups.find((g) => g.toLocaleLowerCase() === wanted) ?? name;
}

/** The group the choice gives, or a problem with the typed name. */
function chosenGroup(choice: Choice, typed: string, groups: readonly string[]): string | null | Problem {
  if (choice.kind === 'none') return null;
  if (choice.kind === 'group') return choice.name;
  const name = typed.trim();
  if (name === '') return { field: 'name', message: 'Type a name for the new group.' };
  if (name.length > ENTRY_LIMITS.groupMaxLength) {
    return { field: 'name', message: `A group name can be at most ${ENTRY_LIMITS.groupMaxLength} characters long.` };
  }
  return groupFor(name, groups);
}

export function MoveToGroupDialog({ entry, onClose }: { entry: EntrySummary; onClose: () => void }) {
  const entries = useEntriesStore((s) => s.entries);
  const groups = useMemo(() => groupsInUse(entries), [entries]);
  // The account as the store has it now (its group may have changed since the menu opened).
  const current = entries.find((e) => e.id === entry.id) ?? entry;
  const [choice, setChoice] = useState<Choice>(() =>
    entry.group === null ? { kind: 'none' } : { kind: 'group', name: entry.group },
  );
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  /** The radio chosen at first: the dialog opens on it, so the arrow keys start from the account's group. */
  const firstChoiceRef = useRef<HTMLInputElement>(null);
  const label = entryLabel(entry);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const group = chosenGroup(choice, typed, groups);
    if (group !== null && typeof group !== 'string') {
      setProblem(group);
      nameRef.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const refused = await moveToGroup(current, group);
    setBusy(false);
    if (refused === null) return onClose();
    const onName = choice.kind === 'new' && refused.field === 'group';
    setProblem({ field: onName ? 'name' : null, message: refused.message });
    if (onName) nameRef.current?.focus();
  }

  const pick = (next: Choice): void => {
    setChoice(next);
    setProblem(null);
  };
  const isChosen = (c: Choice): boolean =>
    c.kind === choice.kind && (c.kind !== 'group' || (choice.kind === 'group' && choice.name === c.name));

  return (
    <Modal title={`Move ${label} to a group`} onClose={onClose} initialFocus={firstChoiceRef}>
      <form className="entry-form account-group-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <fieldset className="radio-group radio-group-stacked account-group-choices">
          <legend>Group</legend>
          <GroupRadio
            label="No group"
            checked={isChosen({ kind: 'none' })}
            inputRef={entry.group === null ? firstChoiceRef : undefined}
            onChange={() => pick({ kind: 'none' })}
          />
          {groups.map((name) => (
            <GroupRadio
              key={name}
              label={name}
              checked={isChosen({ kind: 'group', name })}
              inputRef={entry.group === name ? firstChoiceRef : undefined}
              onChange={() => pick({ kind: 'group', name })}
            />
          ))}
          <GroupRadio label="New group…" checked={choice.kind === 'new'} onChange={() => pick({ kind: 'new' })} />
        </fieldset>
        {choice.kind === 'new' ? (
          <Field
            id={NEW_GROUP_ID}
            label="Name of the new group"
            error={problem?.field === 'name' ? problem.message : null}
          >
            {(a11y) => (
              <input
                {...a11y}
                ref={nameRef}
                value={typed}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => {
                  setTyped(e.target.value);
                  if (problem?.field === 'name') setProblem(null);
                }}
              />
            )}
          </Field>
        ) : null}
        <FormAlert message={problem?.field === null ? problem.message : null} />
        <FormActions busy={busy} leave={{ label: 'Cancel', onClick: onClose }} submit={busy ? 'Moving…' : 'Move'} />
      </form>
    </Modal>
  );
}

interface GroupRadioProps {
  readonly label: string;
  readonly checked: boolean;
  readonly inputRef?: RefObject<HTMLInputElement | null> | undefined;
  readonly onChange: () => void;
}

function GroupRadio({ label, checked, inputRef, onChange }: GroupRadioProps) {
  return (
    <label className="radio">
      <input ref={inputRef} type="radio" name="account-group" checked={checked} onChange={onChange} />
      <span className="account-group-name">{label}</span>
    </label>
  );
}
