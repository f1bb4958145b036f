// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Above the codes list: the tag filter, "Select" (selection mode, to export some accounts; its bar
 * shows below while selecting), the order of the list and the compact view. The order is
 * a native select (its keyboard and screen-reader behaviour come with it) saved as the `codesSort`
 * setting; the compact view is a toggle button for the `compactView` setting (also in Settings,
 * Appearance). Both are this computer's settings, never the vault's. Outside the manual order the
 * rows cannot be dragged, and a hint (the select's description) says where rearranging went.
 */
import { useRef } from 'react';
import type { CodesSort } from '../../electron/domain';
import { useSetting } from '../settings/settings-store';
import { CompactIcon } from '../shared/Icons';
import { SelectionBar } from './SelectionBar';
import { TagFilter } from './TagFilter';
import type { ListSelection } from './useListSelection';
import { changeViewSettings } from './view-settings';

/** Every order, as the select lists them (the record makes the compiler insist on each). */
const SORT_LABELS: { readonly [S in CodesSort]: string } = {
  manual: 'Manual order',
  issuer: 'Issuer A–Z',
  account: 'Account A–Z',
  usage: 'Most used',
  recent: 'Recently used',
};

export const SORT_OPTIONS = Object.entries(SORT_LABELS) as readonly (readonly [CodesSort, string])[];

/** What the hint says outside the manual order (also what Alt+↑/↓ says there). */
export const MANUAL_ORDER_HINT = 'Switch to manual order to rearrange.';

const SORT_ID = 'codes-sort';
const HINT_ID = 'codes-sort-hint';

function isSortOption(value: string): value is CodesSort {
  return Object.hasOwn(SORT_LABELS, value);
}

export interface ListControlsProps {
  /** The tags in use, the keys of those chosen (the rows carry every one), and the ways to change them. */
  readonly tags: readonly string[];
  readonly chosenTags: readonly string[];
  readonly onToggleTag: (tag: string) => void;
  readonly onClearTags: () => void;
  /** How many rows the search and the filter leave, and how many accounts there are. */
  readonly shownCount: number;
  readonly total: number;
  readonly selection: ListSelection;
  /** Opens the export dialog for the ticked accounts. */
  readonly onExportSelection: () => void;
}

export function ListControls(props: ListControlsProps) {
  const { selection } = props;
  const sort = useSetting('codesSort', 'manual');
  const compact = useSetting('compactView', false);
  const manual = sort === 'manual';
  const selectRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="list-controls">
      <TagFilter
        tags={props.tags}
        chosen={props.chosenTags}
        shownCount={props.shownCount}
        onToggle={props.onToggleTag}
        onClear={props.onClearTags}
      />
      <div className="list-view">
        <button
          ref={selectRef}
          type="button"
          className="button button-secondary button-small list-select"
          aria-pressed={selection.selecting}
          title="Select accounts to export them"
          onClick={selection.selecting ? selection.leave : selection.start}
        >
          Select
        </button>
        {manual ? null : (
          <span id={HINT_ID} className="list-hint">
            {MANUAL_ORDER_HINT}
          </span>
        )}
        <label htmlFor={SORT_ID} className="list-sort-label">
          Sort
        </label>
        <select
          id={SORT_ID}
          className="list-sort"
          value={sort}
          aria-describedby={manual ? undefined : HINT_ID}
          onChange={(event) => {
            const value = event.target.value;
            if (isSortOption(value)) void changeViewSettings({ codesSort: value });
          }}
        >
          {SORT_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button icon-button-bordered list-compact"
          aria-pressed={compact}
          aria-label="Compact list"
          title="Compact list: one line per account"
          onClick={() => void changeViewSettings({ compactView: !compact })}
        >
          <CompactIcon />
        </button>
      </div>
      {selection.selecting ? (
        <SelectionBar
          selection={selection}
          total={props.total}
          shownCount={props.shownCount}
          onExport={props.onExportSelection}
          onDone={() => {
            selection.leave();
            selectRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
