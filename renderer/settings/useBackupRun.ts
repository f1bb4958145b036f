// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Back up now": asks main for a backup and keeps what the person should hear about it. Main answers
 * with the backup status read from the folder after the backup was written and opened again, so its
 * newest verified backup is the one just made: that file and time are the confirmation.
 */
import { useRef, useState } from 'react';
import type { BackupStatus, IpcError } from '../../electron/domain';
import { api } from '../api';

export type BackupRun =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  /** Written and verified: main's newest verified backup (null only if main could not read it back). */
  | { readonly state: 'done'; readonly backup: BackupStatus['lastVerified'] }
  | { readonly state: 'failed'; readonly error: IpcError };

export interface BackupRunState {
  readonly run: BackupRun;
  /** Starts a backup unless one is running; `apply` gets main's new status. */
  readonly start: () => Promise<void>;
}

export function useBackupRun(apply: (status: BackupStatus) => void): BackupRunState {
  const [run, setRun] = useState<BackupRun>({ state: 'idle' });
  /** Also set between two renders, so a double click starts one backup. */
  const running = useRef(false);

  async function start(): Promise<void> {
    if (running.current) return;
    running.current = true;
    setRun({ state: 'running' });
    const result = await api().backups.runNow();
    running.current = false;
    if (result.ok) {
      apply(result.value);
      setRun({ state: 'done', backup: result.value.lastVerified });
    } else {
      setRun({ state: 'failed', error: result.error });
    }
  }

  return { run, start };
}
