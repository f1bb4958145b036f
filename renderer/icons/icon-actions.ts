// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the icon picker does: set an account's icon to a pick (automatic, the letter tile, a bundled
 * or pack icon, a custom icon already in the vault), or to an image file main asks for in its own
 * open dialog. Each keeps the entries store in step with main's answer (the `entries:changed` push
 * follows with the same) and says what happened in the toast; a refusal comes back for the dialog
 * to show in main's words, its technical side behind "Details".
 */
import type { EntrySummary, IconPick, IconRef, IpcError } from '../../electron/domain';
import { api } from '../api';
import { useEntriesStore } from '../codes/entries-store';
import { entryLabel } from '../codes/entry-query';
import { showToast } from '../shared/toast-store';
import { isVaultUnlocked } from '../shared/vault-store';

/** What picking a search hit asks main for: its own kind; a pack icon is copied into the vault by main. */
export function pickOfRef(ref: IconRef): IconPick {
  return { kind: ref.source, id: ref.id };
}

/** What the toast says after a change: "GitHub shows the letter tile", "Changed the icon of GitHub". */
export function changedText(entry: EntrySummary, pick: IconPick): string {
  const label = entryLabel(entry);
  if (pick === null) return `${label} shows the icon that matches its name`;
  if (pick.kind === 'letter') return `${label} shows the letter tile`;
  return `Changed the icon of ${label}`;
}

function changed(entry: EntrySummary, text: string): void {
  useEntriesStore.getState().upsert(entry);
  showToast(text, 'info', { about: entry.id });
}

/** Sets the icon of `entry` to `pick`. Answers main's refusal, or null when it is done. */
export async function setIcon(entry: EntrySummary, pick: IconPick): Promise<IpcError | null> {
  const result = await api().icons.set(entry.id, pick);
  if (!isVaultUnlocked()) return null;
  if (!result.ok) return result.error;
  changed(result.value, changedText(result.value, pick));
  return null;
}

/** What became of "From an image file…". */
export type FromFileOutcome = { readonly kind: 'set' } | { readonly kind: 'cancelled' } | IpcError;

/**
 * Main shows its open dialog for a PNG, JPEG or SVG image, checks it and keeps it in the vault as
 * the account's icon. Cancelling the dialog changes nothing.
 */
export async function setIconFromFile(entry: EntrySummary): Promise<FromFileOutcome> {
  const result = await api().icons.setFromFile(entry.id);
  if (!isVaultUnlocked()) return { kind: 'cancelled' };
  if (!result.ok) return result.error;
  const updated = result.value.entry;
  if (updated === null) return { kind: 'cancelled' };
  changed(updated, `Changed the icon of ${entryLabel(updated)} to the image`);
  return { kind: 'set' };
}
