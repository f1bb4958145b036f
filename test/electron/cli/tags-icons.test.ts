// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tags and icons in the CLI: `add --tag` (repeatable, in the vault's normal form, checked before
 * any password), `list` showing tags, `list --tag` (every tag given, ignoring case), and
 * `list --json`'s `"tags"` and `"icon"`: the picture the app shows, resolved from the entry's
 * choice, this computer's icon packs (in the app data folder) and the bundled set.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPackStore, iconPacksPathIn } from '../../../electron/icons/pack-store';
import { importFile } from '../../../electron/import';
import { KDF_FLOOR, unlockVault } from '../../../electron/vault';
import { GOOD_SVG, PACK_UUID, pack, svgBytes } from '../icons/custom-icon-fixtures';
import { copyVault, inlineKdf, NOW, PASSWORD, runCli, useTemplateVault } from './harness';

const made = useTemplateVault();

interface Listed {
  readonly issuer: string;
  readonly account: string;
  readonly tags: string[];
  readonly icon: { source: string; id: string } | null;
}

async function tessera(vault: string, argv: readonly string[], env: Record<string, string> = {}) {
  return runCli(['--vault', vault, '--password-stdin', ...argv], { stdin: `${PASSWORD}\n`, env });
}

async function listed(
  vault: string,
  extra: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<Listed[]> {
  const r = await tessera(vault, ['list', '--json', ...extra], env);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { entries: Listed[] }).entries;
}

