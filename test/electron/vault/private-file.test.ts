// SPDX-License-Identifier: GPL-3.0-or-later
/** The one writer of Tessera's private files besides the vault: settings, exports, backups. */
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../../electron/vault/private-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-private-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writePrivateFile', () => {
  it('replaces a file with bytes or text, readable by its owner only, leaving no temp file', async () => {
    const file = path.join(dir, 'export.json');
    await writePrivateFile(file, 'old');
    await writePrivateFile(file, new Uint8Array([0x6e, 0x65, 0x77]));
    expect(await readFile(file, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['export.json']);
  });

  it('creates a missing folder only when asked', async () => {
    const file = path.join(dir, 'a', 'b', 'settings.json');
    await expect(writePrivateFile(file, '{}')).rejects.toMatchObject({ code: 'ENOENT' });
    await writePrivateFile(file, '{}', { createFolder: true });
    expect(await readFile(file, 'utf8')).toBe('{}');
  });

  it('removes its temp file when the rename fails, and leaves what was there', async () => {
    const target = path.join(dir, 'taken');
    await mkdir(path.join(target, 'inside'), { recursive: true });
    await expect(writePrivateFile(target, 'x', { randomBytes: (n) => new Uint8Array(n) })).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['taken']);
    expect(await readdir(target)).toEqual(['inside']);
  });
});
