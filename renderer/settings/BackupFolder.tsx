// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The backups' folder, shown as text: it is chosen in main's folder dialog ("Change folder…") or set
 * back with "Use the default", never typed, so it must not look like a field. The whole path wraps
 * (and is in a tooltip too); a group named "Backup folder" holds the path and its buttons, so a
 * screen reader reads them together. A refusal (a folder Tessera cannot write to) shows below it.
 */
import { useRef, useState } from 'react';
import type { BackupStatus, IpcError } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';
import { FolderIcon } from '../shared/Icons';

export interface BackupFolderProps {
  /** null until main answers. */
  readonly status: BackupStatus | null;
  readonly onStatus: (status: BackupStatus) => void;
}

export function BackupFolder({ status, onStatus }: BackupFolderProps) {
  const [problem, setProblem] = useState<IpcError | null>(null);
  const changeButton = useRef<HTMLButtonElement>(null);

  /** Applies main's answer to a folder request, or shows its refusal here. */
  async function request(call: () => Promise<Result<BackupStatus>>): Promise<boolean> {
    const result = await call();
    setProblem(result.ok ? null : result.error);
    if (result.ok) onStatus(result.value);
    return result.ok;
  }

  async function backToDefault(): Promise<void> {
    // "Use the default" goes away once it is the default: its neighbour takes the focus, not the dialog.
    if (await request(() => api().backups.useDefaultFolder())) changeButton.current?.focus();
  }

  const folder = status?.folder ?? null;
  return (
    <div
      className="backup-folder"
      role="group"
      aria-labelledby="backup-folder-label"
      aria-describedby={status?.defaultFolder ? 'backup-folder-hint' : undefined}
    >
      <p id="backup-folder-label" className="backup-folder-label">
        Backup folder
      </p>
      <p className="backup-folder-path">
        <FolderIcon />
        {folder === null ? <span>Loading…</span> : <span title={folder}>{folder}</span>}
      </p>
      {status?.defaultFolder ? (
        <p id="backup-folder-hint" className="field-hint">
          The default: a folder named backups in Tessera’s data folder on this computer.
        </p>
      ) : null}
      <FormAlert message={problem?.message ?? null} details={problem?.details} />
      <div className="settings-actions">
        <button
          ref={changeButton}
          type="button"
          className="button button-secondary"
          onClick={() => void request(() => api().backups.chooseFolder())}
        >
          Change folder…
        </button>
        {status && !status.defaultFolder ? (
          <button type="button" className="button button-secondary" onClick={() => void backToDefault()}>
            Use the default
          </button>
        ) : null}
      </div>
    </div>
  );
}
