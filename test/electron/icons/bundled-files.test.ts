// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Finding and reading the generated icon files: where main, the CLI and the sources look, what a
 * missing or foreign index says, reading a written copy back, and that the build's copy in
 * out/main/icons is the one the installed packages give (else: run `npm run build`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledIcons, createBundledIcons } from '../../../electron/icons/bundled';
import {
  bundledIconsDir,
  bundledIconsDirCandidates,
  parseBundledIndex,
  readBundledIconFiles,
} from '../../../electron/icons/bundled-files';
import { BUNDLED_DATA_FILE, BUNDLED_INDEX_FILE } from '../../../electron/icons/bundled-format';
import { indexJson } from '../../../scripts/icons/generate';
import { generatedIconData, REPO_ROOT } from '../../fixtures/icons/generated-icons';

const temp = mkdtempSync(path.join(tmpdir(), 'tessera-icons-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('where the icon files are', () => {
  it('looks beside the bundle, one folder up from a chunk, and in out/main from the sources', () => {
    expect(bundledIconsDirCandidates('/app/out/main', false)).toEqual(['/app/out/main/icons', '/app/out/icons']);
    expect(bundledIconsDirCandidates('/app/out/main/chunks', false)).toEqual([
      '/app/out/main/chunks/icons',
      '/app/out/main/icons',
    ]);
    expect(bundledIconsDirCandidates('/repo/electron/icons', true)).toContain('/repo/out/main/icons');
    expect(bundledIconsDirCandidates(null, false, '/repo')).toEqual(['/repo/out/main/icons']);
  });

  it('says where it looked and what to run when the files are missing', () => {
    expect(() => bundledIconsDir(() => false)).toThrow(/bundled icons are missing.*npm run build/s);
  });
});

describe('reading them', () => {
  it('refuses an index that is damaged or from another format', () => {
    for (const bad of [
      'null',
      '[]',
      '{}',
      '{"format":2,"icons":[],"names":{},"domains":{},"featured":[]}',
      '{"format":1,"icons":[["x"]],"names":{},"domains":{},"featured":[]}',
    ]) {
      expect(() => parseBundledIndex(bad), bad).toThrow(/damaged or from another version/);
    }
    expect(() => parseBundledIndex('{')).toThrow(SyntaxError);
  });

  it('reads a written copy back into the same set, the data once on the first picture', () => {
    const { index, data } = generatedIconData();
    writeFileSync(path.join(temp, BUNDLED_INDEX_FILE), indexJson(index));
    writeFileSync(path.join(temp, BUNDLED_DATA_FILE), data);
    const files = readBundledIconFiles(temp);
    expect(files.index.fingerprint).toBe(index.fingerprint);
    const icons = createBundledIcons(files);
    expect(icons.match('Twitter', '')).toBe('x');
    rmSync(path.join(temp, BUNDLED_DATA_FILE));
    expect(() => icons.image('github')).toThrow(/ENOENT/);
    writeFileSync(path.join(temp, BUNDLED_DATA_FILE), data);
    expect(icons.image('github')?.title).toBe('GitHub');
    // Read once: the file going away afterwards changes nothing.
    rmSync(path.join(temp, BUNDLED_DATA_FILE));
    expect(icons.image('gitlab')?.title).toBe('GitLab');
  });

  it('refuses data shorter than its index says', () => {
    const { index, data } = generatedIconData();
    writeFileSync(path.join(temp, BUNDLED_INDEX_FILE), indexJson(index));
    writeFileSync(path.join(temp, BUNDLED_DATA_FILE), data.subarray(0, 100));
    const icons = createBundledIcons(readBundledIconFiles(temp));
    expect(() => icons.image('zulip')).toThrow(/does not match its index/);
  });
});

describe('the build’s copy', () => {
  const built = path.join(REPO_ROOT, 'out', 'main', 'icons');

  it.runIf(existsSync(path.join(REPO_ROOT, 'out', 'main')))(
    'is current: out/main/icons is what the installed packages give',
    () => {
      expect(existsSync(path.join(built, BUNDLED_INDEX_FILE)), 'out/main/icons is missing: run `npm run build`').toBe(
        true,
      );
      const index = parseBundledIndex(readFileSync(path.join(built, BUNDLED_INDEX_FILE), 'utf8'));
      expect(index.fingerprint, 'out/main/icons is stale: run `npm run build`').toBe(
        generatedIconData().index.fingerprint,
      );
      expect(readFileSync(path.join(built, 'NOTICE.md'), 'utf8')).toContain('Simple Icons');
      // Run from the sources, the set is the build's copy.
      expect(bundledIcons().match('Twitter', '')).toBe('x');
      expect(bundledIcons()).toBe(bundledIcons());
    },
  );
});
