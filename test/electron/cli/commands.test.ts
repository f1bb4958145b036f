// SPDX-License-Identifier: GPL-3.0-or-later
/** list, code, add, remove, info: in-process on copies of one fixture vault. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyVault,
  createFixtureVault,
  HELLO_B32,
  PASSWORD,
  runCli,
  secretForms,
  tempDir,
  type RunResult,
} from './harness';

let dir: string;
let template: string;
let cleanup: () => Promise<void>;
const outputs: RunResult[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = `${dir}/template.tessera`;
  await createFixtureVault(template);
});
afterAll(() => cleanup());

async function tessera(vault: string, ...argv: string[]): Promise<RunResult> {
  const result = await runCli(['--vault', vault, '--password-stdin', ...argv], { stdin: `${PASSWORD}\n` });
  outputs.push(result);
  return result;
}

describe('list', () => {
  it('--json: the stable shape, every entry, no secret and no notes', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'list', '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { entries: Record<string, unknown>[] };
    expect(parsed.entries).toHaveLength(6);
    for (const e of parsed.entries) {
      expect(Object.keys(e)).toEqual([
        'id',
        'type',
        'issuer',
        'account',
        'algorithm',
        'digits',
        'period',
        'counter',
        'tags',
        'icon',
        'favourite',
        'createdAt',
        'updatedAt',
        'usage',
      ]);
    }
    expect(parsed.entries[3]).toMatchObject({ type: 'hotp', issuer: 'RFC4226', counter: 0, period: null });
    expect(parsed.entries[4]).toMatchObject({ type: 'steam', digits: 5, period: 30 });
    // The icon the app shows: the bundled set's match for the issuer, or null for the letter tile.
    expect(parsed.entries.map((e) => e['icon'])).toEqual([
      null,
      null,
      null,
      null,
      { source: 'bundled', id: 'steam' },
      { source: 'bundled', id: 'github' },
    ]);
    expect(parsed.entries.map((e) => e['tags'])).toEqual([[], [], [], [], [], []]);
    expect(r.stdout).not.toMatch(/secret|notes/i);
  });

  it('text: a table with short ids', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'list');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+ISSUER\s+ACCOUNT\s+TAGS$/);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toMatch(/^[0-9a-f]{8}\s+totp\s+GitHub\s+alice$/);
  });
});

describe('code', () => {
  it.each([
    // RFC 6238 Appendix B, 8 digits; note the leading zero kept at 1111111109.
    [59, 'sha1', '94287082', 1],
    [59, 'sha256', '46119246', 1],
    [59, 'sha512', '90693936', 1],
    [1111111109, 'sha1', '07081804', 1],
    [1111111111, 'sha256', '67062674', 29],
    [1234567890, 'sha512', '93441116', 30],
    [2000000000, 'sha1', '69279037', 10],
    [20000000000, 'sha256', '77737706', 10],
  ])('--at %i s: RFC 6238 %s → %s (%i s left)', async (seconds, account, code, secondsLeft) => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'code', `RFC6238:${account}`, '--json', '--at', String(seconds * 1000));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      codes: [{ issuer: 'RFC6238', account, code, secondsLeft, id: expect.any(String), type: 'totp' }],
    });
    // Stable key order, the code as a JSON string.
    expect(r.stdout).toMatch(
      new RegExp(
        `^\\{"codes":\\[\\{"issuer":"RFC6238","account":"${account}","code":"${code}","secondsLeft":${secondsLeft},"id":"`,
      ),
    );
  });

  it('Steam Guard vector', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'code', 'steam', '--json', '--at', '1616374841000');
    expect(JSON.parse(r.stdout).codes[0]).toMatchObject({ code: '2F9J5', type: 'steam', secondsLeft: 19 });
  });

  it('several matches: all of them, in vault order; text output has code, label, seconds', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'code', 'rfc6238', '--at', '59000');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '94287082  RFC6238 (sha1)    1s\n46119246  RFC6238 (sha256)  1s\n90693936  RFC6238 (sha512)  1s\n',
    );
  });

  it('HOTP: each code uses up a counter value, saved before it is shown (RFC 4226 vectors)', async () => {
    const vault = await copyVault(template, dir);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await tessera(vault, 'code', 'RFC4226', '--json');
      expect(r.code).toBe(0);
      const line = JSON.parse(r.stdout).codes[0];
      expect(line.secondsLeft).toBeNull();
      codes.push(line.code);
    }
    expect(codes).toEqual(['755224', '287082', '359152']);
    const list = JSON.parse((await tessera(vault, 'list', '--json')).stdout);
    expect(list.entries[3].counter).toBe(3);
  });

  it('without --at uses the injected clock', async () => {
    const vault = await copyVault(template, dir);
    const at = await tessera(vault, 'code', 'GitHub', '--json', '--at', '1700000000000');
    const now = await tessera(vault, 'code', 'GitHub', '--json');
    expect(JSON.parse(now.stdout)).toEqual(JSON.parse(at.stdout));
  });

  it('exact matches win over substring matches; ids and id prefixes select one entry', async () => {
    const vault = await copyVault(template, dir);
    const list = JSON.parse((await tessera(vault, 'list', '--json')).stdout) as { entries: { id: string }[] };
    const id = list.entries[5]!.id;
    for (const q of ['github:alice', 'ALICE', id, id.slice(0, 8)]) {
      const r = await tessera(vault, 'code', q, '--json');
      expect(JSON.parse(r.stdout).codes.map((c: { id: string }) => c.id)).toEqual([id]);
    }
  });

  it('no match: exit 4', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'code', 'nothing-like-this');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("No account matches 'nothing-like-this'");
    expect(r.stdout).toBe('');
  });
});

describe('add', () => {
  it('from a URI; then its code', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(
      vault,
      'add',
      'otpauth://totp/ACME%20Co:john@example.com?secret=jbsw+y3dp+ehpk+3pxp&issuer=ACME+Co',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Added ACME Co (john@example.com) (TOTP SHA1, 6 digits, 30 s).\n');
    const code = await tessera(vault, 'code', 'acme', '--json', '--at', '1257894000000');
    expect(JSON.parse(code.stdout).codes[0].code).toBe('528064');
  });

  it('from flags, with a weak-secret warning on stderr', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(
      vault,
      'add',
      '--issuer',
      'Bank',
      '--account',
      'me',
      '--secret',
      'JBSWY3DP',
      '--type',
      'hotp',
      '--algorithm',
      'sha256',
      '--digits',
      '8',
      '--counter',
      '5',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Added Bank (me) (HOTP SHA256, 8 digits, counter 5).\n');
    expect(r.stderr).toContain('Warning: The secret is only 40 bits long');
    const list = JSON.parse((await tessera(vault, 'list', '--json')).stdout);
    expect(list.entries.at(-1)).toMatchObject({ type: 'hotp', algorithm: 'SHA256', digits: 8, counter: 5 });
  });

  it('a Steam link', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'add', `otpauth://steam/Steam:second?secret=${HELLO_B32}&issuer=Steam`);
    expect(r.stdout).toBe('Added Steam (second) (Steam Guard).\n');
  });

  it.each([
    [['add', 'otpauth://totp/a?secret=JBSWY3DP&digits=12'], "Invalid 'digits' parameter"],
    [['add', 'otpauth://totp/a?secret=JBSWY3DP&algorithm=MD5'], "Invalid 'algorithm' parameter"],
    [['add', 'otpauth://totp/a'], "Missing 'secret' parameter"],
    [['add', 'https://example.com'], 'not an otpauth:// link'],
    [['add', '--secret', 'JBSW0', '--account', 'a'], "Invalid '--secret'"],
    [['add', '--secret', HELLO_B32], "Invalid '--account': enter an issuer or an account name"],
    [['add', '--secret', HELLO_B32, '--account', 'a', '--digits', '4'], "Invalid '--digits'"],
    [['add', '--secret', HELLO_B32, '--account', 'a', '--digits', 'six'], "Invalid '--digits'"],
    [['add', '--secret', HELLO_B32, '--account', 'a', '--type', 'motp'], "Invalid '--type'"],
    [['add', 'otpauth://totp/a?secret=JBSWY3DP', '--issuer', 'x'], 'either a URI or --issuer'],
    [['add'], 'needs an otpauth:// URI or --secret'],
  ])('invalid input %j: exit 1, field named, nothing added', async (argv, message) => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, ...argv);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    const list = JSON.parse((await tessera(vault, 'list', '--json')).stdout);
    expect(list.entries).toHaveLength(6);
  });
});

describe('remove', () => {
  it('removes exactly one entry', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'remove', 'github');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Removed GitHub (alice).\n');
    const list = JSON.parse((await tessera(vault, 'list', '--json')).stdout);
    expect(list.entries.map((e: { issuer: string }) => e.issuer)).not.toContain('GitHub');
  });

  it('ambiguous: exit 1 with the candidates, nothing removed', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'remove', 'rfc6238');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/matches 3 accounts; give one id:\n {2}[0-9a-f]{8} {2}RFC6238 \(sha1\)/);
    expect(JSON.parse((await tessera(vault, 'list', '--json')).stdout).entries).toHaveLength(6);
  });

  it('not found: exit 4', async () => {
    const vault = await copyVault(template, dir);
    expect((await tessera(vault, 'remove', 'nope')).code).toBe(4);
  });

  it('on a terminal asks first; anything but y keeps the entry', async () => {
    const vault = await copyVault(template, dir);
    const no = await runCli(['--vault', vault, 'remove', 'github'], { tty: [`${PASSWORD}\r`, 'n\n'] });
    expect(no.code).toBe(130);
    expect(no.stderr).toContain('Remove GitHub (alice)? You will lose its codes. [y/N] ');
    const yes = await runCli(['--vault', vault, 'remove', 'github'], { tty: [`${PASSWORD}\r`, 'y\n'] });
    expect(yes.code).toBe(0);
    outputs.push(no, yes);
  });
});

describe('info', () => {
  it('--json: path, format version, generation, KDF, entry count, recovery key', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'info', '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(Object.keys(info)).toEqual([
      'path',
      'folder',
      'locationSource',
      'formatVersion',
      'generation',
      'kdf',
      'entryCount',
      'recoveryKey',
      'conflictCopies',
    ]);
    expect(info).toMatchObject({
      path: vault,
      folder: path.dirname(vault),
      locationSource: 'option',
      formatVersion: 2,
      kdf: { algorithm: 'argon2id13', opslimit: 2, memlimitBytes: 64 * 1024 * 1024 },
      entryCount: 6,
      recoveryKey: false,
    });
    expect(info.generation).toBeGreaterThanOrEqual(2);
  });

  it('text', async () => {
    const vault = await copyVault(template, dir);
    const r = await tessera(vault, 'info');
    expect(r.stdout).toContain('Key derivation:  Argon2id, 2 passes, 64 MiB');
    expect(r.stdout).toContain('Entries:         6');
    expect(r.stdout).toContain('Recovery key:    no');
  });
});

describe('secrets', () => {
  // Runs last: every command above (list, code, add, remove, info, errors) printed no fixture secret.
  it('no fixture secret, in any encoding, appeared in any output of this file', () => {
    expect(outputs.length).toBeGreaterThan(40);
    const all = outputs.map((r) => r.stdout + r.stderr).join('\n');
    for (const form of secretForms()) expect(all).not.toContain(form);
  });
});
