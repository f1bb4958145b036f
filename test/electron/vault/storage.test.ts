// SPDX-License-Identifier: GPL-3.0-or-later
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createVault,
  inspectVault,
  previousGenerationPath,
  unlockVault,
  VaultError,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { acquireLock, lockFilePath } from '../../../electron/vault/lock-file';
import { isOwnTempFile, vaultTempPath } from '../../../electron/vault/storage';
import { computerTag, thisComputer } from '../../../electron/vault/this-computer';
import { bundleCjs } from './helpers/bundle';
import { digestOf } from './helpers/container';
import { fastOptions, makeTempDir, seededRandom, totpEntry } from './helpers/fakes';

const PASSWORD = 'storage test password';
let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
const open: UnlockedVault[] = [];

beforeEach(() => {
  tmp = makeTempDir();
  opts = fastOptions(path.join(tmp.dir, 'nested', 'folder'));
});
afterEach(() => {
  open.splice(0).forEach((v) => v.lock());
  tmp.cleanup();
});

async function create(o: VaultOptions = opts): Promise<UnlockedVault> {
  const v = await createVault(o, PASSWORD);
  open.push(v);
  return v;
}
async function unlock(o: VaultOptions = opts): Promise<UnlockedVault> {
  const v = await unlockVault(o, PASSWORD);
  open.push(v);
  return v;
}

/** A process id that surely is not running: a child that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('atomic saves', () => {
  it('creates the folder 0700 and the file 0600, and keeps the previous generation', async () => {
    const v = await create();
    expect(statSync(path.dirname(opts.path)).mode & 0o777).toBe(0o700);
    expect(existsSync(previousGenerationPath(opts.path))).toBe(false);
    const gen1 = readFileSync(opts.path);
    await v.add([totpEntry()]);
    expect(readFileSync(previousGenerationPath(opts.path)).equals(gen1)).toBe(true);
    expect(statSync(previousGenerationPath(opts.path)).mode & 0o777).toBe(0o600);
    await v.add([totpEntry()]);
    const prev = await unlock({ ...opts, path: previousGenerationPath(opts.path) });
    expect(prev.generation).toBe(2);
    expect(prev.entries()).toHaveLength(1);
    expect(readdirSync(path.dirname(opts.path)).sort()).toEqual(['vault.tessera', 'vault.tessera.prev']);
  });

  it('writes a fresh payload nonce on every save', async () => {
    const v = await create();
    const nonceOf = (b: Buffer): string => b.subarray(14 + b.readUInt32LE(10), 38 + b.readUInt32LE(10)).toString('hex');
    const first = nonceOf(readFileSync(opts.path));
    await v.update((await v.add([totpEntry()]))[0]!.id, { notes: 'x' });
    expect(nonceOf(readFileSync(opts.path))).not.toBe(first);
  });

  it('restricts an existing vault file to 0600 on unlock', async () => {
    await create();
    const { chmodSync } = await import('node:fs');
    chmodSync(opts.path, 0o644);
    await unlock();
    expect(statSync(opts.path).mode & 0o777).toBe(0o600);
  });
});

describe('stale temp files', () => {
  const me = thisComputer();
  const names = [
    `.~vault.tessera.${me.tag}.0123456789abcdef.tmp`,
    // The names before issue 18, from any computer: a crash left them.
    'vault.tessera.tmp-0123456789abcdef',
    'vault.tessera.prev.tmp-fedcba9876543210',
    'vault.tessera.lock.tmp-00112233aabbccdd',
  ];
  const foreign = [
    `.~vault.tessera.${computerTag('another-computer', null)}.0123456789abcdef.tmp`, // its own to clean up
    `.~vault.tessera.${me.tag}.lock`,
    `.~vault.tessera.${me.tag}.0123456789ABCDEF.tmp`,
    `.~other.tessera.${me.tag}.0123456789abcdef.tmp`,
    '~vault.tessera.0123456789abcdef.tmp',
    'vault.tessera.tmp-short',
    'other.tessera.tmp-0123456789abcdef',
    'vault.tessera.bak',
    'notes.txt',
  ];

  it('matches only our naming pattern', () => {
    for (const n of names) expect(isOwnTempFile('/x/vault.tessera', n)).toBe(true);
    for (const n of foreign) expect(isOwnTempFile('/x/vault.tessera', n)).toBe(false);
  });

  /** What a temp name of ours is, spelled out without a regular expression. */
  function oracle(vault: string, tag: string, name: string): boolean {
    const hex16 = (h: string) => h.length === 16 && [...h].every((c) => '0123456789abcdef'.includes(c));
    const head = `.~${vault}.${tag}.`;
    if (name.startsWith(head) && name.endsWith('.tmp') && hex16(name.slice(head.length, -4))) return true;
    for (const kind of ['', '.prev', '.lock']) {
      const old = `${vault}${kind}.tmp-`;
      if (name.startsWith(old) && hex16(name.slice(old.length))) return true;
    }
    return false;
  }

  const vaultName = fc
    .stringMatching(/^[^/\\\0]{1,24}$/)
    .filter((n) => n !== '.' && n !== '..')
    .map((n) => `${n}.tessera`);
  const tagArb = fc.stringMatching(/^[0-9a-f]{8}$/);

  it('recognises every temp name a save or a lock makes, whatever the vault is called (round trip)', () => {
    fc.assert(
      fc.property(vaultName, tagArb, fc.uint8Array({ minLength: 8, maxLength: 8 }), (vault, tag, bytes) => {
        const computer = { ...me, tag };
        const temp = path.basename(vaultTempPath(`/sync/${vault}`, () => bytes, computer));
        expect(isOwnTempFile(`/sync/${vault}`, temp, computer)).toBe(true);
        expect(
          isOwnTempFile(`/sync/${vault}`, temp, { ...me, tag: tag === '00000000' ? '00000001' : '00000000' }),
        ).toBe(false);
        expect(isOwnTempFile(`/sync/${vault}`, `${vault}.tmp-${Buffer.from(bytes).toString('hex')}`, computer)).toBe(
          true,
        );
      }),
    );
  });

  it('nothing else matches: near misses and arbitrary names agree with the spelled-out rule', () => {
    const near = (vault: string, tag: string) =>
      fc
        .tuple(
          fc.constantFrom(`.~${vault}.${tag}.`, `${vault}.tmp-`, `${vault}.prev.tmp-`, `${vault}.lock.tmp-`, '.~', ''),
          fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.stringMatching(/^[0-9a-fA-F.~-]{0,18}$/)),
          fc.constantFrom('.tmp', '', '.tmp.tmp', '.TMP', 'x'),
          fc.nat(40),
          fc.string({ maxLength: 2 }),
        )
        .map(([head, hex, tail, at, insert]) => {
          const name = `${head}${hex}${tail}`;
          return insert ? name.slice(0, at) + insert + name.slice(at + insert.length) : name;
        });
    const cases = fc
      .tuple(vaultName, tagArb)
      .chain(([vault, tag]) =>
        fc.tuple(fc.constant(vault), fc.constant(tag), fc.oneof(near(vault, tag), fc.string({ maxLength: 60 }))),
      );
    fc.assert(
      fc.property(cases, ([vault, tag, name]) => {
        expect(isOwnTempFile(`/sync/${vault}`, name, { ...me, tag })).toBe(oracle(vault, tag, name));
      }),
      { numRuns: 1000 },
    );
  });

  it('removes ours on unlock and on create, and nothing else', async () => {
    const v = await create();
    v.lock();
    const dir = path.dirname(opts.path);
    const others = foreign.filter((n) => !n.endsWith('.lock')); // a garbled lock of ours would hold up the cleanup
    for (const n of [...names, ...others]) writeFileSync(path.join(dir, n), 'x');
    await unlock();
    expect(readdirSync(dir).sort()).toEqual([...others, 'vault.tessera'].sort());

    const other = fastOptions(path.join(tmp.dir, 'second'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(other.path), { recursive: true });
    for (const n of names) writeFileSync(path.join(path.dirname(other.path), n), 'x');
    await create(other);
    expect(readdirSync(path.dirname(other.path))).toEqual(['vault.tessera']);
  });

  it('leaves them alone while another live process holds the lock', async () => {
    (await create()).lock();
    const dir = path.dirname(opts.path);
    writeFileSync(path.join(dir, names[0]!), 'x');
    writeFileSync(
      lockFilePath(opts.path),
      JSON.stringify({ pid: process.ppid, host: me.host, bootId: me.bootId, token: 't', at: Date.now() }),
    );
    await unlock();
    expect(existsSync(path.join(dir, names[0]!))).toBe(true);
  });
});

