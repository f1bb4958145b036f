// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Progress of Google Authenticator transfers, which split accounts over several QR codes: what was
 * scanned and which codes are still missing. Announced with the review, not on its own.
 */
import type { ImportBatchView } from '../../electron/domain';
import { CheckIcon, QrIcon } from '../shared/Icons';

export function ImportBatchProgress({ batches }: { batches: readonly ImportBatchView[] }) {
  if (batches.length === 0) return null;
  return (
    <ul className="import-batches" aria-label="Google Authenticator transfer">
      {batches.map((batch, index) => (
        <li key={index} className={`import-batch${batch.complete ? ' import-batch-complete' : ''}`}>
          {batch.complete ? <CheckIcon /> : <QrIcon />}
          <span className="import-batch-text">
            <span className="import-batch-summary">{batch.summary}</span>
            {batch.missing.map((missing) => (
              <span key={missing} className="import-batch-missing">
                {missing}
              </span>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}
