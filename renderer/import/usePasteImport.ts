// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ctrl/Cmd+V outside a text field asks main to read the clipboard (a copied screenshot of a QR
 * code, or a copied link). In a text field paste keeps its usual meaning. The renderer never reads
 * the clipboard itself.
 */
import { useEffect, useRef } from 'react';
import { isPasteShortcut, isTextField } from './import-keys';

export function usePasteImport(enabled: boolean, onPaste: () => void): void {
  const latest = useRef(onPaste);
  useEffect(() => {
    latest.current = onPaste;
  });

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || !isPasteShortcut(event) || isTextField(event.target)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
