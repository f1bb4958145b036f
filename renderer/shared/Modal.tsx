// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * An accessible modal dialog: labelled by its title, focus moved in on open and back on close,
 * Tab kept inside, Esc closes. The focus goes back to the control that had it before the dialog
 * opened, read at the first render: a field inside that has autoFocus takes the focus during the
 * commit, before this dialog's effects run. The focus never falls out while it is open, even when
 * the focused control disables itself or goes away (useDialogFocus). The screen behind is made
 * inert by its owner.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { CloseIcon } from './Icons';
import { focusables, useDialogFocus } from './useDialogFocus';

export interface ModalProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** The element to focus on open; defaults to the first field or button after the close button. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly role?: 'dialog' | 'alertdialog';
  readonly describedBy?: string;
  /** A class added to the dialog box, for a dialog that needs another size (Settings is wider). */
  readonly className?: string;
}

export function Modal({ title, onClose, children, initialFocus, role = 'dialog', describedBy, className }: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, onClose);
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const root = ref.current;
    const first = root ? focusables(root).find((el) => !el.classList.contains('modal-close')) : undefined;
    (initialFocus?.current ?? first ?? root)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
    // Focus moves in once, on open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={className ? `modal ${className}` : 'modal'}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button modal-close" aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
