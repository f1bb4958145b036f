// SPDX-License-Identifier: GPL-3.0-or-later
/** Filter chips for the groups in use: "All" and one per group, as toggle buttons. */

export interface GroupFilterProps {
  readonly groups: readonly string[];
  /** The chosen group, or null for all. */
  readonly value: string | null;
  readonly onChange: (group: string | null) => void;
}

export function GroupFilter({ groups, value, onChange }: GroupFilterProps) {
  if (groups.length === 0) return null;
  const chips: readonly (readonly [string | null, string])[] = [[null, 'All'], ...groups.map((g) => [g, g] as const)];
  return (
    <div className="group-filter" role="group" aria-label="Show group">
      {chips.map(([group, label]) => (
        <button
          key={label + String(group === null)}
          type="button"
          className="chip"
          aria-pressed={value === group}
          onClick={() => onChange(group)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
