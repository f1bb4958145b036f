// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The life of a recovery key on screen: the copy of its last groups typed back, the question asked
 * when the user leaves before that copy matches ("Did you keep your recovery key?"), and the end,
 * which tells main to forget the key (main keeps it only so "Save as file…" can write it). The key
 * itself stays with the owner of the view, which drops it from its state when `onFinished` runs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { confirmState, type ConfirmState } from './recovery-key-text';

export interface ShownRecoveryKey {
  /** The copy of the last groups as typed. */
  readonly typed: string;
  readonly setTyped: (typed: string) => void;
  readonly confirm: ConfirmState;
  /** True while "Did you keep your recovery key?" is asked. */
  readonly asking: boolean;
  /** Leaving (Done, Close, Esc): ends at once when the copy matches, else asks first. */
  readonly requestClose: () => void;
  /** The answer "stay": the question goes away and the key stays on screen. */
  readonly stay: () => void;
  /** Ends: main forgets the key and the owner drops it. */
  readonly finish: () => void;
}

/**
 * A forget scheduled by an unmount, cancelled when the view mounts again at once (React's
 * StrictMode mounts twice in development): a view that goes away without Done (the vault locked,
 * the window was called to the search field) still has main forget the key.
 */
let pendingForget: number | null = null;

export function useShownRecoveryKey(recoveryKey: string, onFinished: () => void): ShownRecoveryKey {
  const [typed, setTyped] = useState('');
  const [asking, setAsking] = useState(false);
  const forgotten = useRef(false);
  const confirm = confirmState(recoveryKey, typed);

  useEffect(() => {
    if (pendingForget !== null) window.clearTimeout(pendingForget);
    pendingForget = null;
    return () => {
      if (forgotten.current) return;
      const vault = api().vault;
      pendingForget = window.setTimeout(() => {
        pendingForget = null;
        void vault.forgetRecoveryKey();
      }, 0);
    };
  }, []);

  const finish = useCallback(() => {
    if (!forgotten.current) {
      forgotten.current = true;
      void api().vault.forgetRecoveryKey();
    }
    setTyped('');
    onFinished();
  }, [onFinished]);

  const requestClose = useCallback(() => {
    if (confirm === 'match') finish();
    else setAsking(true);
  }, [confirm, finish]);

  const stay = useCallback(() => setAsking(false), []);

  return { typed, setTyped, confirm, asking, requestClose, stay, finish };
}
