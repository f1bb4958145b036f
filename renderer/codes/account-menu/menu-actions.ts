// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the account menu's own items do (the rest, copying included, reuse ../actions.ts): the next
 * HOTP code, favourite or not, the account's tags. Each calls main, keeps the entries store in step
 * with its answer and says what happened in the toast, or main's words when it refused.
 */
import type { EntrySummary, IpcError } from '../../../electron/domain';
import { api } from '../../api';
import { tagList } from '../../shared/tag-input';
import { showToast } from '../../shared/toast-store';
import { isVaultUnlocked } from '../../shared/vault-store';
import { nextHotpCode } from '../actions';
import { useCodesStore } from '../codes-store';
import { useEntriesStore } from '../entries-store';
import { entryLabel } from '../entry-query';
import { useRevealStore } from '../reveal-store';

/** HOTP: asks main for the next code and shows it, as the row's "Next code" button does. */
export async function showNextHotpCode(entry: EntrySummary): Promise<void> {
  await nextHotpCode(entry.id);
  // Asking for a code is asking to see it (privacy mode).
  const fresh = useCodesStore.getState().byId[entry.id];
  if (fresh) useRevealStore.getState().reveal(fresh);
}

/** Adds the account to the favourites (shown at the top) or takes it out. */
export async function setFavourite(entry: EntrySummary, favourite: boolean): Promise<void> {
  const result = await api().entries.update(entry.id, { favourite });
  if (!isVaultUnlocked()) return;
  if (!result.ok) {
    showToast(result.error.message, 'error');
    return;
  }
  useEntriesStore.getState().upsert(result.value);
  const label = entryLabel(result.value);
  showToast(favourite ? `Added ${label} to the favourites` : `Removed ${label} from the favourites`, 'info', {
    about: entry.id,
  });
}

/** "Tagged GitHub Work and Home", "GitHub has no tags now". */
export function taggedText(entry: EntrySummary): string {
  const label = entryLabel(entry);
  return entry.tags.length > 0 ? `Tagged ${label} ${tagList(entry.tags)}` : `${label} has no tags now`;
}

/**
 * Replaces the account's tags and says so. Answers main's refusal for the dialog to show, or null
 * when it is done (or there was nothing to change).
 */
export async function saveTags(entry: EntrySummary, tags: readonly string[]): Promise<IpcError | null> {
  if (tags.length === entry.tags.length && tags.every((t, i) => t === entry.tags[i])) return null;
  const result = await api().entries.update(entry.id, { tags });
  if (!isVaultUnlocked()) return null;
  if (!result.ok) return result.error;
  useEntriesStore.getState().upsert(result.value);
  showToast(taggedText(result.value), 'info', { about: entry.id });
  return null;
}
