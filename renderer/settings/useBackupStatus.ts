// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The automatic backups' status while the settings show it: asked of main once, then followed
 * through `backups:changed` (a backup written or failed after a change). Answers to the section's
 * own requests (choose a folder, back up now) are applied with `apply`.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../electron/ipc/contract';
import { api } from '../api';

export interface BackupStatusState {
  /** null until main answers. */
  readonly status: BackupStatus | null;
  /** Why the status could not be read, or null. */
  readonly loadError: string | null;
  readonly apply: (status: BackupStatus) => void;
}

export function useBackupStatus(): BackupStatusState {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let pushed = false;
    let live = true;
    const unsubscribe = api().backups.onChanged((next) => {
      pushed = true;
      setStatus(next);
    });
    void api()
      .backups.status()
      .then((result) => {
        // A push that arrived meanwhile is newer than this answer.
        if (!live || pushed) return;
        if (result.ok) setStatus(result.value);
        else setLoadError(result.error.message);
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const apply = useCallback((next: BackupStatus) => {
    setStatus(next);
    setLoadError(null);
  }, []);
  return { status, loadError, apply };
}
