// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings, backups and export: automatic backups after each change, how many to keep, their folder
 * (BackupFolder), the last backup that was opened again and verified, "Back up now" (BackupRunNow)
 * and the way into "Export accounts" (also in the top bar). Main pushes `backups:changed`, so the
 * section stays current.
 */
import type { RefObject } from 'react';
import type { BackupStatus } from '../../electron/domain';
import { SETTINGS_LIMITS } from '../shared/domain-values';
import { FormAlert } from '../shared/FormAlert';
import { backupTimeText } from './backup-words';
import { BackupFolder } from './BackupFolder';
import { BackupRunNow } from './BackupRunNow';
import { SettingToggle } from './SettingsCheckbox';
import type { SectionProps } from './SettingsDialog';
import { SettingsDraftField, type DraftReading } from './SettingsDraftField';
import { SettingsSection } from './SettingsSection';
import { useBackupRun } from './useBackupRun';
import { useBackupStatus } from './useBackupStatus';

export const BACKUP_KEEP_MIN = 1;
export const BACKUP_KEEP_MAX = SETTINGS_LIMITS.backupKeepMax;

export interface SettingsBackupsProps extends SectionProps {
  /** Opens the export dialog. */
  readonly onExport: () => void;
  /** The "Export accounts…" button, so the settings can focus it again when the export closes. */
  readonly exportButton?: RefObject<HTMLButtonElement | null>;
}

export function SettingsBackups({ onExport, exportButton, ...section }: SettingsBackupsProps) {
  const { status, loadError, apply } = useBackupStatus();
  const { run, start } = useBackupRun(apply);
  // A failed "Back up now" is said beside its button, with its detail; main's status repeats it.
  const shownBelow = run.state === 'failed' ? run.error.message : null;

  return (
    <SettingsSection section="backups">
      <SettingToggle
        section={section}
        setting="autoBackup"
        id="set-auto-backup"
        label="Back up automatically after each change"
        hint="Each backup is encrypted with your master password and opened again to check it."
      />
      <SettingsDraftField
        id="set-backup-keep"
        label="Number of backups to keep"
        hint="When there are more, the oldest are deleted after a new backup is verified."
        className="backup-keep"
        value={section.settings.backupKeep}
        error={section.errors.backupKeep ?? null}
        read={readBackupKeep}
        onCommit={(backupKeep) => void section.update({ backupKeep })}
        input={{ type: 'number', inputMode: 'numeric', min: BACKUP_KEEP_MIN, max: BACKUP_KEEP_MAX, step: 1 }}
      />
      <BackupFolder status={status} onStatus={apply} />
      <LastBackup status={status} loadError={loadError} shownBelow={shownBelow} />
      <BackupRunNow run={run} onRun={() => void start()} />
      <div className="settings-actions">
        <button ref={exportButton} type="button" className="button button-secondary" onClick={onExport}>
          Export accounts…
        </button>
      </div>
    </SettingsSection>
  );
}

interface LastBackupProps {
  readonly status: BackupStatus | null;
  readonly loadError: string | null;
  /** A failure already said below (by "Back up now"), not to be said twice. */
  readonly shownBelow: string | null;
}

/** The last verified backup and the last failure, as main reported them. */
function LastBackup({ status, loadError, shownBelow }: LastBackupProps) {
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
      {status.lastError && status.lastError !== shownBelow ? (
        <div className="callout callout-warning" role="alert">
          <p className="backup-error-title">The last backup failed.</p>
          <p>{status.lastError}</p>
        </div>
      ) : null}
    </>
  );
}

/** How many backups to keep: a whole number from 1 to 100. */
function readBackupKeep(draft: string): DraftReading<number> {
  const keep = Number(draft.trim());
  if (draft.trim() === '' || !Number.isInteger(keep) || keep < BACKUP_KEEP_MIN || keep > BACKUP_KEEP_MAX) {
    return { problem: `Choose a whole number from ${BACKUP_KEEP_MIN} to ${BACKUP_KEEP_MAX}.` };
  }
  return { value: keep };
}
