// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How the sync harness (test/sync/syncthing.ts) fails, with a stand-in for the syncthing binary so
 * no real Syncthing is needed: a start that dies is retried with fresh homes and ports, the error
 * names each attempt and shows the instances' last log lines, a binary that cannot generate keys is
 * not retried, and nothing is left behind in the temp folder.
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateSyncthing, startSyncthing } from './syncthing';

const fixture = fileURLToPath(new URL('./fixtures/generated-config-1.19.2.xml', import.meta.url));
const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('tessera-sync-'));

describe.skipIf(process.platform === 'win32')('startSyncthing when Syncthing does not start', () => {
  let dir: string;
  let dying: string;
  let before: string[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-fake-syncthing-'));
    dying = path.join(dir, 'syncthing');
    // Generates like Syncthing (keys elsewhere, a config from the fixture), then dies on `serve`,
    // counting its starts.
    writeFileSync(
      dying,
      [
        '#!/bin/sh',
        'case "$1" in',
        `  generate) home="\${2#--home=}"; mkdir -p "$home"; cp '${fixture}' "$home/config.xml";`,
        '    echo "Device ID: 7W6LFTA-FTLCKHE-OSLGRJQ-WSY7U7M-DOLELNU-OHTOY5P-PLTGJL4-ZFIGGQX" ;;',
        `  serve) echo x >> '${dir}/starts'; echo "[7W6LF] INFO: My name is A";`,
        '    echo "[7W6LF] WARNING: Failed to open the database: fake failure" >&2; exit 3 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(dying, 0o755);
    before = leftovers();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('retries a start whose processes die, then says what each attempt saw, with the log lines', async () => {
    const error = await startSyncthing({ binary: dying, attempts: 2, startTimeoutMs: 20_000 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^Could not start 2 Syncthing instances\./);
    expect(error?.message).toMatch(/attempt 1: Syncthing [AB] exited with code 3/);
    expect(error?.message).toMatch(/attempt 2: Syncthing [AB] exited with code 3/);
    expect(error?.message).toContain('Failed to open the database: fake failure');
    expect(error?.message).toMatch(/--- A \(exited with code 3\), last log lines:/);
    // Two attempts of two instances each.
    expect(readFileSync(path.join(dir, 'starts'), 'utf8')).toBe('x\nx\nx\nx\n');
    expect(leftovers()).toEqual(before);
  });

  it('does not retry a binary that cannot even generate its keys', async () => {
    const broken = path.join(dir, 'broken');
    writeFileSync(broken, '#!/bin/sh\necho "cannot create home" >&2\nexit 1\n');
    chmodSync(broken, 0o755);
    const error = await startSyncthing({ binary: broken, attempts: 3 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/attempt 1: .*cannot create home/s);
    expect(error?.message).not.toContain('attempt 2');
    expect(leftovers()).toEqual(before);
  });

  it('removes the folder of an earlier run whose test process is gone, and leaves a live run alone', async () => {
    const abandoned = mkdtempSync(path.join(tmpdir(), 'tessera-sync-'));
    const live = mkdtempSync(path.join(tmpdir(), 'tessera-sync-'));
    // A process id that cannot be running (above Linux's pid_max), and this process's parent.
    writeFileSync(path.join(abandoned, 'owner.pid'), '4194305');
    writeFileSync(path.join(live, 'owner.pid'), String(process.ppid));
    try {
      await startSyncthing({ binary: dying, attempts: 1, startTimeoutMs: 20_000 }).catch(() => undefined);
      expect(leftovers()).toContain(path.basename(live));
      expect(leftovers()).not.toContain(path.basename(abandoned));
    } finally {
      rmSync(abandoned, { recursive: true, force: true });
      rmSync(live, { recursive: true, force: true });
    }
  });

  it('names a SYNCTHING_BIN that does not exist, and gives the instruction when there is none', () => {
    expect(locateSyncthing({ SYNCTHING_BIN: path.join(dir, 'nowhere') })).toEqual({
      error: expect.stringMatching(/SYNCTHING_BIN is set to .*nowhere/),
    });
    expect(locateSyncthing({ PATH: dir + '/empty' })).toEqual({
      error: expect.stringMatching(/^No Syncthing for the sync tests: run 'sudo apt-get install syncthing'/),
    });
    expect(locateSyncthing({ SYNCTHING_BIN: dying })).toEqual({ path: dying });
  });
});
