// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes screen's quick ways in: drop image or export files anywhere on the window (an overlay
 * shows while a file is dragged), or press Ctrl/Cmd+V outside a text field to read a copied
 * screenshot. Either opens the import dialog with the result; with the dialog open, they add to it.
 */
import { ImportIcon } from '../shared/Icons';
import { openImport, pasteImage, readFiles } from './import-actions';
import { useImportDrop } from './useImportDrop';
import { usePasteImport } from './usePasteImport';

export interface ImportShortcutsProps {
  /** False while another dialog is open. */
  readonly enabled: boolean;
  /** True while the import dialog is open: a drop or paste adds to it instead of starting afresh. */
  readonly dialogOpen: boolean;
  readonly onOpen: () => void;
}

export function ImportShortcuts({ enabled, dialogOpen, onOpen }: ImportShortcutsProps) {
  function begin(): void {
    if (!dialogOpen) openImport();
    onOpen();
  }
  const dragging = useImportDrop(enabled, (files) => {
    begin();
    void readFiles(files);
  });
  usePasteImport(enabled, () => {
    begin();
    void pasteImage();
  });

  if (!dragging) return null;
  return (
    <div className="import-drop" aria-hidden="true" data-testid="import-drop-overlay">
      <div className="import-drop-card">
        <ImportIcon />
        <span>Drop to import QR code images or export files</span>
      </div>
    </div>
  );
}
