// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera passwd` re-keys (issue 14 finding 9): the vault gets a new data key, so a copy from
 * before the change and the old password read nothing saved after it. `--keep-data-key` is the
 * explicit, weaker key-only change for scripts, and says so.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordBytes } from '../../../electron/vault/crypto';
import { parseContainer } from '../../../electron/vault/format';
import { openPayload } from '../../../electron/vault/sealing';
import { unwrapWithPassword } from '../../../electron/vault/slots';
import { copyVault, createFixtureVault, inlineKdf, PASSWORD, runCli, tempDir } from './harness';

const NEW = 'brand new password';
let dir: string;
let cleanup: () => Promise<void>;
let template: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = `${dir}/template.tessera`;
  await createFixtureVault(template);
});
afterAll(() => cleanup());

async function dataKeyOf(bytes: Uint8Array, password: string): Promise<string> {
  const { dataKey } = await unwrapWithPassword(inlineKdf, parseContainer(bytes).header.slots, passwordBytes(password));
  return Buffer.from(dataKey).toString('hex');
}

async function opensWith(bytes: Uint8Array, keyHex: string): Promise<boolean> {
  return openPayload(parseContainer(bytes), Buffer.from(keyHex, 'hex')).then(
    () => true,
    () => false,
  );
}

describe('tessera passwd', () => {
  it('gives the vault a new data key; the entries stay; it says what older copies still open', async () => {
    const vault = await copyVault(template, dir);
    const before = new Uint8Array(await readFile(vault));
    const oldKey = await dataKeyOf(before, PASSWORD);
    const r = await runCli(['passwd', '--vault', vault, '--password-stdin'], { stdin: `${PASSWORD}\n${NEW}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Password changed.\n');
    expect(r.stderr).toMatch(/new data key/);
    expect(r.stderr).toMatch(/made before this change still open with the old password/);
    const after = new Uint8Array(await readFile(vault));
    expect(await dataKeyOf(after, NEW)).not.toBe(oldKey);
    expect(await opensWith(after, oldKey)).toBe(false);
    const list = await runCli(['list', '--json', '--vault', vault, '--password-stdin'], { stdin: NEW });
    expect(JSON.parse(list.stdout).entries).toHaveLength(6);
  });

  it('--keep-data-key changes only the password and warns that this is weaker', async () => {
    const vault = await copyVault(template, dir);
    const oldKey = await dataKeyOf(new Uint8Array(await readFile(vault)), PASSWORD);
    const r = await runCli(['passwd', '--keep-data-key', '--vault', vault, '--password-stdin'], {
      stdin: `${PASSWORD}\n${NEW}\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Password changed (data key kept).\n');
    expect(r.stderr).toMatch(/kept the data key/);
    expect(r.stderr).toMatch(/old password/);
    const after = new Uint8Array(await readFile(vault));
    expect(await dataKeyOf(after, NEW)).toBe(oldKey);
    expect(await opensWith(after, oldKey)).toBe(true);
  });

  it('the help names --keep-data-key and says it is weaker', async () => {
    const r = await runCli(['passwd', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--keep-data-key/);
    expect(r.stdout).toMatch(/weaker/);
  });
});
