// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Keeps the one global shortcut registered as the settings say: unregisters the old accelerator,
 * registers the new one, and says why when the system refuses it (usually another application
 * holds it). Pure over a small port, so it is tested under Node; the port's Electron side is
 * electron/platform/global-shortcut.ts.
 */

/** The part of Electron's `globalShortcut` this needs. */
export interface ShortcutPort {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShortcutController {
  /** Makes `accelerator` ('' = none) the shortcut; returns a message for the user, or null when all is well. */
  apply(accelerator: string): string | null;
  /** Unregisters (on quit). */
  dispose(): void;
}

export function createShortcutController(port: ShortcutPort, onPress: () => void): ShortcutController {
  let registered: string | null = null;
  let lastMessage: string | null = null;
  let wanted: string | null = null;

  function release(): void {
    if (registered !== null) port.unregister(registered);
    registered = null;
  }

  return {
    apply(accelerator) {
      if (accelerator === wanted) return lastMessage;
      wanted = accelerator;
      release();
      lastMessage = null;
      if (accelerator === '') return null;
      let ok: boolean;
      try {
        ok = port.register(accelerator, onPress);
      } catch {
        ok = false;
      }
      if (ok) registered = accelerator;
      else
        lastMessage = `${accelerator} could not be set up: another application probably uses it. Choose another shortcut.`;
      return lastMessage;
    },
    dispose() {
      release();
      wanted = null;
    },
  };
}