describe('tessera add --tag', () => {
  it('adds the tags in normal form: trimmed, one space inside, a repeat ignoring case once', async () => {
    const vault = await copyVault(made.template, made.dir);
    const r = await tessera(vault, [
      'add',
      '--secret',
      'JBSWY3DPEHPK3PXP',
      '--issuer',
      'Example',
      '--account',
      'carol',
      '--tag',
      ' Work ',
      '--tag',
      'side   project',
      '--tag',
      'WORK',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((await listed(vault)).at(-1)).toMatchObject({ issuer: 'Example', tags: ['Work', 'side project'] });
  });

  it('takes --tag with a link too', async () => {
    const vault = await copyVault(made.template, made.dir);
    const r = await tessera(vault, ['add', 'otpauth://totp/Shop:dave?secret=JBSWY3DPEHPK3PXQ', '--tag', 'Shopping']);
    expect(r.code, r.stderr).toBe(0);
    expect((await listed(vault)).at(-1)).toMatchObject({ issuer: 'Shop', tags: ['Shopping'] });
  });

  it.each([
    ['a tag too long', ['--tag', 'x'.repeat(65)], /A tag is at most 64 characters long/],
    ['too many tags', Array.from({ length: 21 }, (_, i) => ['--tag', `t${i}`]).flat(), /at most 20 tags/],
    ['a control character', ['--tag', 'a\u0007b'], /control characters/],
  ])('%s: exit 1 before any password, the flag named, nothing added', async (_name, flags, message) => {
    const vault = await copyVault(made.template, made.dir);
    for (const first of [
      ['--secret', 'JBSWY3DPEHPK3PXP', '--account', 'x'],
      ['otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP'],
    ]) {
      const r = await runCli(['--vault', vault, 'add', ...first, ...flags], { stdin: '' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain("'--tag'");
    }
    expect(await listed(vault)).toHaveLength(6);
  });

  it('the help says --tag may be repeated', async () => {
    const help = await runCli(['add', '--help']);
    expect(help.stdout).toMatch(/--tag TAG\s+.*\(may be repeated\)/);
  });
});

describe('tessera list: tags', () => {
  async function tagged(): Promise<string> {
    const vault = await copyVault(made.template, made.dir);
    const session = await unlockVault({ path: vault, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW }, PASSWORD);
    try {
      const [sha1, sha256, , , steam] = session.entries();
      await session.update(sha1!.id, { tags: ['Work', 'Lab'] });
      await session.update(sha256!.id, { tags: ['work'] });
      await session.update(steam!.id, { tags: ['Games'] });
    } finally {
      session.lock();
    }
    return vault;
  }

  it('text: a TAGS column', async () => {
    const vault = await tagged();
    const r = await tessera(vault, ['list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/\sTAGS$/);
    expect(lines[1]).toMatch(/RFC6238\s+sha1\s+Work, Lab$/);
  });

  it('--tag keeps the accounts carrying every tag given, ignoring case and spacing', async () => {
    const vault = await tagged();
    expect((await listed(vault, ['--tag', 'WORK'])).map((e) => e.account)).toEqual(['sha1', 'sha256']);
    expect((await listed(vault, ['--tag', 'work', '--tag', ' lab '])).map((e) => e.account)).toEqual(['sha1']);
    expect(await listed(vault, ['--tag', 'Work', '--tag', 'Games'])).toEqual([]);
    const none = await tessera(vault, ['list', '--tag', 'Nothing']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/No account has the tag “Nothing”/);
    const empty = await tessera(vault, ['list', '--tag', '  ']);
    expect(empty.code).toBe(1);
  });
});

describe('tessera list --json: icon', () => {
  it('letter → null; bundled choice → that icon; custom → its id; automatic → pack, else bundled, else null', async () => {
    const vault = await copyVault(made.template, made.dir);
    const session = await unlockVault({ path: vault, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW }, PASSWORD);
    const customId = await (async () => {
      try {
        const [sha1, sha256, , hotp, steam] = session.entries();
        await session.update(sha1!.id, { icon: { kind: 'letter' } });
        await session.update(sha256!.id, { icon: { kind: 'bundled', id: 'github' } });
        const custom = await session.setCustomIcon(hotp!.id, { mime: 'image/svg+xml', bytes: svgBytes(GOOD_SVG) });
        await session.update(steam!.id, { icon: { kind: 'letter' } });
        return custom.icon?.kind === 'custom' ? custom.icon.id : '';
      } finally {
        session.lock();
      }
    })();
    expect(customId).toMatch(/^[0-9a-f]{64}$/);
    const icons = (await listed(vault)).map((e) => e.icon);
    expect(icons).toEqual([
      null,
      { source: 'bundled', id: 'github' },
      null,
      { source: 'custom', id: customId },
      null,
      { source: 'bundled', id: 'github' },
    ]);

    // This computer's packs (the app data folder): a pack naming the issuer wins over the bundled set.
    const config = path.join(made.dir, `config-${customId.slice(0, 8)}`);
    await mkdir(config, { recursive: true });
    const store = createPackStore({ folder: iconPacksPathIn(path.join(config, 'Tessera')) });
    await store.importPack(
      await pack([{ filename: 'icons/gh.svg', issuer: ['GitHub', 'RFC6238'] }], { 'icons/gh.svg': GOOD_SVG }),
    );
    const withPack = (await listed(vault, [], { XDG_CONFIG_HOME: config })).map((e) => e.icon);
    expect(withPack).toEqual([
      null,
      { source: 'bundled', id: 'github' },
      { source: 'pack', id: `${PACK_UUID}/icons/gh.svg` },
      { source: 'custom', id: customId },
      null,
      { source: 'pack', id: `${PACK_UUID}/icons/gh.svg` },
    ]);
  });
});

describe('tessera export: tags and icons', () => {
  it('aegis-plain carries the tags as groups and the icons the app shows; Tessera reads them back', async () => {
    const vault = await copyVault(made.template, made.dir);
    const session = await unlockVault({ path: vault, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW }, PASSWORD);
    try {
      const [sha1, , , hotp] = session.entries();
      await session.update(sha1!.id, { tags: ['Work', 'Lab'] });
      await session.setCustomIcon(hotp!.id, { mime: 'image/svg+xml', bytes: svgBytes(GOOD_SVG) });
    } finally {
      session.lock();
    }
    const out = path.join(made.dir, `aegis-${Date.now()}.json`);
    const r = await tessera(vault, ['export', '--format', 'aegis-plain', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const result = await importFile(new Uint8Array(await readFile(out)));
    expect(result.notices).toBeUndefined();
    expect(result.entries.map((e) => e.tags ?? [])).toEqual([['Work', 'Lab'], [], [], [], [], []]);
    // The custom icon as stored; GitHub and Steam as the bundled set draws them; the rest none.
    expect(result.entries.map((e) => e.iconImage?.mime ?? null)).toEqual([
      null,
      null,
      null,
      'image/svg+xml',
      'image/svg+xml',
      'image/svg+xml',
    ]);
    expect(new TextDecoder().decode(result.entries[3]?.iconImage?.bytes)).toContain('M12 0L24 24H0z');
  });
});
