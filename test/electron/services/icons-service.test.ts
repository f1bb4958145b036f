// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icons service through the app's services (a real vault on disk, the fake KDF): an account's
 * icon set every way the picker allows (automatic, letter, bundled, custom, a pack icon copied in,
 * an image file from main's dialog), Aegis icon packs imported and removed, and the window told
 * the entries again with the picture each shows. Bad input changes nothing and says why.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ICON_LIMITS, type EntrySummary, type IconImage } from '../../../electron/domain';
import type { BundledIcons } from '../../../electron/icons/bundled';
import { NOT_AN_ICON_MESSAGE } from '../../../electron/icons/image-check';
import type { EventChannel } from '../../../electron/ipc/contract';
import type { AppServices } from '../../../electron/services/app-services';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import { toIpcError } from '../../../electron/services/error-report';
import { FakeClock } from '../../helpers/fake-clock';
import { GOOD_SVG, pack, PACK_UUID, png } from '../icons/custom-icon-fixtures';
import { testServices } from './test-services';

const PASSWORD = 'correct horse battery';
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let root: string;
let dataFolder: string;
let events: { channel: EventChannel; payload: unknown }[];
let picked: (string[] | null)[];
let pickTitles: string[];
const running: AppServices[] = [];

const bundled: BundledIcons = {
  match: (issuer) => (issuer === 'GitHub' ? 'github' : null),
  has: (id) => id === 'github' || id === 'google',
  image: (id) => ({
    ref: { source: 'bundled', id },
    kind: 'path',
    title: id,
    path: 'M0 0',
    background: '#000000',
    foreground: '#ffffff',
  }),
  search: (query, limit) =>
    query === 'goo' ? [{ ref: { source: 'bundled' as const, id: 'google' }, title: 'Google' }].slice(0, limit) : [],
};

const desktop: DesktopPorts = {
  ...NO_DESKTOP,
  pickFiles: async ({ title }) => {
    pickTitles.push(title);
    return picked.shift() ?? null;
  },
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tessera-icons-service-'));
  dataFolder = path.join(root, 'app-data');
  mkdirSync(dataFolder);
  events = [];
  picked = [];
  pickTitles = [];
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(root, { recursive: true, force: true });
});

async function unlocked(): Promise<{ s: AppServices; github: EntrySummary; other: EntrySummary }> {
  const s = testServices({
    vaultPath: path.join(root, 'vault.tessera'),
    dataFolder,
    clock: new FakeClock(59_000),
    emit: (channel, payload) => events.push({ channel, payload }),
    desktop,
    bundledIcons: bundled,
  });
  running.push(s);
  await s.vault.create(PASSWORD);
  const github = await s.entries.add({ type: 'totp', issuer: 'GitHub', account: 'alice', secret: SECRET_B32 });
  const other = await s.entries.add({ type: 'totp', issuer: 'Acme Widgets', account: 'bob', secret: SECRET_B32 });
  events.length = 0;
  return { s, github, other };
}

function file(name: string, bytes: Uint8Array | string): string {
  const at = path.join(root, name);
  writeFileSync(at, bytes);
  return at;
}

/** The entries of the last `entries:changed`, by issuer. */
function lastPushed(): Record<string, EntrySummary> {
  const last = events.filter((e) => e.channel === 'entries:changed').pop();
  if (!last) throw new Error('no entries:changed');
  return Object.fromEntries((last.payload as EntrySummary[]).map((e) => [e.issuer, e]));
}

async function reported(promise: Promise<unknown>): Promise<ReturnType<typeof toIpcError>> {
  return promise.then(
    () => {
      throw new Error('resolved');
    },
    (error: unknown) => toIpcError(error),
  );
}

describe('every entry answer carries the picture it shows', () => {
  it('lists, adds and pushes with shownIcon', async () => {
    const { s, github, other } = await unlocked();
    expect(github.shownIcon).toEqual({ source: 'bundled', id: 'github' });
    expect(other.shownIcon).toBeNull();
    expect(s.entries.list().map((e) => e.shownIcon)).toEqual([{ source: 'bundled', id: 'github' }, null]);
    await s.entries.update(other.id, { issuer: 'GitHub' });
    expect(lastPushed()['GitHub']?.shownIcon).toEqual({ source: 'bundled', id: 'github' });
  });
});

