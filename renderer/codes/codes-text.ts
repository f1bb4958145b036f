// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Texts that follow the codes store without a React render. Twice a period every row on screen
 * gets a new text (the preview 5 s before the end, then the new code); rendering each row's button
 * in React for that costs, at rest with its code gone cold, several times writing the text
 * (docs/dev/codes-window.md). So React renders these elements without the text (no children, no
 * attribute), and a store listener writes it: on the element's first commit, before it is painted,
 * and on every change after. The binding lives exactly as long as the element (React 19 ref
 * cleanup) and is made again on each render, so it always uses the render's own inputs.
 */
import type { Ref } from 'react';
import { useCodesStore, type CodesState } from './codes-store';

/** Puts a text into an element; does nothing when it already holds it. */
export type TextWriter = (element: Element, text: string) => void;

/**
 * An element's only text. An existing text node is changed in place: Chromium then reshapes that
 * text, instead of dropping a node and laying out a new one.
 */
export const writeTextContent: TextWriter = (element, text) => {
  const node = element.firstChild;
  if (node instanceof Text && node.nextSibling === null) {
    if (node.data !== text) node.data = text;
  } else if (element.textContent !== text) element.textContent = text;
};

export function writeAttribute(name: string): TextWriter {
  return (element, text) => {
    if (element.getAttribute(name) !== text) element.setAttribute(name, text);
  };
}

/** A ref that keeps `write(element, text(state))` true for the codes store's state. */
export function codesTextRef<E extends Element>(text: (state: CodesState) => string, write: TextWriter): Ref<E> {
  return (element) => {
    if (!element) return undefined;
    const update = (state: CodesState): void => write(element, text(state));
    update(useCodesStore.getState());
    return useCodesStore.subscribe(update);
  };
}
