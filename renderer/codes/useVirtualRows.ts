// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Renders only the rows near the viewport once a vault is large, so 1,000 accounts paint as fast
 * as 20 and a push re-renders a screenful, not the whole list. Rows have a fixed height (one for
 * the default view, a smaller one for the compact view: styles/codes.css), the window scrolls, and
 * spacers keep the scrollbar true. Small lists render every row (no listeners, nothing to get wrong).
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Row height plus the gap between rows, in CSS pixels; matches `.row` in styles/codes.css. */
export const ROW_STRIDE = 80;
/** The same in the compact view (one line per account); matches `.code-list-compact .row`. */
export const COMPACT_ROW_STRIDE = 44;
/** Lists up to this length are rendered whole. */
export const VIRTUALIZE_ABOVE = 60;
/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no blank. */
const OVERSCAN = 6;

export interface VirtualRange {
  /** First rendered index. */
  readonly start: number;
  /** One past the last rendered index. */
  readonly end: number;
  readonly virtual: boolean;
}

/** The range for a list whose top is `listTop` px below the document top. Pure, for tests. */
export function visibleRange(
  count: number,
  listTop: number,
  scrollY: number,
  viewport: number,
  stride = ROW_STRIDE,
): VirtualRange {
  if (count <= VIRTUALIZE_ABOVE) return { start: 0, end: count, virtual: false };
  const first = Math.floor((scrollY - listTop) / stride) - OVERSCAN;
  const last = Math.ceil((scrollY + viewport - listTop) / stride) + OVERSCAN;
  const start = Math.min(Math.max(0, first), count);
  return { start, end: Math.min(count, Math.max(start, last)), virtual: true };
}

function measure(count: number, list: HTMLElement | null, stride: number): VirtualRange {
  const top = list ? list.getBoundingClientRect().top + window.scrollY : 0;
  return visibleRange(count, top, window.scrollY, window.innerHeight, stride);
}

export interface VirtualRows extends VirtualRange {
  /** Scrolls so the row at `index` is on screen (it renders on the next frame if it was not). */
  ensureVisible(index: number): void;
}

/** `stride`: the rows' height plus the gap between them (ROW_STRIDE, or COMPACT_ROW_STRIDE). */
export function useVirtualRows(
  count: number,
  listRef: RefObject<HTMLElement | null>,
  stride = ROW_STRIDE,
): VirtualRows {
  const [range, setRange] = useState<VirtualRange>(() => measure(count, null, stride));

  useEffect(() => {
    const update = (): void => {
      const next = measure(count, listRef.current, stride);
      setRange((current) =>
        current.start === next.start && current.end === next.end && current.virtual === next.virtual ? current : next,
      );
    };
    update();
    if (count <= VIRTUALIZE_ABOVE) return undefined;
    let frame: number | null = null;
    const onScroll = (): void => {
      if (frame === null)
        frame = window.requestAnimationFrame(() => {
          frame = null;
          update();
        });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      if (frame !== null) window.cancelAnimationFrame(frame);
    };
  }, [count, listRef, stride]);

  const ensureVisible = useCallback(
    (index: number) => {
      const list = listRef.current;
      if (!list || count <= VIRTUALIZE_ABOVE) return;
      const rowTop = list.getBoundingClientRect().top + window.scrollY + index * stride;
      // Keep clear of the sticky top bar (about one default row high, whatever the view).
      const margin = ROW_STRIDE;
      if (rowTop < window.scrollY + margin) window.scrollTo({ top: rowTop - margin });
      else if (rowTop + stride > window.scrollY + window.innerHeight) {
        window.scrollTo({ top: rowTop + stride - window.innerHeight });
      }
      setRange(measure(count, list, stride));
    },
    [count, listRef, stride],
  );

  const effective =
    range.end > count || range.virtual !== count > VIRTUALIZE_ABOVE ? measure(count, null, stride) : range;
  return { ...effective, ensureVisible };
}
