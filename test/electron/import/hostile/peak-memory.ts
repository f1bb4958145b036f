// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * This process's peak resident memory, in KiB. On Linux, `process.resourceUsage().maxRSS` starts a
 * spawned child at its parent's resident size (the kernel carries the forked copy's high-water mark
 * across exec), so a child of a test runner holding 600 MB reports 600 MB while using 40: there the
 * process's own high-water mark, `VmHWM` of /proc/self/status, is read instead. Elsewhere maxRSS.
 */
import { readFileSync } from 'node:fs';

export function peakRssKiB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (hwm !== undefined) return Number(hwm);
  } catch {
    // not Linux: maxRSS is the process's own there
  }
  return process.resourceUsage().maxRSS;
}
