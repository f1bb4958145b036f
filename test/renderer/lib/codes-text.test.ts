// SPDX-License-Identifier: GPL-3.0-or-later
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeSnapshot } from '../../../electron/domain';
import { codeShowing, useCodesStore } from '../../../renderer/codes/codes-store';
import { codesTextRef, writeAttribute, writeTextContent } from '../../../renderer/codes/codes-text';

const code = (digits: string, next?: string): CodeSnapshot => ({
  id: 'a',
  code: digits,
  validFrom: 0,
  validUntil: 30_000,
  ...(next ? { next } : {}),
});

/** Attaches a ref callback as React 19 does: the returned function is the detach. */
function attach(ref: unknown, element: Element): () => void {
  const detach = (ref as (e: Element | null) => (() => void) | undefined)(element);
  if (!detach) throw new Error('the ref returned no cleanup');
  return detach;
}

describe('codes texts written by the store', () => {
  afterEach(() => useCodesStore.getState().reset());

  it('writes the text when attached, follows the store, and stops when detached', () => {
    useCodesStore.getState().replace([code('111111')]);
    const span = document.createElement('span');
    const detach = attach(
      codesTextRef((s) => codeShowing(s, 'a')?.code ?? '', writeTextContent),
      span,
    );
    expect(span.textContent).toBe('111111');
    const text = span.firstChild;
    useCodesStore.getState().replace([code('111111', '222222')]);
    useCodesStore.getState().roll(30_000);
    expect(span.textContent).toBe('222222');
    expect(span.firstChild).toBe(text); // changed in place, not replaced
    detach();
    useCodesStore.getState().replace([code('333333')]);
    expect(span.textContent).toBe('222222');
  });

  it('leaves the element alone when its text is already right', () => {
    useCodesStore.getState().replace([code('111111')]);
    const button = document.createElement('button');
    const label = writeAttribute('aria-label');
    attach(
      codesTextRef((s) => `code ${codeShowing(s, 'a')?.code ?? ''}`, label),
      button,
    );
    expect(button.getAttribute('aria-label')).toBe('code 111111');
    const seen: MutationRecord[] = [];
    const observer = new MutationObserver((records) => seen.push(...records));
    observer.observe(button, { attributes: true, childList: true, characterData: true, subtree: true });
    // The preview push: the code shown is the same, so nothing is written.
    useCodesStore.getState().replace([code('111111', '222222')]);
    expect(observer.takeRecords()).toEqual([]);
    useCodesStore.getState().roll(30_000);
    expect(observer.takeRecords()).toHaveLength(1);
    expect(button.getAttribute('aria-label')).toBe('code 222222');
    observer.disconnect();
  });
});
