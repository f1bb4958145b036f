// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Export accounts": choose what to export, enter the master password again, then protect and save
 * the file (or show the QR codes). Main allows exports for a few minutes after the password; when
 * that has run out it answers `password-required` and the dialog asks again. The master password
 * is kept in a ref for this dialog's life only (a Tessera backup may be protected with it), and
 * closing the dialog ends the authorisation in main and forgets it. Opened with `ids` (the accounts
 * selected in the list), it exports those alone: main's authorisation is limited to them, and the
 * dialog says so ("Exporting 3 of 12 accounts").
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryId, ExportFileFormat, IpcError } from '../../electron/domain';
import { api } from '../api';
import { useEntriesStore } from '../codes/entries-store';
import { Modal } from '../shared/Modal';
import { exportOption, isQrKind, type ExportChoice } from './export-options';
import { ExportAuthorizeStep } from './ExportAuthorizeStep';
import { ExportFormatChoice } from './ExportFormatChoice';
import { ExportPasswordStep, type SaveProblem } from './ExportPasswordStep';
import { ExportPlainStep } from './ExportPlainStep';
import { ExportQrViewer } from './ExportQrViewer';
import { ExportSavedStep } from './ExportSavedStep';

/** Shown on the password step when main said the authorisation had run out. */
export const PASSWORD_AGAIN_NOTE =
  'Exporting is allowed for a few minutes after you enter your master password. Enter it again to continue.';

type Step =
  | { readonly step: 'choose' }
  | { readonly step: 'authorize'; readonly note: string | null }
  /** The step the chosen format needs after the password: protect, confirm or show codes. */
  | { readonly step: 'finish' }
  | { readonly step: 'saved'; readonly path: string; readonly count: number; readonly warnings: readonly string[] };

/** Where a refusal of `save` belongs: on the export password field when one is shown, else the form. */
function saveProblem(error: IpcError, passwordShown: boolean): SaveProblem {
  const aboutPassword = error.code === 'weak-password' || error.field === 'exportPassword';
  return { field: aboutPassword && passwordShown ? 'password' : null, message: error.message };
}

/** "Exporting 3 of 12 accounts", "Exporting 1 of 12 accounts". */
export function exportScopeText(count: number, total: number): string {
  return `Exporting ${count} of ${total === 1 ? '1 account' : `${total} accounts`}`;
}

export interface ExportDialogProps {
  readonly onClose: () => void;
  /** The accounts to export (a selection, in the list's order); absent: every account. */
  readonly ids?: readonly EntryId[];
}

export function ExportDialog({ onClose, ids }: ExportDialogProps) {
  const { choice, step, choose, authorized, save, passwordRequired, backToChoice } = useExportSteps();
  const total = useEntriesStore((s) => s.entries.length);
  return (
    <Modal title="Export accounts" onClose={onClose}>
      <div className="export-dialog">
        {ids ? (
          <p className="export-scope" role="note">
            {exportScopeText(ids.length, total)}
          </p>
        ) : null}
        {step.step === 'choose' ? (
          <ExportFormatChoice initial={choice} onChoose={choose} onCancel={onClose} />
        ) : step.step === 'authorize' ? (
          <ExportAuthorizeStep
            note={step.note}
            {...(ids ? { ids } : {})}
            onAuthorized={authorized}
            onBack={backToChoice}
          />
        ) : step.step === 'finish' ? (
          <>
            <h3 className="export-step-title">{exportOption(choice).label}</h3>
            <FinishStep
              choice={choice}
              save={save}
              onPasswordRequired={passwordRequired}
              onBack={backToChoice}
              onDone={onClose}
            />
          </>
        ) : (
          <ExportSavedStep
            path={step.path}
            count={step.count}
            warnings={step.warnings}
            onAgain={backToChoice}
            onDone={onClose}
          />
        )}
      </div>
    </Modal>
  );
}

/**
 * Saves the chosen file. `exportPassword`: a new password, null for the master password, or
 * undefined for a plain format. Answers a problem to show on the current step, or null.
 */
type Save = (exportPassword: string | null | undefined) => Promise<SaveProblem | null>;

interface ExportSteps {
  readonly choice: ExportChoice;
  readonly step: Step;
  readonly choose: (next: ExportChoice) => void;
  /** Main accepted the master password. */
  readonly authorized: (password: string) => void;
  readonly save: Save;
  /** Main's authorisation ran out: ask for the password again. */
  readonly passwordRequired: () => void;
  readonly backToChoice: () => void;
}

/** The dialog's steps, and the master password while main's authorisation is believed to hold. */
function useExportSteps(): ExportSteps {
  const [choice, setChoice] = useState<ExportChoice>('tessera');
  const [step, setStep] = useState<Step>({ step: 'choose' });
  /** The master password while main's authorisation is believed to hold; null otherwise. */
  const master = useRef<string | null>(null);

  useEffect(() => {
    const remembered = master;
    return () => {
      remembered.current = null;
      void api().exports.end();
    };
  }, []);

  const passwordRequired = useCallback((): void => {
    master.current = null;
    setStep({ step: 'authorize', note: PASSWORD_AGAIN_NOTE });
  }, []);
  const backToChoice = useCallback(() => setStep({ step: 'choose' }), []);

  function choose(next: ExportChoice): void {
    setChoice(next);
    setStep(master.current === null ? { step: 'authorize', note: null } : { step: 'finish' });
  }

  function authorized(password: string): void {
    master.current = password;
    setStep({ step: 'finish' });
  }

  async function save(exportPassword: string | null | undefined): Promise<SaveProblem | null> {
    if (isQrKind(choice)) return null;
    const format: ExportFileFormat = choice;
    const password = exportPassword === null ? master.current : exportPassword;
    if (password === null) {
      passwordRequired();
      return null;
    }
    const result =
      password === undefined ? await api().exports.save(format) : await api().exports.save(format, password);
    if (result.ok) {
      // Cancelled in the save dialog: back to the choice, nothing to say.
      setStep(result.value.status === 'saved' ? { step: 'saved', ...result.value } : { step: 'choose' });
      return null;
    }
    if (result.error.code === 'password-required') {
      passwordRequired();
      return null;
    }
    return saveProblem(result.error, typeof exportPassword === 'string');
  }

  return { choice, step, choose, authorized, save, passwordRequired, backToChoice };
}

interface FinishStepProps {
  readonly choice: ExportChoice;
  readonly save: Save;
  readonly onPasswordRequired: () => void;
  readonly onBack: () => void;
  readonly onDone: () => void;
}

/** The step the chosen format needs after the master password: protect, confirm or show codes. */
function FinishStep({ choice, save, onPasswordRequired, onBack, onDone }: FinishStepProps) {
  const { protection, passwordNote } = exportOption(choice);
  switch (protection) {
    case 'tessera':
    case 'encrypted':
      return <ExportPasswordStep key={choice} kind={protection} note={passwordNote} onSave={save} onBack={onBack} />;
    case 'plain':
      return (
        <ExportPlainStep key={choice} onSave={async () => (await save(undefined))?.message ?? null} onBack={onBack} />
      );
    case 'qr':
      return isQrKind(choice) ? (
        <ExportQrViewer
          key={choice}
          kind={choice}
          onPasswordRequired={onPasswordRequired}
          onBack={onBack}
          onDone={onDone}
        />
      ) : null;
    default:
      throw new Error(`Unknown export protection '${String(protection satisfies never)}'`);
  }
}
