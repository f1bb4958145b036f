// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings, backups part: automatic backups after each change, how many to keep, their folder
 * (chosen in main's folder dialog), the last backup that was opened again and verified, "Back up
 * now" and the way into "Export accounts". Main pushes `backups:changed`, so the section stays current.
 */
import { useState, type RefObject } from 'react';
import type { BackupStatus, Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { useBackupStatus } from '../hooks/useBackupStatus';
import { BusyNote } from './BusyNote';
import { Field } from './Field';
import { FormAlert } from './FormAlert';
import type { SectionProps } from './SettingsDialog';
import { SettingsCheckbox } from './SettingsCheckbox';

export const BACKUP_KEEP_MIN = 1;
export const BACKUP_KEEP_MAX = 100;

/** The time of a backup as the user's locale writes a date and time. */
export function backupTimeText(time: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

export interface SettingsBackupsProps extends SectionProps {
  /** Opens the export dialog. */
  readonly onExport: () => void;
  /** The "Export accounts…" button, so the settings can focus it again when the export closes. */
  readonly exportButton?: RefObject<HTMLButtonElement | null>;
}

export function SettingsBackups({ settings, errors, update, onExport, exportButton }: SettingsBackupsProps) {
  const { status, loadError, apply } = useBackupStatus();
  const [folderError, setFolderError] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  /** Applies main's answer to a folder request, or shows its refusal next to the folder. */
  async function changeFolder(request: () => Promise<Result<BackupStatus>>): Promise<void> {
    const result = await request();
    if (result.ok) apply(result.value);
    setFolderError(result.ok ? null : result.error.message);
  }

  async function runNow(): Promise<void> {
    if (running) return;
    setRunError(null);
    setRunning(true);
    const result = await api().backups.runNow();
    setRunning(false);
    if (result.ok) apply(result.value);
    else setRunError(result.error.message);
  }

  return (
    <section className="settings-section" aria-labelledby="settings-backups">
      <h3 id="settings-backups">Backups</h3>
      <SettingsCheckbox
        id="set-auto-backup"
        label="Back up automatically after each change"
        hint="Each backup is encrypted with your master password and opened again to check it."
        checked={settings.autoBackup}
        error={errors.autoBackup}
        onChange={(autoBackup) => void update({ autoBackup })}
      />
      <BackupKeepField
        value={settings.backupKeep}
        error={errors.backupKeep ?? null}
        onCommit={(backupKeep) => void update({ backupKeep })}
      />
      <Field
        id="set-backup-folder"
        label="Backup folder"
        {...(status?.defaultFolder ? { hint: 'The default: a folder named backups beside the vault.' } : {})}
        error={folderError}
      >
        {(a11y) => <input {...a11y} type="text" readOnly value={status?.folder ?? 'Loading…'} />}
      </Field>
      <div className="settings-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void changeFolder(() => api().backups.chooseFolder())}
        >
          Change folder…
        </button>
        {status && !status.defaultFolder ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void changeFolder(() => api().backups.useDefaultFolder())}
          >
            Use default
          </button>
        ) : null}
      </div>
      <LastBackup status={status} loadError={loadError} />
      <FormAlert message={runError} />
      {running ? <BusyNote label="Writing and checking a backup…" /> : null}
      <div className="settings-actions">
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus while it works. */}
        <button type="button" className="button button-secondary" aria-disabled={running} onClick={() => void runNow()}>
          Back up now
        </button>
        <button ref={exportButton} type="button" className="button button-secondary" onClick={onExport}>
          Export accounts…
        </button>
      </div>
    </section>
  );
}

/** The last verified backup and the last failure, as main reported them. */
function LastBackup({ status, loadError }: { status: BackupStatus | null; loadError: string | null }) {
  if (loadError) return <FormAlert message={loadError} />;
  if (!status) return null;
  const last = status.lastVerified;
  return (
    <>
      <p className="backup-last" role="status">
        {last ? (
          <>
            Last verified backup: <time dateTime={new Date(last.time).toISOString()}>{backupTimeText(last.time)}</time>,{' '}
            <span className="backup-file">{last.file}</span>
          </>
        ) : (
          'No verified backup yet'
        )}
      </p>
      {status.lastError ? (
        <div className="callout callout-warning" role="alert">
          <p className="backup-error-title">The last backup failed.</p>
          <p>{status.lastError}</p>
        </div>
      ) : null}
    </>
  );
}

interface BackupKeepFieldProps {
  readonly value: number;
  readonly error: string | null;
  readonly onCommit: (keep: number) => void;
}

/** How many backups to keep: typed freely, saved on Enter or when the field is left, if 1–100. */
function BackupKeepField({ value, error, onCommit }: BackupKeepFieldProps) {
  /** What is being typed; null shows the saved value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function commit(): void {
    if (draft === null) return;
    const keep = Number(draft.trim());
    if (draft.trim() === '' || !Number.isInteger(keep) || keep < BACKUP_KEEP_MIN || keep > BACKUP_KEEP_MAX) {
      setProblem(`Choose a whole number from ${BACKUP_KEEP_MIN} to ${BACKUP_KEEP_MAX}.`);
      return;
    }
    setProblem(null);
    setDraft(null);
    if (keep !== value) onCommit(keep);
  }

  return (
    <Field
      id="set-backup-keep"
      label="Number of backups to keep"
      hint="When there are more, the oldest are deleted after a new backup is verified."
      error={problem ?? error}
      className="backup-keep"
    >
      {(a11y) => (
        <input
          {...a11y}
          type="number"
          inputMode="numeric"
          min={BACKUP_KEEP_MIN}
          max={BACKUP_KEEP_MAX}
          step={1}
          value={draft ?? String(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      )}
    </Field>
  );
}
