// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Vault file: the folder the vault lives in (as text: it is chosen in main's folder
 * dialog, never typed), that it may be a folder a sync tool shares with other computers, and "Move
 * to another folder…". Main moves the vault and its previous generation there, verified, and tells
 * what happened; this section says it in a polite live region. When the chosen folder already holds
 * this vault (synchronised there from another computer), it asks before merging the two, and for
 * the other copy's password once if that differs. A refusal shows in main's words.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { IpcError, VaultLocationView, VaultMoveOutcome } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { BusyNote } from '../shared/BusyNote';
import { Details } from '../shared/Details';
import { FormActions } from '../shared/FormActions';
import { FormAlert } from '../shared/FormAlert';
import { FolderIcon } from '../shared/Icons';
import { MasterPasswordField } from '../shared/MasterPasswordField';
import { useVaultLocation } from '../shared/useVaultLocation';
import { isVaultUnlocked } from '../shared/vault-store';
import { SettingsSection } from './SettingsSection';

/** What the section says of synchronised folders. */
export const SYNC_NOTE =
  'This folder may be synchronised with other computers (Syncthing, Nextcloud, Dropbox, OneDrive, iCloud Drive): ' +
  'Tessera merges changes made on each.';

type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly words: string }
  | { readonly kind: 'same-vault'; readonly folder: string }
  | { readonly kind: 'needs-password'; readonly folder: string; readonly message: string };

/** "1 account", "3 accounts". */
function accounts(n: number): string {
  return n === 1 ? '1 account' : `${n} accounts`;
}

/** What a finished move did, in one or two sentences. */
export function movedText(outcome: Extract<VaultMoveOutcome, { status: 'moved' }>): string {
  const folder = outcome.location.folder;
  const parts: string[] = [];
  const merged = outcome.merged;
  if (merged) {
    const changes = [
      merged.added > 0 ? `${accounts(merged.added)} added` : null,
      merged.changed > 0 ? `${accounts(merged.changed)} updated` : null,
      merged.removed > 0 ? `${accounts(merged.removed)} removed` : null,
      merged.conflictNotes > 0
        ? `${merged.conflictNotes} conflicting ${merged.conflictNotes === 1 ? 'note' : 'notes'} kept`
        : null,
    ].filter((c): c is string => c !== null);
    parts.push(
      `Merged with the vault already in ${folder} (${changes.length > 0 ? changes.join(', ') : 'nothing new'}); Tessera uses that file now.`,
    );
    if (merged.passwordFromCopy) {
      parts.push('The vault opens with the password of that copy from now on (the one set on the other computer).');
    }
  } else {
    parts.push(`Moved the vault to ${folder}.`);
  }
  if (outcome.leftBehind.length > 0) {
    parts.push(`The old file could not be removed: ${outcome.leftBehind.join(', ')}. You can delete it.`);
  }
  return parts.join(' ');
}

/** Why the window cannot move the vault, when an option chose it. */
function fixedText(location: VaultLocationView): string | null {
  if (location.source === 'option') {
    return 'Tessera was started with the --vault option, which names this file, so it cannot be moved here.';
  }
  if (location.source === 'environment') {
    return 'Tessera was started with TESSERA_VAULT set, which names this file, so it cannot be moved here.';
  }
  return null;
}

