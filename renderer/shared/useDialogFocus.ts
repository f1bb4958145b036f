// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Keeps the keyboard inside an open dialog, whatever happens to the control that has the focus.
 *
 * A focused button that disables itself while it works ("Back up now"), or a control that goes away,
 * leaves the browser's focus on the page body: Escape and Tab then reach nothing in the dialog and
 * the keyboard user is stranded. So, while a dialog is open:
 * - when the focused element inside it is disabled or hidden, the focus moves to the next control
 *   after it (else the one before it); when it is removed, or lets go of the focus (blur()), to the
 *   dialog itself;
 * - Escape closes the topmost dialog wherever the focus is (the page body included), not only when
 *   the key press starts inside it.
 * Focus deliberately moved elsewhere (a toast's Undo button) is left alone.
 */
import { useEffect, useRef, type RefObject } from 'react';

/** What the Tab key can reach inside a dialog. */
export const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The open dialogs, oldest first: only the last one answers Escape from outside itself. */
const openDialogs: HTMLElement[] = [];

/** The controls of `root` the Tab key can reach, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden], [inert]'));
}

/** Whether `el` can keep the focus: connected, not disabled, not inside something hidden or inert. */
function canHoldFocus(el: Element): boolean {
  return el.isConnected && !el.matches(':disabled') && el.closest('[hidden], [inert]') === null;
}

/**
 * Where the focus goes when `lost` lost it: after a control disabled or hidden itself, the next
 * control (else the one before); after a removal, or a control that let go of the focus on purpose
 * (a field that blurs itself on Escape), the dialog itself.
 */
function rescueTarget(root: HTMLElement, lost: Element | null): HTMLElement {
  if (!lost || !lost.isConnected || !root.contains(lost) || canHoldFocus(lost)) return root;
  const items = focusables(root).filter((el) => el !== lost);
  const after = items.find((el) => lost.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return (
    after ?? items.filter((el) => lost.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING).at(-1) ?? root
  );
}

/**
 * Registers the dialog at `ref` while mounted: focus rescue and Escape from anywhere. `onClose`
 * may change on every render; the latest one is called.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    openDialogs.push(root);
    /** The element inside the dialog that had the focus last. */
    let last: Element | null = root.contains(document.activeElement) ? document.activeElement : null;

    function check(): void {
      if (!root || openDialogs.at(-1) !== root || !root.isConnected) return;
      const active = document.activeElement;
      if (active && active !== document.body && active !== document.documentElement) {
        if (!root.contains(active)) return; // moved elsewhere on purpose
        if (active === root || canHoldFocus(active)) return;
        last = active;
      }
      rescueTarget(root, last).focus();
    }

    const onFocusIn = (event: FocusEvent): void => {
      if (event.target instanceof Element && root.contains(event.target)) last = event.target;
    };
    // A blur without a new focus (blur(), the browser's own focus fix-up) is answered before the next frame.
    const onFocusOut = (event: FocusEvent): void => {
      if (event.relatedTarget === null) queueMicrotask(check);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || openDialogs.at(-1) !== root) return;
      // Inside the dialog, its own handler answers (and stops the event before it gets here).
      if (event.target instanceof Node && root.contains(event.target)) return;
      event.preventDefault();
      close.current();
    };
    // Disabling, hiding or removing the focused element shows up here before the browser moves focus.
    const observer = new MutationObserver(check);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['disabled', 'hidden', 'inert'],
    });
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKeyDown);
      const index = openDialogs.lastIndexOf(root);
      if (index >= 0) openDialogs.splice(index, 1);
    };
  }, [ref]);
}
