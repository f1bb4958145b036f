// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Who may call the privileged API: only the main frame of our own window, showing our own origin.
 * Pure (plain objects in, boolean out) so every refusal case is unit-tested.
 * @see https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */

/** The parts of an `IpcMainInvokeEvent` the guard looks at. */
export interface SenderInfo {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface TrustPolicy {
  /** webContents id of the one window we created. */
  readonly mainWebContentsId: number;
  /** Origins allowed to call, e.g. `app://bundle` (and the dev server origin only when unpackaged). */
  readonly allowedOrigins: readonly string[];
}

/** True when the call comes from our window's main frame at an allowed origin. */
export function isTrustedSender(event: SenderInfo, policy: TrustPolicy): boolean {
  const frame = event.senderFrame;
  // A destroyed or sub-frame sender is never trusted (VS Code's validatedIpcMain: parent === null).
  if (!frame || frame.parent !== null) return false;
  // Only the webContents of the window we created (electron/fiddle's fromWebContents check).
  if (event.sender.id !== policy.mainWebContentsId) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // Compare parsed origins, never string prefixes ('app://bundle.evil' must fail).
  const origin = url.protocol === 'app:' ? `app://${url.host}` : url.origin;
  return policy.allowedOrigins.includes(origin);
}
