// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icon picker's grid of search hits: one button per icon (its tile over its name), in rows of
 * ICON_GRID_COLUMNS. The grid is one Tab stop (a roving tab index): ←/→ move by one, ↑/↓ by a row,
 * Home/End reach the ends, Enter or Space picks (the button's own click); ↑ from the first row goes
 * back to the search field. The icon the account has now is marked (`aria-current`).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { IconRef, IconSearchHit } from '../../electron/domain';
import { iconKey } from '../shared/domain-values';
import { IssuerTile } from '../shared/IssuerTile';

/** Icons per row; `.icon-grid` in styles/icons.css lays out the same number. */
export const ICON_GRID_COLUMNS = 6;

/** Where a key moves the focus from `at` in a grid of `count` items, or null when the key is not the grid's. */
export function gridMove(key: string, at: number, count: number, columns = ICON_GRID_COLUMNS): number | 'above' | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return Math.min(at + 1, last);
    case 'ArrowLeft':
      return Math.max(at - 1, 0);
    case 'ArrowDown':
      // Into a shorter last row: its last icon.
      return Math.floor(at / columns) < Math.floor(last / columns) ? Math.min(at + columns, last) : at;
    case 'ArrowUp':
      return at - columns >= 0 ? at - columns : 'above';
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

export interface IconGridProps {
  readonly hits: readonly IconSearchHit[];
  /** The icon the account is set to now (a bundled or custom one), to mark. */
  readonly current: IconRef | null;
  readonly onPick: (hit: IconSearchHit) => void;
  /** ↑ from the first row. */
  readonly onLeaveTop: () => void;
  /** Set by the dialog so ↓ in the search field can enter the grid. */
  readonly focusFirstRef?: { current: (() => void) | null };
}

export function IconGrid({ hits, current, onPick, onLeaveTop, focusFirstRef }: IconGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  /** The key of the icon that is the grid's Tab stop; when new hits lack it, the first (best) one is. */
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const currentKey = current ? iconKey(current) : null;
  const keys = hits.map((hit) => iconKey(hit.ref));
  const stop = activeKey !== null && keys.includes(activeKey) ? activeKey : keys[0];

  const buttons = (): HTMLButtonElement[] => [
    ...(ref.current?.querySelectorAll<HTMLButtonElement>('button.icon-option') ?? []),
  ];
  const focusAt = (i: number): void => {
    setActiveKey(keys[i] ?? null);
    buttons()[i]?.focus();
  };
  useEffect(() => {
    if (!focusFirstRef) return;
    focusFirstRef.current = () => focusAt(0);
    return () => {
      focusFirstRef.current = null;
    };
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const at = buttons().indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = gridMove(event.key, at, hits.length);
    if (to === null) return;
    event.preventDefault();
    if (to === 'above') onLeaveTop();
    else focusAt(to);
  }

  return (
    <div ref={ref} className="icon-grid" role="group" aria-label="Icons" onKeyDown={onKeyDown}>
      {hits.map((hit, i) => {
        const key = keys[i] ?? '';
        return (
          <button
            key={key}
            type="button"
            className="icon-option"
            tabIndex={key === stop ? 0 : -1}
            aria-current={key === currentKey ? 'true' : undefined}
            title={hit.title}
            aria-label={hit.ref.source === 'pack' ? `${hit.title}, from an icon pack` : undefined}
            data-icon={key}
            onClick={() => onPick(hit)}
            onFocus={() => setActiveKey(key)}
          >
            <IssuerTile issuer={hit.title} account="" icon={hit.ref} />
            <span className="icon-option-title">{hit.title}</span>
          </button>
        );
      })}
    </div>
  );
}
