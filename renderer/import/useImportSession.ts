// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ties main's staged import to the dialog's life: when the dialog goes away by any path other than
 * its own close (the vault locks, the global shortcut shows the search), main is told to wipe.
 */
import { useEffect } from 'react';
import { abandonImport } from './import-actions';

let mounted = 0;

export function useImportSession(): void {
  useEffect(() => {
    mounted += 1;
    return () => {
      mounted -= 1;
      // React's StrictMode unmounts and mounts again at once in development: only a real unmount
      // leaves no dialog a moment later.
      window.setTimeout(() => {
        if (mounted === 0) abandonImport();
      }, 0);
    };
  }, []);
}