describe('lock file', () => {
  const me = thisComputer();
  /** A lock of this computer, in this boot. */
  const here = (pid: number, at = Date.now()) =>
    JSON.stringify({ pid, host: me.host, bootId: me.bootId, token: 't', at });

  it('makes a save wait for, then give up on, a live holder; the file stays unchanged', async () => {
    const v = await create({ ...opts, lockTimeoutMs: 150 });
    writeFileSync(lockFilePath(opts.path), here(process.ppid));
    const before = digestOf(opts.path);
    const error = await v.add([totpEntry()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'io', reason: 'busy' });
    expect((error as Error).message).toMatch(/Another Tessera process/);
    expect(digestOf(opts.path)).toBe(before);
    expect(v.entries()).toHaveLength(0);
  });

  it('breaks a lock whose process is gone, an empty one older than 2 s, and one older than staleMs', async () => {
    const v = await create({ ...opts, lockTimeoutMs: 2000, lockStaleMs: 5000 });
    const lock = lockFilePath(opts.path);
    writeFileSync(lock, here(deadPid()));
    await v.add([totpEntry()]);
    writeFileSync(lock, '');
    utimesSync(lock, new Date(Date.now() - 3000), new Date(Date.now() - 3000));
    await v.add([totpEntry()]);
    writeFileSync(lock, here(process.ppid, Date.now() - 6000));
    await v.add([totpEntry()]);
    expect(v.entries()).toHaveLength(3);
    expect(existsSync(lock)).toBe(false);
  });

  it('serialises two holders in one process and refuses to commit after losing the lock', async () => {
    (await create()).lock();
    const randomBytes = seededRandom('lock');
    const first = await acquireLock(opts.path, { randomBytes, timeoutMs: 1000 });
    const second = acquireLock(opts.path, { randomBytes, timeoutMs: 1000 });
    let secondHeld = false;
    void second.then(() => (secondHeld = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(secondHeld).toBe(false);
    await first.release();
    const held = await second;
    await held.assertHeld();
    rmSync(lockFilePath(opts.path)); // someone broke our lock
    await expect(held.assertHeld()).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    await held.release();
  });
});

describe('two writers on one file', () => {
  let child: string;
  beforeAll(async () => {
    child = await bundleCjs('test/electron/vault/helpers/child.ts', 'writer-child', { sodiumLite: true });
  });
  afterAll(() => rmSync(child, { force: true }));

  it('two sessions in one process both keep their changes (each save rebases on the newer file)', async () => {
    const a = await create();
    const b = await unlock();
    await a.add([totpEntry({ issuer: 'from A' })]);
    await b.add([totpEntry({ issuer: 'from B' })]);
    expect(b.entries().map((e) => e.issuer)).toEqual(['from A', 'from B']);
    expect(await a.reloadIfChangedOnDisk()).toBe(true);
    expect(await a.reloadIfChangedOnDisk()).toBe(false);
    expect(a.entries().map((e) => e.issuer)).toEqual(['from A', 'from B']);
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => a.add([totpEntry({ issuer: `A${i}` })])),
      ...Array.from({ length: 5 }, (_, i) => b.add([totpEntry({ issuer: `B${i}` })])),
    ]);
    expect((await unlock()).entries()).toHaveLength(12);
  });

  it('two processes adding at once lose nothing (the lock file serialises them)', { timeout: 60_000 }, async () => {
    (await create()).lock();
    const run = promisify(execFile);
    const writer = (name: string) =>
      run(process.execPath, [child, 'writer', opts.path, PASSWORD, name, '15'], { timeout: 50_000 });
    const [one, two] = await Promise.all([writer('one'), writer('two')]);
    expect(one.stdout).toBe('done\n');
    expect(two.stdout).toBe('done\n');
    const v = await unlock();
    const issuers = v.entries().map((e) => e.issuer);
    expect(issuers).toHaveLength(30);
    for (const name of ['one', 'two']) {
      // each writer's own entries are in the order it added them
      expect(issuers.filter((i) => i.startsWith(`${name}-`))).toEqual(
        Array.from({ length: 15 }, (_, i) => `${name}-${i}`),
      );
    }
    expect(v.generation).toBe(31);
    expect(existsSync(lockFilePath(opts.path))).toBe(false);
  });
});

