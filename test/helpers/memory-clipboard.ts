// SPDX-License-Identifier: GPL-3.0-or-later
/** The system clipboard as a string in memory, for the services' tests (the Electron one is a port). */
import type { ClipboardPort } from '../../electron/services/clipboard-guard';

export class MemoryClipboard implements ClipboardPort {
  text = '';
  /** Everything written, in order. */
  readonly writes: string[] = [];
  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
  async readText(): Promise<string> {
    return this.text;
  }
  async clear(): Promise<void> {
    this.text = '';
  }
}