describe('icons:set', () => {
  it('sets the letter tile, a bundled icon and automatic again, telling the window each time', async () => {
    const { s, github } = await unlocked();
    expect((await s.icons.set(github.id, { kind: 'letter' })).shownIcon).toBeNull();
    expect(lastPushed()['GitHub']).toMatchObject({ icon: { kind: 'letter' }, shownIcon: null });
    const google = await s.icons.set(github.id, { kind: 'bundled', id: 'google' });
    expect(google).toMatchObject({
      icon: { kind: 'bundled', id: 'google' },
      shownIcon: { source: 'bundled', id: 'google' },
    });
    expect((await s.icons.set(github.id, null)).shownIcon).toEqual({ source: 'bundled', id: 'github' });
  });

  it('refuses an unknown bundled icon, a custom icon the vault lacks, a missing pack icon, an unknown account', async () => {
    const { s, github } = await unlocked();
    expect(await reported(s.icons.set(github.id, { kind: 'bundled', id: 'nope' }))).toMatchObject({
      code: 'invalid-entry',
      message: 'Tessera does not know that icon. Choose another.',
    });
    expect(await reported(s.icons.set(github.id, { kind: 'custom', id: 'a'.repeat(64) }))).toMatchObject({
      code: 'not-found',
    });
    expect(await reported(s.icons.set(github.id, { kind: 'pack', id: `${PACK_UUID}/x.svg` }))).toMatchObject({
      code: 'not-found',
    });
    expect(await reported(s.icons.set('0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5a', null))).toMatchObject({
      code: 'not-found',
    });
    expect(s.entries.list()[0]?.icon).toBeNull();
  });
});

describe('icons:set-from-file', () => {
  it('stores a chosen image in the vault as the account’s custom icon, and its picture can be drawn', async () => {
    const { s, github } = await unlocked();
    picked.push([file('logo.svg', `<?xml version="1.0"?><!-- x -->${GOOD_SVG}`)]);
    const { entry } = await s.icons.setFromFile(github.id);
    expect(pickTitles).toEqual(['Choose an icon']);
    expect(entry?.icon?.kind).toBe('custom');
    expect(entry?.shownIcon).toEqual({ source: 'custom', id: entry?.icon?.kind === 'custom' ? entry.icon.id : '' });
    expect(lastPushed()['GitHub']?.shownIcon).toEqual(entry?.shownIcon);
    const [image] = s.icons.images(entry?.shownIcon ? [entry.shownIcon] : []) as IconImage[];
    expect(image?.kind === 'image' && Buffer.from(image.dataUrl.split(',')[1] ?? '', 'base64').toString()).toBe(
      GOOD_SVG,
    );
    // Another account can now pick the same custom icon.
    const other = s.entries.list()[1];
    if (entry?.icon?.kind !== 'custom' || !other) throw new Error('no custom icon');
    expect((await s.icons.set(other.id, entry.icon)).shownIcon).toEqual(entry.shownIcon);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { s, github } = await unlocked();
    expect(await s.icons.setFromFile(github.id)).toEqual({ entry: null });
    expect(events).toEqual([]);
  });

  it('refuses a file that is not an icon, or too large (by its size, before reading it), and changes nothing', async () => {
    const { s, github } = await unlocked();
    picked.push([file('notes.svg', 'hello')]);
    expect(await reported(s.icons.setFromFile(github.id))).toEqual({
      code: 'import-failed',
      message: NOT_AN_ICON_MESSAGE,
    });
    const huge = file('huge.png', await png(4, 4));
    truncateSync(huge, ICON_LIMITS.fileMaxBytes + 1);
    picked.push([huge]);
    expect(await reported(s.icons.setFromFile(github.id))).toMatchObject({
      code: 'import-failed',
      message: 'This image is larger than 5 MB. Choose a smaller image.',
    });
    picked.push([file('hostile.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')]);
    expect((await reported(s.icons.setFromFile(github.id))).message).toBe(
      'This SVG contains a script, which Tessera does not allow in icons. Nothing was changed.',
    );
    picked.push([path.join(root, 'gone.png')]);
    expect((await reported(s.icons.setFromFile(github.id))).message).toBe('gone.png no longer exists.');
    expect(s.entries.list()[0]).toMatchObject({ icon: null, shownIcon: { source: 'bundled', id: 'github' } });
    expect(events.filter((e) => e.channel === 'entries:changed')).toEqual([]);
  });
});

