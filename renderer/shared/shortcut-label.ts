// SPDX-License-Identifier: GPL-3.0-or-later
/** How to write a Ctrl/Cmd shortcut on this platform: "⌘F" on macOS, "Ctrl+F" elsewhere. */

export function isMacPlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent);
}

export function shortcutLabel(key: string): string {
  return isMacPlatform() ? `⌘${key}` : `Ctrl+${key}`;
}
