// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The sync harness against real Syncthing (issue #18): two instances on 127.0.0.1 share a folder;
 * a file written on one appears on the other; a save by rename-into-place (how Tessera saves the
 * vault) arrives as a whole file, never part of one; and concurrent different saves on both sides
 * leave a Syncthing conflict copy on both, named as electron/vault/conflict-copies.ts expects.
 *
 * Syncthing is required like Chromium is for the browser tier: without it these tests fail with the
 * one-line instruction (scripts/lib/test-tools.mjs, NO_SYNCTHING), they never skip.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictCopyOf } from '../../electron/vault/conflict-copies';
import { locateSyncthing, startSyncthing, type SyncthingCluster } from './syncthing';

const syncthing = locateSyncthing();

/** Timings measured on this run, printed at the end (docs/dev/sync-testing.md quotes them). */
const timings: Record<string, number> = {};

describe('Syncthing sync harness', () => {
  let cluster: SyncthingCluster | undefined;

  beforeAll(async () => {
    if ('error' in syncthing) return;
    // A's clock is in Kathmandu (UTC+05:45): the conflict-copy names show whose local time they use.
    cluster = await startSyncthing({ binary: syncthing.path, instanceEnv: [{ TZ: 'Asia/Kathmandu' }, { TZ: 'UTC' }] });
    timings['start and connect'] = cluster.startedInMs;
  });

  afterAll(async () => {
    await cluster?.stop();
    if (Object.keys(timings).length) console.log(`[sync] timings (ms): ${JSON.stringify(timings)}`);
  });

  /** The cluster, or the test fails with the instruction to install Syncthing. */
  const running = (): SyncthingCluster => {
    if ('error' in syncthing) throw new Error(syncthing.error);
    if (!cluster) throw new Error('The Syncthing instances did not start (see the error in beforeAll).');
    return cluster;
  };

  it('has a Syncthing to run (SYNCTHING_BIN or the PATH)', () => {
    if ('error' in syncthing) expect.fail(syncthing.error);
    expect(syncthing.path).toBeTruthy();
  });

  it('delivers a file written on A to B', async () => {
    const c = running();
    const [a, b] = c.instances;
    const content = randomBytes(4096);
    await writeFile(a!.file('hello.bin'), content);
    const report = await c.waitInSync();
    timings['new file A→B'] = report.elapsedMs;
    expect(await readFile(b!.file('hello.bin'))).toEqual(content);
    expect([...report.snapshot.keys()]).toEqual(['hello.bin']);
  });

  it('delivers a rename-into-place save as one whole file, never a part of one', async () => {
    const c = running();
    const [a, b] = c.instances;
    const name = 'vault.tessera';
    // Larger than one Syncthing block (128 KiB), so a partial delivery would show.
    const first = randomBytes(300 * 1024);
    await writeFile(a!.file(name), first);
    await c.waitInSync();

    const second = randomBytes(300 * 1024);
    const temp = a!.file(`${name}.tmp-${randomBytes(8).toString('hex')}`);
    await writeFile(temp, second);
    await rename(temp, a!.file(name));

    // Read B's file while it syncs: every read is the old file or the new one, whole, or no file at
    // all: Syncthing 1.19 removes the old file before it renames its finished temp file into place
    // (lib/model/folder_sendrecv.go, performFinish → deleteItemOnDisk, then RenameOrCopy).
    const seen = new Map<string, number>();
    let reading = true;
    const watcher = (async () => {
      while (reading) {
        const bytes = await readFile(b!.file(name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        });
        const what =
          bytes === null
            ? 'missing'
            : bytes.equals(first)
              ? 'old'
              : bytes.equals(second)
                ? 'new'
                : `other (${bytes.length} bytes)`;
        seen.set(what, (seen.get(what) ?? 0) + 1);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const report = await c.waitInSync().finally(() => {
      reading = false;
    });
    await watcher;
    timings['rename-into-place A→B'] = report.elapsedMs;

    expect(await readFile(b!.file(name))).toEqual(second);
    expect([...seen.keys()].filter((s) => !['old', 'new', 'missing'].includes(s))).toEqual([]);
    expect(seen.has('new')).toBe(true);
    console.log(`[sync] reads of B's file while the new one arrived: ${JSON.stringify(Object.fromEntries(seen))}`);
    // The temp file never stays behind on either side.
    for (const instance of c.instances) {
      expect((await readdir(instance.folder)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    }
  });

  it('keeps both of two concurrent saves: the older one as a sync-conflict copy, on both sides', async () => {
    const c = running();
    const [a, b] = c.instances;
    const name = 'My Vault.tessera';
    await writeFile(a!.file(name), randomBytes(2048));
    await c.waitInSync();

    // Offline from each other, both save a different version: A's older, B's newer.
    await c.pause();
    const fromA = randomBytes(2048);
    const fromB = randomBytes(2048);
    await writeFile(a!.file(name), fromA);
    await writeFile(b!.file(name), fromB);
    const now = Date.now() / 1000;
    await utimes(a!.file(name), now - 60, now - 60);
    await utimes(b!.file(name), now, now);
    const before = new Date();
    const t0 = Date.now();
    await c.resume();
    timings['resume'] = Date.now() - t0;
    const report = await c.waitInSync();
    const after = new Date();
    timings['conflict copy on both sides after resuming'] = report.elapsedMs;

    // The newer save (B's) keeps the name. A's is the conflict copy, made on A when B's version
    // arrived: its time is A's local time then, and its device is B (Syncthing 1.19 names the copy
    // after the device that made the *winning* change: moveForConflict(name, file.ModifiedBy)).
    const names = [...report.snapshot.keys()].filter((n) => n !== 'hello.bin' && n !== 'vault.tessera');
    expect(names).toHaveLength(2);
    expect(names).toContain(name);
    const copy = names.find((n) => n !== name)!;
    console.log(`[sync] Syncthing named the conflict copy of '${name}': '${copy}'`);
    expect(copy).toMatch(new RegExp(`^My Vault\\.sync-conflict-\\d{8}-\\d{6}-${b!.shortId}\\.tessera$`));
    expect(conflictCopyOf(copy, name)).toMatchObject({ tool: 'syncthing', device: b!.shortId });

    const stamp = /sync-conflict-(\d{8}-\d{6})-/.exec(copy)![1]!;
    const kathmandu = (d: Date) => {
      const t = new Date(d.getTime() + (5 * 60 + 45) * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}-${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
    };
    expect(stamp >= kathmandu(new Date(before.getTime() - 1000))).toBe(true);
    expect(stamp <= kathmandu(after)).toBe(true);

    for (const instance of c.instances) {
      expect(await readFile(instance.file(name))).toEqual(fromB);
      expect(await readFile(instance.file(copy))).toEqual(fromA);
    }
  });
});
