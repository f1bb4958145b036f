// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Always show the next code": with the setting on, every push carries each time-based code's next
 * code and pushes come at each period boundary; turning it on or off pushes at once. Off, the next
 * code comes only in the last 5 s (the default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeSnapshot } from '../../../electron/domain';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let root: string;
let clock: FakeClock;
let pushes: CodeSnapshot[][];
let s: AppServices;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tessera-always-next-'));
  clock = new FakeClock(31_000); // 1 s into the 30–60 s period: far from its last 5 s
  pushes = [];
  s = createAppServices({
    vaultPath: path.join(root, 'vault.tessera'),
    dataFolder: path.join(root, 'data'),
    clipboard: new MemoryClipboard(),
    clock,
    emit: (channel, payload) => {
      if (channel === 'codes:update') pushes.push(payload as CodeSnapshot[]);
    },
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
  });
});
afterEach(async () => {
  await s.shutdown();
  rmSync(root, { recursive: true, force: true });
});

const last = (): CodeSnapshot | undefined => pushes.at(-1)?.[0];

describe('always show the next code', () => {
  it('off: no next code early in a period; on: pushed at once with the next code, and again at each boundary', async () => {
    await s.vault.create('correct horse battery');
    await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    expect(s.codes.current()[0]?.next).toBeUndefined();

    await s.settings.update({ alwaysShowNextCode: true });
    expect(last()).toMatchObject({ validUntil: 60_000, next: expect.stringMatching(/^\d{6}$/) });
    expect(s.codes.current()[0]?.next).toMatch(/^\d{6}$/);

    const before = pushes.length;
    clock.advance(29_010); // just past the boundary at 60 s: a push with the new code’s next one
    expect(pushes.length).toBeGreaterThan(before);
    expect(last()).toMatchObject({ validFrom: 60_000, validUntil: 90_000, next: expect.stringMatching(/^\d{6}$/) });

    await s.settings.update({ alwaysShowNextCode: false });
    expect(last()?.next).toBeUndefined();
  });
});
