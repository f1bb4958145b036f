// SPDX-License-Identifier: GPL-3.0-or-later
/** Drops everything the renderer learnt from an open vault; runs whenever the vault is not unlocked. */
import { useCodesStore } from './codes-store';
import { useCopiedStore } from './copied-store';
import { useEntriesStore } from './entries-store';
import { useRevealStore } from './reveal-store';
import { useToastStore } from './toast-store';

export function resetSessionStores(): void {
  useEntriesStore.getState().reset();
  useCodesStore.getState().reset();
  useToastStore.getState().reset();
  useRevealStore.getState().reset();
  useCopiedStore.getState().reset();
}
