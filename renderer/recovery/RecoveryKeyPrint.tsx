// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The printed page of a recovery key: the key, what it is for and how to use it. It sits beside the
 * app's root (a portal into <body>) and shows only in print (recovery.css hides the rest of the
 * window there; on screen the page is `hidden`), so "Print…" is the window's own window.print(): no request
 * to main, nothing the CSP forbids. It exists only while the key is shown.
 */
import { createPortal } from 'react-dom';

export interface RecoveryKeyPrintProps {
  readonly groups: readonly string[];
  readonly vaultPath: string;
}

export function RecoveryKeyPrint({ groups, vaultPath }: RecoveryKeyPrintProps) {
  const made = new Date().toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  return createPortal(
    <div className="recovery-print" data-testid="recovery-print" hidden>
      <h1>Tessera recovery key</h1>
      <p className="recovery-print-key">{groups.join(' ')}</p>
      <p>
        Made on {made} for the vault <code>{vaultPath}</code>.
      </p>
      <p>
        If you forget your master password, this key is the only way back in: on the screen that asks for the master
        password, choose “Forgot your password?”, type this key and choose a new master password.
      </p>
      <p>
        Anyone with this key and a copy of your vault can open it. Keep this page somewhere safe, away from your
        computer. If you make a new recovery key, this one stops working.
      </p>
    </div>,
    document.body,
  );
}
