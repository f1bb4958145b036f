// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "12 seconds left" for the selected row only: the description its copy button points to, so a
 * screen reader hears the time with the code. The text is computed when the row becomes selected
 * (which is when it is read: on focus, or as the search field's active descendant) and refreshed
 * once a second only while a row itself has the keyboard focus. Not a live region: it is read
 * when asked, never every second. One element, whatever the number of rows.
 */
import { useEffect, useState } from 'react';
import type { EntryId } from '../../electron/domain';
import { appNow } from '../clock/app-clock';
import { SELECTED_TIME_LEFT_ID } from './CodeRow';
import { useCodeUntil } from './codes-store';
import { secondsLeft } from './countdown';
import { useNow } from './useNow';

const text = (left: number): string => (left === 1 ? '1 second left' : `${left} seconds left`);

/** Follows the shared once-a-second clock (only mounted while a row is focused). */
function Ticking({ validUntil }: { validUntil: number }) {
  return <>{text(secondsLeft(validUntil, useNow()))}</>;
}

/** The time left when the row was selected; the parent remounts it for each selection. */
function AtSelection({ validUntil }: { validUntil: number }) {
  const [at] = useState(() => appNow());
  return <>{text(secondsLeft(validUntil, at))}</>;
}

/** True while the keyboard focus is on a row's copy button. */
function useRowFocused(): boolean {
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    const update = (): void =>
      setFocused(
        document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('row-main'),
      );
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', update);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', update);
    };
  }, []);
  return focused;
}

export function SelectedTimeLeft({ entryId }: { entryId: EntryId | null }) {
  const validUntil = useCodeUntil(entryId);
  const focused = useRowFocused();
  return (
    <span className="hidden-live">
      <span id={SELECTED_TIME_LEFT_ID}>
        {validUntil === null ? null : focused ? (
          <Ticking validUntil={validUntil} />
        ) : (
          <AtSelection key={`${entryId}@${validUntil}`} validUntil={validUntil} />
        )}
      </span>
    </span>
  );
}
