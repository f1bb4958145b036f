// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What main is doing for the import dialog ("Reading “mystery.bin”…"), with Cancel while the work
 * can be stopped: main reads files and tries passwords in a worker it can end at once, so a large
 * or slow file never holds the dialog. Adding the accounts cannot be stopped and shows no Cancel.
 */
import { BusyNote } from '../shared/BusyNote';
import { stopImport } from './import-actions';
import { useImportStore } from './import-store';

/** "Reading “a.png”…" → "Cancel reading “a.png”": the button's name says what it stops. */
export function cancelName(label: string): string {
  const what = label.replace(/…$/, '');
  return `Cancel ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

export function ImportBusy({ label }: { readonly label: string }) {
  const cancellable = useImportStore((s) => s.cancellable);
  return (
    <div className="import-busy">
      <BusyNote label={label} />
      {cancellable ? (
        <button
          type="button"
          className="button button-secondary import-busy-cancel"
          aria-label={cancelName(label)}
          onClick={stopImport}
        >
          Cancel
        </button>
      ) : null}
    </div>
  );
}
