// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * First run: choose the master password and create the vault. The inputs are uncontrolled and
 * emptied as soon as the password is handed to main; it never enters React state or a store.
 * zxcvbn-ts rates it as it is typed; it must be at least 10 characters and rated "strong". A message
 * about a password goes at the first key press in that field: it was about the one refused.
 * Then, before the codes, a skippable step offers a recovery key (FirstRunRecovery): the password
 * just chosen is kept in a ref for that step alone, to make the key without asking for it again.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VaultLocationView } from '../../electron/domain';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';
import { NewPasswordFields, useNewPassword } from '../shared/NewPasswordFields';
import type { NewPasswordProblems } from '../shared/password-rules';
import { useFieldProblems } from '../shared/useFieldProblems';
import { useVaultLocation } from '../shared/useVaultLocation';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';
import { AuthSubmit } from './AuthSubmit';
import { useFirstRunStore } from './first-run-store';
import { FirstRunKey, RecoveryOffer } from './FirstRunRecovery';
import { VaultMissing } from './VaultMissing';
import { VaultPath } from './VaultPath';
import { VaultPlace } from './VaultPlace';

type Phase =
  | { readonly step: 'create' }
  /** "Keep a way back in": make a recovery key now, or not. */
  | { readonly step: 'offer' }
  | { readonly step: 'key'; readonly recoveryKey: string };

export function FirstRunScreen({ path }: { path: string }) {
  const [phase, setPhase] = useState<Phase>({ step: 'create' });
  const place = useVaultLocation();
  /** "Create a new vault here" although this computer's record names a vault that is not there. */
  const [createAnyway, setCreateAnyway] = useState(false);
  /** The master password just chosen, during the offer only. */
  const password = useRef<string | null>(null);
  useEffect(() => {
    const held = password;
    return () => {
      held.current = null;
    };
  }, []);

  /** The first run is over: on to the codes. */
  function done(): void {
    password.current = null;
    useFirstRunStore.getState().setOffering(false);
  }

  switch (phase.step) {
    case 'create':
      // Where the vault should be is not known yet: nothing to create until main says.
      if (place.location === null && place.error === null) return null;
      if (place.location?.problem && !createAnyway) {
        return (
          <VaultMissing
            location={place.location}
            onLocation={place.setLocation}
            onRetry={place.reload}
            onCreate={() => setCreateAnyway(true)}
          />
        );
      }
      return (
        <CreateVault
          path={path}
          location={place.location}
          onLocation={place.setLocation}
          onCreated={(chosen) => {
            password.current = chosen;
            setPhase({ step: 'offer' });
          }}
        />
      );
    case 'offer':
      return (
        <RecoveryOffer
          path={path}
          password={password}
          onMade={(recoveryKey) => {
            password.current = null;
            setPhase({ step: 'key', recoveryKey });
          }}
          onSkip={done}
        />
      );
    case 'key':
      return <FirstRunKey path={path} recoveryKey={phase.recoveryKey} onDone={done} />;
    default:
      throw new Error(`Unknown first-run step ${JSON.stringify(phase satisfies never)}`);
  }
}

/** The master password, typed twice, and "Create vault"; `onCreated` gets the password main accepted. */
interface CreateVaultProps {
  readonly path: string;
  /** Where it goes ("Where to keep it"); null when main could not say. */
  readonly location: VaultLocationView | null;
  readonly onLocation: (location: VaultLocationView) => void;
  readonly onCreated: (password: string) => void;
}

function CreateVault({ path, location, onLocation, onCreated }: CreateVaultProps) {
  const newPassword = useNewPassword();
  const [problems, setProblems, changed] = useFieldProblems<NewPasswordProblems>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const taken = await newPassword.take();
    if (!taken) return;
    if ('problems' in taken) return setProblems(taken.problems);
    setProblems({});
    setFormError(null);
    setBusy(true);
    // Main announces the open vault before it answers: the first run must stay on screen.
    useFirstRunStore.getState().setOffering(true);
    const result = await api().vault.create(taken.password);
    setBusy(false);
    if (result.ok) {
      onCreated(taken.password);
      useVaultStore.getState().setStatus(result.value);
      return;
    }
    useFirstRunStore.getState().setOffering(false);
    if (result.error.field === 'password') setProblems({ password: result.error.message });
    else setFormError(result.error.message);
    newPassword.passwordRef.current?.focus();
  }

  return (
    <AuthLayout
      title="Create your vault"
      lead={
        <p>
          Tessera keeps your two-factor secrets in an encrypted file on this computer. Choose a master password to lock
          it.
        </p>
      }
      footer={
        <>
          <VaultPlace location={location} onLocation={onLocation} busy={busy} />
          <VaultPath path={path} />
        </>
      }
    >
      <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <NewPasswordFields
          newPassword={newPassword}
          id="new-password"
          label="Master password"
          confirmId="confirm-password"
          confirmLabel="Confirm master password"
          advice="A few unrelated words make a strong one."
          problems={problems}
          busy={busy}
          autoFocus
          onEdit={changed}
        />
        <div className="callout callout-warning" id="no-recovery">
          <strong>This password cannot be recovered.</strong> Nobody, not even Tessera, can open the vault without it or
          a recovery key, which you can make next. Without either, the codes in this vault are lost: keep the password
          somewhere safe.
        </div>
        <FormAlert message={formError} />
        <AuthSubmit
          busy={busy}
          label="Create vault"
          busyLabel="Creating vault…"
          busyNote="Creating your vault… this takes about a second."
        />
      </form>
    </AuthLayout>
  );
}
