// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Setting up quick unlock, in two steps: how (a PIN, or Touch ID where this Mac has it) and the PIN
 * typed twice; then the master password (MasterPasswordCheck), with which main switches it on. The
 * PIN fields stay uncontrolled; the PIN is kept between the steps only, and dropped when it has gone
 * to main or the form closes. A refusal about the PIN brings the first step back with it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { QuickUnlockMethod, QuickUnlockStatus } from '../../electron/domain';
import { api } from '../api';
import { isPinShaped, QUICK_UNLOCK_LIMITS } from '../shared/domain-values';
import { Field } from '../shared/Field';
import { FormActions } from '../shared/FormActions';
import { MasterPasswordCheck } from '../shared/MasterPasswordCheck';
import { PIN_SHAPE_TEXT } from '../shared/quick-unlock-words';
import { useFieldProblems } from '../shared/useFieldProblems';

export interface QuickUnlockSetupProps {
  /** Touch ID can be offered. */
  readonly touchIdAvailable: boolean;
  /** Main switched quick unlock on. */
  readonly onEnabled: (status: QuickUnlockStatus) => void;
  readonly onCancel: () => void;
}

type Problems = { pin?: string; confirm?: string };

/** What is wrong with the two PINs typed, if anything. */
export function pinProblems(pin: string, confirm: string): Problems {
  if (pin === '') return { pin: 'Type a PIN.' };
  if (!isPinShaped(pin)) return { pin: PIN_SHAPE_TEXT };
  if (confirm === '') return { confirm: 'Type the PIN again.' };
  if (confirm !== pin) return { confirm: 'The two PINs are not the same.' };
  return {};
}

export function QuickUnlockSetup({ touchIdAvailable, onEnabled, onCancel }: QuickUnlockSetupProps) {
  const [method, setMethod] = useState<QuickUnlockMethod>('pin');
  const [step, setStep] = useState<'how' | 'password'>('how');
  const [problems, setProblems, changed] = useFieldProblems<Problems>();
  /** The PIN from the first step until it goes to main. */
  const pin = useRef<string | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  /** Main refused the PIN: its field takes the focus when the first step is back. */
  const refusedPin = useRef(false);
  useEffect(
    () => () => {
      pin.current = null;
    },
    [],
  );
  useEffect(() => {
    if (step !== 'how' || !refusedPin.current) return;
    refusedPin.current = false;
    pinInput.current?.focus();
  }, [step]);

  function onNext(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (method === 'touch-id') {
      pin.current = null;
      setStep('password');
      return;
    }
    const typed = pinInput.current?.value ?? '';
    const found = pinProblems(typed, confirmInput.current?.value ?? '');
    if (found.pin !== undefined || found.confirm !== undefined) {
      setProblems(found);
      const field = found.pin !== undefined ? pinInput.current : confirmInput.current;
      field?.focus();
      field?.select();
      return;
    }
    setProblems({});
    pin.current = typed;
    setStep('password');
  }

  if (step === 'password') {
    return (
      <MasterPasswordCheck
        id="quick-unlock-master"
        note={
          <p className="field-hint">
            {method === 'pin'
              ? 'Your PIN will open Tessera on this computer.'
              : 'Touch ID will open Tessera on this computer.'}
          </p>
        }
        prompt="Enter your master password to switch on quick unlock."
        submit="Switch on quick unlock"
        busySubmit="Switching on…"
        busyNote="Switching on quick unlock…"
        leave={{
          label: 'Back',
          onClick: () => {
            pin.current = null;
            setStep('how');
          },
        }}
        check={async (password) => {
          const result = await api().quickUnlock.enable(method, method === 'pin' ? pin.current : null, password);
          if (!result.ok) {
            if (result.error.field === 'pin') {
              pin.current = null;
              refusedPin.current = true;
              setMethod('pin');
              setProblems({ pin: result.error.message });
              setStep('how');
              return null;
            }
            return result.error;
          }
          pin.current = null;
          onEnabled(result.value);
          return null;
        }}
      />
    );
  }

  return (
    <form className="entry-form quick-unlock-setup" onSubmit={onNext} noValidate>
      {touchIdAvailable ? (
        <fieldset className="radio-group radio-group-stacked">
          <legend>Unlock with</legend>
          <label className="radio">
            <input
              type="radio"
              name="quick-unlock-method"
              checked={method === 'pin'}
              autoFocus
              onChange={() => setMethod('pin')}
            />
            <span>A PIN</span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name="quick-unlock-method"
              checked={method === 'touch-id'}
              onChange={() => setMethod('touch-id')}
            />
            <span>Touch ID</span>
          </label>
        </fieldset>
      ) : null}
      {method === 'pin' ? (
        <>
          <Field id="quick-unlock-pin" label="PIN" hint={PIN_SHAPE_TEXT} error={problems.pin ?? null}>
            {(a11y) => (
              <input
                {...a11y}
                ref={pinInput}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                maxLength={QUICK_UNLOCK_LIMITS.pinMaxLength}
                autoFocus={!touchIdAvailable}
                onInput={() => changed('pin')}
              />
            )}
          </Field>
          <Field id="quick-unlock-confirm" label="Type the PIN again" error={problems.confirm ?? null}>
            {(a11y) => (
              <input
                {...a11y}
                ref={confirmInput}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                maxLength={QUICK_UNLOCK_LIMITS.pinMaxLength}
                onInput={() => changed('confirm')}
              />
            )}
          </Field>
        </>
      ) : (
        <p className="field-hint">Tessera asks macOS to check your fingerprint each time it opens.</p>
      )}
      <FormActions busy={false} leave={{ label: 'Cancel', onClick: onCancel }} submit="Next" />
    </form>
  );
}
