// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 18 item 5: what names this computer's lock and temp files and what a lock is judged by
 * (electron/vault/this-computer.ts), read through an injected probe: the Linux machine id and boot
 * id where they exist, the host name and the approximate boot time elsewhere. The machine id itself
 * never shows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identify, isExactBootId, thisComputer, type ComputerProbe } from '../../../electron/vault/this-computer';

const MACHINE = '0123456789abcdef0123456789abcdef';
const BOOT = '6f1c2b0e-1d2c-4b3a-9f8e-7d6c5b4a3f2e';
const NOW = 1_800_000_000_000;

function probe(over: Partial<ComputerProbe> & { files?: Record<string, string> } = {}): ComputerProbe {
  const files = over.files ?? {};
  return {
    platform: 'linux',
    hostname: () => 'desk',
    uptimeSeconds: () => 3600.4,
    now: () => NOW,
    readText: (file) => files[file] ?? null,
    ...over,
  };
}

const linuxFiles = { '/etc/machine-id': `${MACHINE}\n`, '/proc/sys/kernel/random/boot_id': `${BOOT}\n` };

describe('identify', () => {
  it('on Linux: the boot id is exact, and the tag follows the machine id, not the host name', () => {
    const a = identify(probe({ files: linuxFiles }));
    expect(a).toEqual({
      tag: expect.stringMatching(/^[0-9a-f]{8}$/),
      host: 'desk',
      bootId: `linux:${BOOT}`,
      bootedAt: NOW - 3_600_400,
    });
    expect(isExactBootId(a.bootId)).toBe(true);
    const renamed = identify(probe({ files: linuxFiles, hostname: () => 'desk-renamed' }));
    expect(renamed.tag).toBe(a.tag);
    const otherMachine = identify(probe({ files: { ...linuxFiles, '/etc/machine-id': 'f'.repeat(32) } }));
    expect(otherMachine.tag).not.toBe(a.tag);
    expect(JSON.stringify(a)).not.toContain(MACHINE);
  });

  it("falls back to D-Bus's copy of the machine id, then to the host name", () => {
    const dbus = identify(probe({ files: { '/var/lib/dbus/machine-id': MACHINE } }));
    expect(dbus.tag).toBe(identify(probe({ files: { '/etc/machine-id': MACHINE } })).tag);
    const none = identify(probe());
    expect(none.tag).toBe(identify(probe({ platform: 'darwin' })).tag);
    expect(none.tag).not.toBe(dbus.tag);
  });

  it('elsewhere: the host name in any case names the computer, and the boot time is approximate', () => {
    const mac = identify(probe({ platform: 'darwin', hostname: () => 'Alices-MacBook.local', files: linuxFiles }));
    expect(mac.bootId).toBe(`booted:${Math.round((NOW - 3_600_400) / 1000)}`);
    expect(isExactBootId(mac.bootId)).toBe(false);
    expect(mac.tag).toBe(identify(probe({ platform: 'win32', hostname: () => 'ALICES-MACBOOK.LOCAL' })).tag);
    expect(mac.tag).not.toBe(identify(probe({ platform: 'darwin', hostname: () => 'other' })).tag);
  });

  it('ignores files that do not hold what they should, and a nonsensical uptime', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), fc.double(), (machine, boot, uptime) => {
        const id = identify(
          probe({
            files: { '/etc/machine-id': machine, '/proc/sys/kernel/random/boot_id': boot },
            uptimeSeconds: () => uptime,
          }),
        );
        expect(id.tag).toMatch(/^[0-9a-f]{8}$/);
        expect(id.bootId).toMatch(/^(linux:[0-9a-f-]{36}|booted:-?\d+)$/);
        expect(Number.isFinite(id.bootedAt)).toBe(true);
        expect(id.bootedAt).toBeLessThanOrEqual(NOW);
      }),
    );
  });

  it('this computer is read once and stays the same', () => {
    expect(thisComputer()).toBe(thisComputer());
    expect(thisComputer().tag).toMatch(/^[0-9a-f]{8}$/);
  });
});
