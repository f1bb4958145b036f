// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { createClipboardGuard } from '../../../electron/services/clipboard-guard';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('clipboard guard', () => {
  it('clears the copied code after N seconds', async () => {
    const clock = new FakeClock(0);
    const clipboard = new MemoryClipboard();
    const guard = createClipboardGuard({ clipboard, clock, clearAfterSeconds: () => 20 });
    expect(await guard.copy('123456')).toBe(20);
    expect(clipboard.text).toBe('123456');
    clock.advance(19_999);
    await flush();
    expect(clipboard.text).toBe('123456');
    clock.advance(1);
    await flush();
    expect(clipboard.text).toBe('');
  });

  it('never wipes what the user copied since', async () => {
    const clock = new FakeClock(0);
    const clipboard = new MemoryClipboard();
    const guard = createClipboardGuard({ clipboard, clock, clearAfterSeconds: () => 20 });
    await guard.copy('123456');
    clipboard.text = 'my shopping list';
    clock.advance(20_000);
    await flush();
    expect(clipboard.text).toBe('my shopping list');
    await guard.clearIfOurs();
    expect(clipboard.text).toBe('my shopping list');
  });

  it('clears on demand (lock, quit) and keeps one timer for repeated copies', async () => {
    const clock = new FakeClock(0);
    const clipboard = new MemoryClipboard();
    const guard = createClipboardGuard({ clipboard, clock, clearAfterSeconds: () => 20 });
    await guard.copy('111111');
    await guard.copy('222222');
    expect(clock.pending()).toBe(1);
    await guard.clearIfOurs();
    expect(clipboard.text).toBe('');
    expect(clock.pending()).toBe(0);
  });

  it('does not schedule a clear when the setting is 0', async () => {
    const clock = new FakeClock(0);
    const clipboard = new MemoryClipboard();
    const guard = createClipboardGuard({ clipboard, clock, clearAfterSeconds: () => 0 });
    expect(await guard.copy('123456')).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});
