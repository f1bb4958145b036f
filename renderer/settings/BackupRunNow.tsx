// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Back up now" and, beside it, what became of it in a polite live region: "Backing up…", then
 * "Backed up: <file>, verified at <time>." A failure is said in plain words below, with main's
 * technical detail behind "Details". The live region is always in the page, so a screen reader hears
 * each change; the button keeps the focus throughout (aria-disabled while it works, never disabled).
 */
import { FormAlert } from '../shared/FormAlert';
import { CheckIcon } from '../shared/Icons';
import { backupClockText, fileNameOf } from './backup-words';
import type { BackupRun } from './useBackupRun';

function RunNote({ run }: { run: BackupRun }) {
  if (run.state === 'running') return <span>Backing up…</span>;
  if (run.state !== 'done') return null;
  if (!run.backup) {
    return (
      <>
        <CheckIcon />
        <span>Backed up and verified.</span>
      </>
    );
  }
  const { file, time } = run.backup;
  return (
    <>
      <CheckIcon />
      <span>
        Backed up: <span className="backup-file">{fileNameOf(file)}</span>, verified at{' '}
        <time dateTime={new Date(time).toISOString()}>{backupClockText(time)}</time>.
      </span>
    </>
  );
}

export function BackupRunNow({ run, onRun }: { run: BackupRun; onRun: () => void }) {
  const running = run.state === 'running';
  return (
    <>
      <div className="backup-run">
        <button type="button" className="button button-secondary" aria-disabled={running} onClick={onRun}>
          Back up now
        </button>
        <p className="backup-run-note" role="status" aria-live="polite" data-state={run.state}>
          <RunNote run={run} />
        </p>
      </div>
      {run.state === 'failed' ? <FormAlert message={run.error.message} details={run.error.details} /> : null}
    </>
  );
}
