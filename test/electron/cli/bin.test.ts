// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The built `tessera` bin end to end: a real process, the worker-thread KDF at the vault's default
 * parameters, real files. Builds the bundle first when out/main/cli.js is missing or older than the
 * sources (`npm test` has already built it). Kept to one flow so the suite stays fast.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureCliBuilt } from './built-cli';
import { secretForms, tempDir } from './harness';

const PASSWORD = 'bin test password';
const HELLO = 'JBSWY3DPEHPK3PXP';

let dir: string;
let cleanup: () => Promise<void>;
const outputs: string[] = [];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tessera(
  argv: readonly string[],
  options: { input?: string; env?: Record<string, string>; bin?: string } = {},
): Run {
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...argv], {
    cwd: dir,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: dir, TESSERA_VAULT: path.join(dir, 'vault.tessera'), ...options.env },
  });
  outputs.push(r.stdout, r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  ensureCliBuilt();
  ({ dir, cleanup } = await tempDir());
}, 300_000);

afterAll(async () => {
  await cleanup();
});

describe('bin/tessera.js (built bundle)', () => {
  it('prints its version, also through a symlink as npm installs it', () => {
    const direct = tessera(['--version']);
    expect(direct).toMatchObject({ code: 0, stderr: '' });
    expect(direct.stdout).toMatch(/^tessera \d+\.\d+\.\d+\n$/);
    const link = path.join(dir, 'tessera');
    symlinkSync(BIN, link);
    expect(tessera(['--version'], { bin: link }).stdout).toBe(direct.stdout);
  });

  it('init → add → code --at → list → info, with the default KDF in a worker thread', () => {
    const pw = `${PASSWORD}\n`;
    expect(tessera(['init', '--password-stdin'], { input: pw })).toMatchObject({ code: 0 });
    expect(
      tessera(['add', `otpauth://totp/GitHub:alice?secret=${HELLO}&issuer=GitHub`, '--password-stdin'], { input: pw })
        .code,
    ).toBe(0);

    const code = tessera(['code', 'github', '--json', '--at', '1257894000000', '--password-stdin'], { input: pw });
    expect(code.code).toBe(0);
    expect(JSON.parse(code.stdout)).toMatchObject({
      codes: [{ issuer: 'GitHub', account: 'alice', code: '528064', secondsLeft: 30 }],
    });

    const pwFile = path.join(dir, 'pw.txt');
    writeFileSync(pwFile, pw, { mode: 0o600 });
    const list = tessera(['list', '--json', '--password-file', pwFile]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).entries.map((e: { issuer: string }) => e.issuer)).toEqual(['GitHub']);

    const info = tessera(['info', '--json', '--password-stdin'], { input: pw });
    // init calibrated Argon2id for this computer and stored the choice in its app data folder (not
    // beside the vault, which may be synced); the vault is wrapped with at least those parameters
    // (an unlock since may have raised them), never below the floor; the native Argon2id ran.
    const calibrated = JSON.parse(readFileSync(path.join(dir, '.config', 'Tessera', 'kdf-params.json'), 'utf8'));
    expect(existsSync(path.join(dir, 'kdf-params.json'))).toBe(false);
    expect(calibrated.opslimit).toBeGreaterThanOrEqual(2);
    expect(calibrated.memlimit).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(JSON.parse(info.stdout)).toMatchObject({
      path: path.join(dir, 'vault.tessera'),
      formatVersion: 2,
      kdf: {
        algorithm: 'argon2id13',
        opslimit: calibrated.opslimit,
        memlimitBytes: calibrated.memlimit,
        engine: 'native',
        fallbackReason: null,
      },
      entryCount: 1,
    });
  });

  it('recovery-key --out → passwd --recovery-key-file: the key sets a new password, never printed', () => {
    const out = path.join(dir, 'recovery-key.txt');
    const made = tessera(['recovery-key', '--out', out, '--password-stdin'], { input: `${PASSWORD}\n` });
    expect(made.code, made.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const key = /^ {4}(\S{4}(?:-\S{4}){8})$/m.exec(readFileSync(out, 'utf8'))?.[1] ?? '';
    expect(key).toMatch(/^[0-9A-Z-]{44}$/);
    const next = 'bin test recovered password';
    const recovered = tessera(['passwd', '--recovery-key-file', out, '--password-stdin'], { input: `${next}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toContain('The recovery key still works');
    expect(tessera(['list', '--password-stdin'], { input: `${PASSWORD}\n` }).code).toBe(2);
    const info = tessera(['info', '--json', '--password-stdin'], { input: `${next}\n` });
    expect(JSON.parse(info.stdout)).toMatchObject({ entryCount: 1, recoveryKey: true });
    // Back to the first password, for the tests below.
    const back = tessera(['passwd', '--recovery-key-file', out, '--password-stdin'], { input: `${PASSWORD}\n` });
    expect(back.code, back.stderr).toBe(0);
    for (const text of outputs) expect(text).not.toContain(key);
  });

  it('exit codes from the real process: 2 wrong password, 3 corrupt, 4 not found, 1 usage', () => {
    expect(tessera(['list', '--password-stdin'], { input: 'wrong password\n' }).code).toBe(2);
    const junk = path.join(dir, 'junk.tessera');
    writeFileSync(junk, 'not a vault');
    expect(tessera(['list', '--vault', junk, '--password-stdin'], { input: 'x\n' }).code).toBe(3);
    expect(tessera(['list', '--vault', path.join(dir, 'none.tessera')]).code).toBe(4);
    const usage = tessera(['lst']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("Unknown command 'lst'");
  });

  it('no fixture secret appears in any output, nor in plain text in any file written', () => {
    const forms = [...secretForms(), HELLO, HELLO.toLowerCase()];
    const all = outputs.join('\n');
    for (const form of forms) expect(all).not.toContain(form);
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (!statSync(file).isFile()) continue;
      const text = readFileSync(file).toString('latin1');
      for (const form of forms) expect(text, name).not.toContain(form);
    }
  });
});
