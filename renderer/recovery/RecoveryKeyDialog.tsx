// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Recovery key, once main made a key: the key in a dialog of its own (RecoveryKeyView).
 * Close and Esc ask "Did you keep your recovery key?" unless the copy was checked; while that is
 * asked, they mean "stay".
 */
import { useRef } from 'react';
import { Modal } from '../shared/Modal';
import { RecoveryKeyView } from './RecoveryKeyView';
import { useShownRecoveryKey } from './useShownRecoveryKey';

export interface RecoveryKeyDialogProps {
  readonly recoveryKey: string;
  readonly vaultPath: string;
  /** The key is no longer shown (main was told to forget it): drop it. */
  readonly onClose: () => void;
}

export function RecoveryKeyDialog({ recoveryKey, vaultPath, onClose }: RecoveryKeyDialogProps) {
  const shown = useShownRecoveryKey(recoveryKey, onClose);
  // The focus starts on the key, so a screen reader reads it first.
  const keyRef = useRef<HTMLOListElement>(null);
  return (
    <Modal
      title="Your recovery key"
      className="modal-recovery"
      initialFocus={keyRef}
      onClose={shown.asking ? shown.stay : shown.requestClose}
    >
      <RecoveryKeyView recoveryKey={recoveryKey} shown={shown} vaultPath={vaultPath} keyRef={keyRef} />
    </Modal>
  );
}
