// SPDX-License-Identifier: GPL-3.0-or-later
/** Drops everything the renderer learnt from an open vault; runs whenever the vault is not unlocked. */
import { useFirstRunStore } from '../auth/first-run-store';
import { useCodesStore } from '../codes/codes-store';
import { useConflictCopyStore } from '../codes/conflict-copies';
import { useCopiedStore } from '../codes/copied-store';
import { useEntriesStore } from '../codes/entries-store';
import { useRevealStore } from '../codes/reveal-store';
import { useToastStore } from './toast-store';

export function resetSessionStores(): void {
  useEntriesStore.getState().reset();
  useCodesStore.getState().reset();
  useToastStore.getState().reset();
  useRevealStore.getState().reset();
  useCopiedStore.getState().reset();
  useFirstRunStore.getState().reset();
  useConflictCopyStore.getState().reset();
}
