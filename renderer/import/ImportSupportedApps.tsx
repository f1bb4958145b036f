// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The apps whose export files Tessera reads, as main's importer registry lists them (never a copy
 * kept by hand here), so the person knows before choosing a file whether it can be read.
 */
import { useId } from 'react';
import type { ImportFormatInfo } from '../../electron/domain';

export function ImportSupportedApps({ formats }: { readonly formats: readonly ImportFormatInfo[] }) {
  const headingId = useId();
  if (formats.length === 0) return null;
  return (
    <div className="import-apps">
      <p id={headingId} className="import-apps-title">
        Supported apps
      </p>
      <ul aria-labelledby={headingId}>
        {formats.map((f) => (
          <li key={f.id}>{f.name}</li>
        ))}
      </ul>
    </div>
  );
}
