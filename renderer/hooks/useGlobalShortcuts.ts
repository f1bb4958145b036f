// SPDX-License-Identifier: GPL-3.0-or-later
/** Window-wide shortcuts of the codes screen: Ctrl/Cmd+F focuses search, Ctrl/Cmd+L locks. */
import { useEffect, useRef } from 'react';

export interface Shortcuts {
  readonly onFind: () => void;
  readonly onLock: () => void;
}

export function useGlobalShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'f') {
        event.preventDefault();
        latest.current.onFind();
      } else if (key === 'l') {
        event.preventDefault();
        latest.current.onLock();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