describe('a file that changed under the session', () => {
  it('is never overwritten when it does not open with our key (payload-tampered), and the session stays usable', async () => {
    const v = await create();
    await v.add([totpEntry()]);
    const bytes = readFileSync(opts.path);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(opts.path, bytes);
    const before = digestOf(opts.path);
    await expect(v.reloadIfChangedOnDisk()).rejects.toMatchObject({ kind: 'payload-tampered' });
    await expect(v.add([totpEntry()])).rejects.toMatchObject({ kind: 'payload-tampered' });
    expect(digestOf(opts.path)).toBe(before);
    expect(v.locked).toBe(false);
    expect(v.entries()).toHaveLength(1);
  });

  it('is never overwritten when it is garbage (corrupt) or gone (io)', async () => {
    const v = await create();
    writeFileSync(opts.path, 'garbage');
    await expect(v.add([totpEntry()])).rejects.toMatchObject({ kind: 'corrupt' });
    expect(readFileSync(opts.path, 'utf8')).toBe('garbage');
    rmSync(opts.path);
    await expect(v.add([totpEntry()])).rejects.toMatchObject({ kind: 'io', reason: 'absent' });
    expect(existsSync(opts.path)).toBe(false);
  });

  it('locks the session when another vault was put in its place', async () => {
    const v = await create();
    const other = fastOptions(path.join(tmp.dir, 'other'));
    (await create(other)).lock();
    writeFileSync(opts.path, readFileSync(other.path));
    const before = digestOf(opts.path);
    await expect(v.add([totpEntry()])).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
      reason: 'password-changed-elsewhere',
    });
    expect(v.locked).toBe(true);
    expect(digestOf(opts.path)).toBe(before);
  });

  it('locks the session on save when the password was changed elsewhere, without reverting it', async () => {
    const a = await create();
    const b = await unlock();
    await a.changePassword(PASSWORD, 'changed elsewhere');
    await expect(b.add([totpEntry()])).rejects.toMatchObject({ reason: 'password-changed-elsewhere' });
    expect(b.locked).toBe(true);
    await unlockVault(opts, 'changed elsewhere').then((v) => v.lock());
    expect((await inspectVault(opts.path)).generation).toBe(2);
  });
});
