// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Above the codes list: the group filter, the order of the list and the compact view. The order is
 * a native select (its keyboard and screen-reader behaviour come with it) saved as the `codesSort`
 * setting; the compact view is a toggle button for the `compactView` setting (also in Settings,
 * Appearance). Both are this computer's settings, never the vault's. Outside the manual order the
 * rows cannot be dragged, and a hint (the select's description) says where rearranging went.
 */
import type { CodesSort } from '../../electron/domain';
import { useSetting } from '../settings/settings-store';
import { GroupFilter } from './GroupFilter';
import { CompactIcon } from '../shared/Icons';
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
  /** The groups in use, the one shown (null: all) and the way to choose one. */
  readonly groups: readonly string[];
  readonly group: string | null;
  readonly onGroup: (group: string | null) => void;
}

export function ListControls({ groups, group, onGroup }: ListControlsProps) {
  const sort = useSetting('codesSort', 'manual');
  const compact = useSetting('compactView', false);
  const manual = sort === 'manual';
  return (
    <div className="list-controls">
      <GroupFilter groups={groups} value={group} onChange={onGroup} />
      <div className="list-view">
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
    </div>
  );
}
