// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Import accounts": choose a source, wait while main reads it (or stop it), give an encrypted
 * export its password, review what was found, add it. Main reads and decodes everything and keeps
 * the secrets; this dialog sees names, parameters and codes. Closing it (Esc, Close, Cancel) tells
 * main to wipe, and stops any reading still going on.
 */
import { FormAlert } from '../shared/FormAlert';
import { Modal } from '../shared/Modal';
import { closeImport } from './import-actions';
import { useImportStore } from './import-store';
import { ImportBusy } from './ImportBusy';
import { ImportFormatRetry } from './ImportFormatChoice';
import { ImportPasswordStep } from './ImportPasswordStep';
import { ImportReview } from './ImportReview';
import { ImportSources } from './ImportSources';
import { useImportFormats } from './useImportFormats';
import { useImportSession } from './useImportSession';

export const IMPORT_DIALOG_TITLE = 'Import accounts';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  useImportSession();
  const formats = useImportFormats();
  const phase = useImportStore((s) => s.phase);
  const busy = useImportStore((s) => s.busy);
  const error = useImportStore((s) => s.error);
  const notice = useImportStore((s) => s.notice);
  const announcement = useImportStore((s) => s.announcement);

  function close(): void {
    closeImport();
    onClose();
  }

  return (
    <Modal title={IMPORT_DIALOG_TITLE} onClose={close}>
      <div className="import-dialog" aria-busy={busy !== null}>
        <FormAlert message={error?.message ?? null} details={error?.details} />
        {error?.formatNeeded ? <ImportFormatRetry formats={formats} /> : null}
        {notice !== null ? <p className="import-notice">{notice}</p> : null}
        {busy !== null && phase.kind !== 'password' ? <ImportBusy label={busy} /> : null}
        {phase.kind === 'sources' ? (
          <ImportSources formats={formats} />
        ) : phase.kind === 'password' ? (
          <ImportPasswordStep
            fileName={phase.fileName}
            formatName={phase.formatName}
            wrongPassword={phase.wrongPassword}
            attempt={phase.attempt}
            onBack={closeImport}
          />
        ) : (
          <ImportReview review={phase.review} onDone={onClose} onCancel={close} />
        )}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="import-announcer">
        {announcement.text ? <span key={announcement.id}>{announcement.text}</span> : null}
      </div>
    </Modal>
  );
}
