// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Window-wide shortcuts of the codes screen: Ctrl/Cmd+F focuses search, Ctrl/Cmd+L locks,
 * Ctrl/Cmd+, opens the settings, Ctrl/Cmd+Z undoes a deletion (outside text fields, where it
 * keeps its usual meaning).
 */
import { useEffect, useRef } from 'react';

export interface Shortcuts {
  readonly onFind: () => void;
  readonly onLock: () => void;
  readonly onSettings?: () => void;
  /** Returns true when it undid something (then the key press is consumed). */
  readonly onUndo?: () => boolean;
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
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
      } else if (key === ',' && latest.current.onSettings) {
        event.preventDefault();
        latest.current.onSettings();
      } else if (key === 'z' && !isTextField(event.target) && latest.current.onUndo?.()) {
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
