// SPDX-License-Identifier: GPL-3.0-or-later
/** Why the vault was last locked, as the unlock screen says it. */
import type { LockReason } from '../../electron/domain';

const LOCK_REASON_TEXT: Readonly<Record<LockReason, string>> = {
  manual: 'You locked Tessera.',
  idle: 'Locked after a period without activity.',
  suspend: 'Locked when the computer went to sleep.',
  'screen-lock': 'Locked when the screen was locked.',
  quit: 'Locked when Tessera last closed.',
  'changed-on-disk':
    'Locked because the vault file was changed by another program or computer, perhaps with a new password. ' +
    'Unlock with its current password: what this window held was kept beside the vault and is merged then.',
};

export function lockReasonText(reason: LockReason): string {
  return LOCK_REASON_TEXT[reason];
}
