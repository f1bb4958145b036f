// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Strength feedback for a new-password field that stays uncontrolled: the field's `onInput`
 * hands the value to the checker once typing pauses (a check takes tens of milliseconds) and only
 * the assessment (score, advice) is kept in state, never the password. The zxcvbn-ts chunk starts
 * loading when the form appears.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { loadStrengthChecker, type StrengthAssessment } from './password-strength';

/** Pause in typing before the meter updates. */
export const STRENGTH_DEBOUNCE_MS = 150;

export interface PasswordStrength {
  /** null while the field is empty or the checker loads. */
  readonly assessment: StrengthAssessment | null;
  readonly onInput: (event: FormEvent<HTMLInputElement>) => void;
  /** Assesses a password now (loading the checker if needed), e.g. on submit. */
  readonly assess: (password: string) => Promise<StrengthAssessment>;
  /** Forgets the assessment, e.g. once the field was emptied after sending. */
  readonly clear: () => void;
}

export function usePasswordStrength(): PasswordStrength {
  const [assessment, setAssessment] = useState<StrengthAssessment | null>(null);
  const timer = useRef<number | null>(null);
  /** Bumped by every input and by clear(), so a late answer for older text is dropped. */
  const generation = useRef(0);

  useEffect(() => {
    void loadStrengthChecker();
    return () => {
      generation.current += 1;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  const onInput = useCallback((event: FormEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    const mine = ++generation.current;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (value === '') return setAssessment(null);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      void loadStrengthChecker().then((check) => {
        if (generation.current === mine) setAssessment(check(value));
      });
    }, STRENGTH_DEBOUNCE_MS);
  }, []);

  const assess = useCallback(async (password: string) => {
    const mine = ++generation.current;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const result = (await loadStrengthChecker())(password);
    if (generation.current === mine) setAssessment(password === '' ? null : result);
    return result;
  }, []);

  const clear = useCallback(() => {
    generation.current += 1;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    setAssessment(null);
  }, []);

  return { assessment, onInput, assess, clear };
}