describe('icon packs', () => {
  async function goodPack(version = 1): Promise<string> {
    return file(
      `pack-${version}.zip`,
      await pack(
        [
          { filename: 'Acme.svg', issuer: ['Acme Widgets'] },
          { filename: 'GitHub.png', issuer: ['github'] },
        ],
        { 'Acme.svg': GOOD_SVG, 'GitHub.png': await png(24, 24) },
        { version },
      ),
    );
  }

  it('imports a pack from main’s dialog: automatic icons now come from it, pushed to the window', async () => {
    const { s, github, other } = await unlocked();
    await s.icons.set(github.id, { kind: 'letter' });
    picked.push([await goodPack()]);
    const { pack: info } = await s.icons.importPack();
    expect(pickTitles).toEqual(['Import an icon pack']);
    expect(info).toEqual({ id: PACK_UUID, name: 'Test Icons', version: 1, icons: 2 });
    expect(s.icons.packs()).toEqual([info]);
    const pushed = lastPushed();
    expect(pushed['Acme Widgets']?.shownIcon).toEqual({ source: 'pack', id: `${PACK_UUID}/Acme.svg` });
    // A choice stays a choice: the letter tile is not replaced by the pack.
    expect(pushed['GitHub']?.shownIcon).toBeNull();
    expect(s.icons.search('acme')).toEqual([{ ref: { source: 'pack', id: `${PACK_UUID}/Acme.svg` }, title: 'Acme' }]);
    const images = s.icons.images([{ source: 'pack', id: `${PACK_UUID}/Acme.svg` }]);
    expect(images).toHaveLength(1);

    // A pack icon picked for an account is copied into the vault: it stays when the pack goes.
    const picked1 = await s.icons.set(other.id, { kind: 'pack', id: `${PACK_UUID}/Acme.svg` });
    expect(picked1.icon?.kind).toBe('custom');
    expect(await s.icons.removePack(PACK_UUID)).toEqual([]);
    expect(readdirSync(path.join(dataFolder, 'icon-packs'))).toEqual([]);
    expect(lastPushed()['Acme Widgets']?.shownIcon).toEqual(picked1.shownIcon);
    expect(s.icons.images(picked1.shownIcon ? [picked1.shownIcon] : [])).toHaveLength(1);
  });

  it('keeps packs in this computer’s data folder, never in the vault', async () => {
    const { s } = await unlocked();
    picked.push([await goodPack()]);
    await s.icons.importPack();
    expect(readdirSync(path.join(dataFolder, 'icon-packs'))).toEqual([PACK_UUID]);
  });

  it('refuses a pack that is not one, and one that is too large before reading it; nothing stored', async () => {
    const { s } = await unlocked();
    picked.push([file('not-a-pack.zip', 'hello')]);
    expect(await reported(s.icons.importPack())).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/^This file is not an Aegis icon pack/),
    });
    const huge = file('huge.zip', 'x');
    truncateSync(huge, ICON_LIMITS.packFileMaxBytes + 1);
    picked.push([huge]);
    expect((await reported(s.icons.importPack())).message).toBe(
      'This file is larger than 64 MB, far larger than any icon pack. Choose another file.',
    );
    expect(s.icons.packs()).toEqual([]);
    expect(await s.icons.importPack()).toEqual({ pack: null });
  });

  it('needs the vault open to change packs, not to list them', async () => {
    const { s } = await unlocked();
    await s.lock('manual');
    expect(s.icons.packs()).toEqual([]);
    expect(await reported(s.icons.importPack())).toMatchObject({ code: 'vault-locked' });
    expect(await reported(s.icons.removePack(PACK_UUID))).toMatchObject({ code: 'vault-locked' });
    expect(pickTitles).toEqual([]);
  });
});

describe('icons:search and icons:images', () => {
  it('searches the bundled set and draws bundled pictures', async () => {
    const { s } = await unlocked();
    expect(s.icons.search('goo')).toEqual([{ ref: { source: 'bundled', id: 'google' }, title: 'Google' }]);
    expect(s.icons.images([{ source: 'bundled', id: 'github' }])).toMatchObject([{ kind: 'path', title: 'github' }]);
  });
});
