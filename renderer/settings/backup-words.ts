// SPDX-License-Identifier: GPL-3.0-or-later
/** How the settings write a backup's time and name: the user's locale, and the file name without its folder. */

/** The time of a backup as the user's locale writes a date and time ("14 Mar 2025, 09:26"). */
export function backupTimeText(time: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** The time of day of a backup just made, to the second, so a second one a minute later reads differently. */
export function backupClockText(time: number): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(time);
}

/**
 * The last part of a path, whichever separator the system uses: main reports a backup's whole path,
 * and the folder is already shown above the confirmation.
 */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}
