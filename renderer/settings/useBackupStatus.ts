// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The automatic backups' status while the settings show it: asked of main once, then followed
 * through `backups:changed` (a backup written or failed after a change). Answers to the section's
 * own requests (choose a folder, back up now) are applied with `apply`.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../electron/domain';
import { api } from '../api';
import { followMain } from '../shared/follow-main';

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

  useEffect(
    () =>
      followMain({
        subscribe: (listener) => api().backups.onChanged(listener),
        ask: () => api().backups.status(),
        onValue: setStatus,
        onError: (error) => setLoadError(error.message),
      }),
    [],
  );

  const apply = useCallback((next: BackupStatus) => {
    setStatus(next);
    setLoadError(null);
  }, []);
  return { status, loadError, apply };
}
