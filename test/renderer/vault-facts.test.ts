// SPDX-License-Identifier: GPL-3.0-or-later
/** Settings › About this vault: what protects the vault, in words, and the detail behind them. */
import { describe, expect, it } from 'vitest';
import type { KdfInfo } from '../../electron/domain';
import { durationInWords, kdfPlainText, kdfText } from '../../renderer/settings/VaultFacts';

const MiB = 1024 * 1024;
const standard: KdfInfo = {
  algorithm: 'argon2id13',
  opslimit: 3,
  memlimitBytes: 256 * MiB,
  deriveMs: 980,
  engine: { name: 'native', fallbackReason: null },
};

describe('what protects the vault', () => {
  it('calls the standard parameters and above strong, with what a guess costs this computer', () => {
    expect(kdfPlainText(standard)).toBe(
      'Strong: each guess at your master password costs about a second of work for this computer and 256 MB of memory, so trying passwords one after another is slow.',
    );
    expect(kdfPlainText({ ...standard, opslimit: 4, memlimitBytes: 512 * MiB })).toMatch(/^Strong: /);
  });

  it('says plainly when a slow computer got less, and that Tessera raises it', () => {
    const text = kdfPlainText({ ...standard, opslimit: 2, memlimitBytes: 128 * MiB, deriveMs: 1400 });
    expect(text).toMatch(/^Moderate: each guess at your master password costs about a second of work/);
    expect(text).toContain('Tessera raises it when an unlock shows the computer can afford more.');
  });

  it('leaves the time out when it was not measured', () => {
    expect(kdfPlainText({ ...standard, deriveMs: null })).toBe(
      'Strong: each guess at your master password costs 256 MB of memory, so trying passwords one after another is slow.',
    );
  });

  it('names the implementation behind Details, and why the fallback ran', () => {
    expect(kdfText(standard)).toBe(
      'Argon2id, 3 passes, 256 MiB of memory per guess; computed by the native Argon2id (980 ms when this vault was opened).',
    );
    expect(
      kdfText({
        ...standard,
        engine: { name: 'webassembly', fallbackReason: 'the native Argon2id did not load: no binary for this CPU' },
      }),
    ).toBe(
      "Argon2id, 3 passes, 256 MiB of memory per guess; computed by libsodium's WebAssembly Argon2id because the native Argon2id did not load: no binary for this CPU (980 ms when this vault was opened).",
    );
    expect(kdfText({ ...standard, engine: null })).toBe('Argon2id, 3 passes, 256 MiB of memory per guess.');
  });

  it('puts durations in words', () => {
    expect([200, 480, 1000, 1600, 3400].map(durationInWords)).toEqual([
      'a fraction of a second',
      'about half a second',
      'about a second',
      'about 2 seconds',
      'about 3 seconds',
    ]);
  });
});
