// SPDX-License-Identifier: GPL-3.0-or-later
/** An indeterminate progress bar with its label, for the ~1 s that Argon2id runs in main. */

export function BusyNote({ label }: { label: string }) {
  return (
    <div className="busy-note" role="status">
      <progress className="busy-bar" aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
