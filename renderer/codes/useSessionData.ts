// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * While the codes screen is shown: loads entries and codes once, then follows the pushes; loads this
 * computer's usage counts once (a copy asks again: actions.ts). Answers that arrive after the vault
 * locked, or after a newer push, are dropped.
 */
import { useEffect, useState } from 'react';
import type { IpcError } from '../../electron/domain';
import { api } from '../api';
import { isVaultUnlocked } from '../shared/vault-store';
import { useCodesStore } from './codes-store';
import { useEntriesStore } from './entries-store';
import { loadUsage } from './usage-store';

/** Returns the error of the initial load, if any. */
export function useSessionData(): IpcError | null {
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    let entriesPushed = false;
    let codesPushed = false;
    const a = api();
    const offEntries = a.entries.onChanged((entries) => {
      entriesPushed = true;
      if (isVaultUnlocked()) useEntriesStore.getState().replace(entries);
    });
    const offCodes = a.codes.onUpdate((codes) => {
      codesPushed = true;
      if (isVaultUnlocked()) useCodesStore.getState().replace(codes);
    });
    void loadUsage();
    void Promise.all([a.entries.list(), a.codes.current()]).then(([entries, codes]) => {
      if (!live || !isVaultUnlocked()) return;
      if (entries.ok && !entriesPushed) useEntriesStore.getState().replace(entries.value);
      if (codes.ok && !codesPushed) useCodesStore.getState().replace(codes.value);
      const failed = !entries.ok ? entries.error : !codes.ok ? codes.error : null;
      setError(failed);
    });
    return () => {
      live = false;
      offEntries();
      offCodes();
    };
  }, []);

  return error;
}
