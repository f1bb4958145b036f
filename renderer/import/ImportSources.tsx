// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where accounts can come from: an image or export file, the screen, a copied screenshot. The full
 * choice adds the format export files are read as, the apps Tessera reads, and a field for a pasted
 * link; the compact one (under a review) scans more into it.
 */
import type { ImportFormatInfo } from '../../electron/domain';
import { ClipboardIcon, FileIcon, ScreenIcon } from '../shared/Icons';
import { shortcutLabel } from '../shared/shortcut-label';
import { openFiles, pasteImage, scanScreen } from './import-actions';
import { useImportStore } from './import-store';
import { ImportFormatField } from './ImportFormatChoice';
import { ImportLinkForm } from './ImportLinkForm';
import { ImportSupportedApps } from './ImportSupportedApps';

export function ImportSourceButtons() {
  // aria-disabled, not disabled: a disabled button would drop the keyboard focus while main works.
  const busy = useImportStore((s) => s.busy !== null);
  return (
    <div className="import-source-buttons">
      <button type="button" className="button button-secondary" aria-disabled={busy} onClick={() => void openFiles()}>
        <FileIcon />
        Open image or export file…
      </button>
      <button type="button" className="button button-secondary" aria-disabled={busy} onClick={() => void scanScreen()}>
        <ScreenIcon />
        Scan screen
      </button>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={busy}
        aria-keyshortcuts="Control+V Meta+V"
        onClick={() => void pasteImage()}
      >
        <ClipboardIcon />
        Paste screenshot
        <kbd className="import-kbd" aria-hidden="true">
          {shortcutLabel('V')}
        </kbd>
      </button>
    </div>
  );
}

export function ImportSources({ formats }: { readonly formats: readonly ImportFormatInfo[] }) {
  // After a file was not recognised, the format choice stands beside that message instead.
  const formatShownWithError = useImportStore((s) => s.error?.formatNeeded === true);
  return (
    <div className="import-sources">
      <p className="modal-text">
        Add accounts from QR codes, from another authenticator app’s export, or restore a Tessera backup. Nothing is
        added until you have reviewed what was found.
      </p>
      <ImportSourceButtons />
      <p className="field-hint">
        Scan screen reads the QR codes shown on your displays. You can also drop image or export files anywhere on the
        window.
      </p>
      {formatShownWithError ? null : (
        <ImportFormatField
          formats={formats}
          hint="For other apps’ export files. Tessera recognises the app from the file; choose it here if it does not."
        />
      )}
      <ImportSupportedApps formats={formats} />
      <ImportLinkForm />
    </div>
  );
}