export function SettingsVaultFile() {
  const { location, error, setLocation } = useVaultLocation();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<IpcError | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const moveButton = useRef<HTMLButtonElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const busy = step.kind === 'working';

  /** Main's answer to a move or a merge. */
  function answered(result: Result<VaultMoveOutcome>): void {
    if (!isVaultUnlocked()) return;
    if (!result.ok) {
      setStep({ kind: 'idle' });
      setNote('');
      setProblem(result.error);
      moveButton.current?.focus();
      return;
    }
    const outcome = result.value;
    switch (outcome.status) {
      case 'cancelled':
        setStep({ kind: 'idle' });
        setNote('');
        return;
      case 'same-vault':
        setStep({ kind: 'same-vault', folder: outcome.folder });
        setNote('');
        return;
      case 'needs-password':
        setStep({ kind: 'needs-password', folder: outcome.folder, message: outcome.message });
        setNote('');
        return;
      case 'moved':
        setStep({ kind: 'idle' });
        setLocation(outcome.location);
        setNote(movedText(outcome));
        moveButton.current?.focus();
        return;
    }
  }

  async function move(): Promise<void> {
    if (busy) return;
    setProblem(null);
    setNote('');
    setStep({ kind: 'working', words: 'Moving the vault…' });
    answered(await api().vault.move());
  }

  async function merge(password: string | null): Promise<void> {
    setProblem(null);
    setStep({ kind: 'working', words: 'Merging and moving the vault…' });
    answered(await api().vault.moveMerge(password));
  }

  async function onPassword(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = passwordRef.current;
    if (busy || !input) return;
    if (input.value === '') {
      setPasswordError('Type the password of the vault in that folder.');
      return input.focus();
    }
    const password = input.value;
    input.value = '';
    setPasswordError(null);
    await merge(password);
  }

  function cancel(): void {
    setStep({ kind: 'idle' });
    setPasswordError(null);
    moveButton.current?.focus();
  }

  const fixed = location ? fixedText(location) : null;
  const shownProblem = problem ?? error;
  return (
    <SettingsSection section="vaultFile">
      <div className="backup-folder" role="group" aria-labelledby="vault-folder-label">
        <p id="vault-folder-label" className="backup-folder-label">
          Vault folder
        </p>
        <p className="backup-folder-path">
          <FolderIcon />
          {location === null ? <span>Loading…</span> : <span title={location.folder}>{location.folder}</span>}
        </p>
      </div>
      <p className="field-hint">{SYNC_NOTE}</p>
      {location?.problem?.kind === 'damaged' ? (
        <div className="callout callout-warning" role="note">
          {location.problem.message}
          <Details text={location.problem.details} />
        </div>
      ) : null}
      {fixed ? <p className="field-hint">{fixed}</p> : null}
      {step.kind === 'same-vault' ? (
        <div className="vault-merge" role="group" aria-labelledby="vault-merge-question">
          <p id="vault-merge-question">
            {step.folder} already holds this vault (a copy synchronised from another computer, perhaps). Use that copy,
            merging the accounts of both? Nothing is lost: an account deleted on either computer stays deleted, and
            notes changed on both are kept.
          </p>
          <div className="settings-actions">
            <button type="button" className="button button-primary" onClick={() => void merge(null)}>
              Use it and merge
            </button>
            <button type="button" className="button button-secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {step.kind === 'needs-password' ? (
        <form className="entry-form" onSubmit={(e) => void onPassword(e)} noValidate>
          <p>{step.message}</p>
          <MasterPasswordField
            id="vault-merge-password"
            label="Password of the vault in that folder"
            error={passwordError}
            inputRef={passwordRef}
            busy={false}
            onInput={() => setPasswordError(null)}
          />
          <FormActions busy={false} leave={{ label: 'Cancel', onClick: cancel }} submit="Merge" />
        </form>
      ) : null}
      {step.kind === 'idle' || step.kind === 'working' ? (
        <div className="settings-actions">
          <button
            ref={moveButton}
            type="button"
            className="button button-secondary"
            aria-disabled={busy || !location?.movable}
            onClick={() => {
              if (location?.movable) void move();
            }}
          >
            Move to another folder…
          </button>
        </div>
      ) : null}
      {busy ? <BusyNote label={step.words} /> : null}
      <p className="vault-move-note" role="status" aria-live="polite">
        {note}
      </p>
      <FormAlert message={shownProblem?.message ?? null} details={shownProblem?.details} />
    </SettingsSection>
  );
}
