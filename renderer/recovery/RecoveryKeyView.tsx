// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A new recovery key, shown this once: its 9 groups large, in a numbered list; "Save as file…"
 * (main's save dialog writes it, 0600) and "Print…" (a page of its own, RecoveryKeyPrint); then the
 * check that the copy is right: the last two groups typed back. "Done" is enabled only when they
 * match. Leaving before that asks "Did you keep your recovery key?", with the choice to stay. Used
 * by Settings (in a dialog) and by the first run (on its card).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { IpcError } from '../../electron/domain';
import { api } from '../api';
import { Field } from '../shared/Field';
import { FormAlert } from '../shared/FormAlert';
import { CheckIcon } from '../shared/Icons';
import { lastGroupsText, recoveryKeyGroups } from './recovery-key-text';
import { RecoveryKeyPrint } from './RecoveryKeyPrint';
import type { ShownRecoveryKey } from './useShownRecoveryKey';

export interface RecoveryKeyViewProps {
  readonly recoveryKey: string;
  readonly shown: ShownRecoveryKey;
  /** The vault file, named on the printed page. */
  readonly vaultPath: string;
  /**
   * The words of a button that leaves before the check (asking first), for a view with no other way
   * out; a dialog has its Close button and Esc instead.
   */
  readonly leaveLabel?: string;
  /** The list of groups (focusable from script), for the owner to put the focus on first. */
  readonly keyRef?: RefObject<HTMLOListElement | null>;
}

export function RecoveryKeyView({ recoveryKey, shown, vaultPath, leaveLabel, keyRef }: RecoveryKeyViewProps) {
  const confirmRef = useRef<HTMLInputElement>(null);
  const groups = recoveryKeyGroups(recoveryKey);
  const which = lastGroupsText(recoveryKey);
  const wasAsking = useRef(false);

  // Back from the question: the copy is what is left to do.
  useEffect(() => {
    if (wasAsking.current && !shown.asking) confirmRef.current?.focus();
    wasAsking.current = shown.asking;
  }, [shown.asking]);

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (shown.confirm === 'match') shown.finish();
  }

  return (
    <div className="recovery-view">
      <p className="modal-text">
        Write it down on paper and keep it away from this computer. It is shown only this once: Tessera cannot show it
        again.
      </p>
      <ol ref={keyRef} className="recovery-key" aria-label="Recovery key" tabIndex={-1}>
        {groups.map((group, i) => (
          <li key={i} className="recovery-key-group">
            {group}
          </li>
        ))}
      </ol>
      <p className="field-hint">
        Anyone with this key and a copy of your vault can open it. To use it, choose “Forgot your password?” when
        Tessera asks for your master password.
      </p>
      <KeepCopies />
      <RecoveryKeyPrint groups={groups} vaultPath={vaultPath} />
      <form className="entry-form recovery-confirm" onSubmit={onSubmit} noValidate>
        <Field
          id="recovery-confirm"
          label={`Type ${which} to check your copy`}
          hint="As you wrote them down: capitals, spaces and dashes do not matter."
          error={
            shown.confirm === 'mismatch'
              ? `That is not what ${which} say. Check your copy against the key above.`
              : null
          }
        >
          {(a11y) => (
            <input
              {...a11y}
              ref={confirmRef}
              className="mono"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={shown.typed}
              readOnly={shown.asking}
              onChange={(e) => shown.setTyped(e.target.value)}
            />
          )}
        </Field>
        <p className="recovery-match" role="status">
          {shown.confirm === 'match' ? (
            <>
              <CheckIcon />
              <span>Your copy matches.</span>
            </>
          ) : null}
        </p>
        {shown.asking ? (
          <LeaveQuestion onStay={shown.stay} onLeave={shown.finish} />
        ) : (
          <div className="form-actions">
            {leaveLabel ? (
              <button type="button" className="button button-secondary" onClick={shown.requestClose}>
                {leaveLabel}
              </button>
            ) : null}
            <button type="submit" className="button button-primary" disabled={shown.confirm !== 'match'}>
              Done
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

type Saved = { readonly state: 'idle' | 'saving' } | { readonly state: 'saved'; readonly path: string };

/** "Save as file…" and "Print…", and where the file went. */
function KeepCopies() {
  const [saved, setSaved] = useState<Saved>({ state: 'idle' });
  const [error, setError] = useState<IpcError | null>(null);

  async function save(): Promise<void> {
    if (saved.state === 'saving') return;
    setError(null);
    setSaved({ state: 'saving' });
    const result = await api().vault.saveRecoveryKey();
    if (!result.ok) {
      setSaved({ state: 'idle' });
      setError(result.error);
      return;
    }
    // Cancelled in the save dialog: nothing to say.
    setSaved(result.value.savedTo === null ? { state: 'idle' } : { state: 'saved', path: result.value.savedTo });
  }

  return (
    <>
      <div className="recovery-actions">
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={saved.state === 'saving'}
          onClick={() => void save()}
        >
          Save as file…
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          Print…
        </button>
      </div>
      <p className="recovery-saved" role="status">
        {saved.state === 'saved' ? (
          <>
            <CheckIcon />
            <span>
              Saved to <span className="recovery-saved-path">{saved.path}</span>. Keep the file off this computer too,
              for instance on a USB stick you put away.
            </span>
          </>
        ) : saved.state === 'saving' ? (
          <span>Saving…</span>
        ) : null}
      </p>
      <FormAlert message={error?.message ?? null} details={error?.details} />
    </>
  );
}

/** Asked when leaving before the copy was checked; "Stay" has the focus, so Enter alone never leaves. */
function LeaveQuestion({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const headingId = useId();
  const textId = useId();
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => stayRef.current?.focus(), []);
  return (
    <section className="recovery-leave" role="group" aria-labelledby={headingId} aria-describedby={textId}>
      <h3 id={headingId}>Did you keep your recovery key?</h3>
      <p id={textId} className="modal-text">
        It will not be shown again. If you forget your master password and have no copy of this key, nothing can open
        your vault. You can make a new key in Settings at any time.
      </p>
      <div className="form-actions">
        <button ref={stayRef} type="button" className="button button-primary" onClick={onStay}>
          Stay
        </button>
        <button type="button" className="button button-secondary" onClick={onLeave}>
          Yes, I kept it
        </button>
      </div>
    </section>
  );
}
