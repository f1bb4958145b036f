// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The format export files are read as: "Detect automatically" (main reads the content), or one of
 * the apps main's importers read (the CLI's `--format`). Offered up front on the source choice, and
 * beside the message when main did not recognise a file, with a way to read that file again as the
 * chosen app's export.
 */
import { useEffect, useRef } from 'react';
import type { ImportFormatInfo } from '../../electron/domain';
import { Field } from '../shared/Field';
import { retryAsFormat } from './import-actions';
import { useImportStore } from './import-store';

export interface ImportFormatFieldProps {
  readonly formats: readonly ImportFormatInfo[];
  readonly hint?: string;
  readonly autoFocus?: boolean;
}

/** The "Format" select, bound to the import store. */
export function ImportFormatField({ formats, hint, autoFocus = false }: ImportFormatFieldProps) {
  const format = useImportStore((s) => s.format);
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  return (
    <Field id="import-format" label="Format" {...(hint ? { hint } : {})} className="import-format">
      {(a11y) => (
        <select
          {...a11y}
          ref={ref}
          value={format ?? ''}
          onChange={(e) => {
            const id = formats.find((f) => f.id === e.target.value)?.id ?? null;
            useImportStore.getState().setFormat(id);
          }}
        >
          <option value="">Detect automatically</option>
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** What to read again: the dropped file, or a file picked again in the open dialog. */
function retryLabel(file: File | null, name: string): string {
  return file ? `Read “${file.name}” again as ${name}` : `Open the file again as ${name}…`;
}

/** Shown with the message when main did not recognise a file: choose the app, then read the file again. */
export function ImportFormatRetry({ formats }: { readonly formats: readonly ImportFormatInfo[] }) {
  const format = useImportStore((s) => s.format);
  const retryFile = useImportStore((s) => s.retryFile);
  const busy = useImportStore((s) => s.busy !== null);
  const chosen = formats.find((f) => f.id === format) ?? null;
  return (
    <div className="import-format-retry" role="group" aria-label="Read the file as another app’s export">
      <ImportFormatField formats={formats} hint="The app that made the file." autoFocus />
      {chosen ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy}
            onClick={() => void retryAsFormat()}
          >
            {retryLabel(retryFile, chosen.name)}
          </button>
        </div>
      ) : null}
    </div>
  );
}
