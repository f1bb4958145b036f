// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proves the process-boundary lint rules bite: deliberately bad fixtures are linted as if they sat
 * in the guarded folders, and must fail with no-restricted-imports.
 */
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (name: string): string => readFileSync(path.join(ROOT, 'test/fixtures/lint-violations', name), 'utf8');

async function restrictedImportErrors(code: string, asPath: string): Promise<number> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, asPath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
}

describe('process-boundary lint rules', () => {
  it.each([
    'electron/vault/probe.ts',
    'electron/otp/probe.ts',
    'electron/cli/probe.ts',
    'electron/services/probe.ts',
    'electron/import/probe.ts',
    'electron/export/probe.ts',
    'electron/time/probe.ts',
    'electron/ipc/dispatch-probe.ts',
  ])('a module at %s may not import electron', async (asPath) => {
    expect(await restrictedImportErrors(fixture('pure-module-imports-electron.ts'), asPath)).toBeGreaterThan(0);
  });

  it('the renderer may not import Node or main-process code', async () => {
    expect(await restrictedImportErrors(fixture('renderer-imports-node.tsx'), 'renderer/probe.tsx')).toBe(2);
  });

  it('the renderer may import the contract for types only', async () => {
    expect(
      await restrictedImportErrors(fixture('renderer-imports-contract-value.ts'), 'renderer/probe.ts'),
    ).toBeGreaterThan(0);
    expect(await restrictedImportErrors(fixture('ok-renderer-type-import.ts'), 'renderer/probe.ts')).toBe(0);
  });

  it('the preload may not import Node built-ins', async () => {
    expect(
      await restrictedImportErrors(fixture('preload-imports-node.ts'), 'electron/preload/probe.ts'),
    ).toBeGreaterThan(0);
  });

  it('main-process wiring may import electron', async () => {
    expect(await restrictedImportErrors(fixture('pure-module-imports-electron.ts'), 'electron/main/probe.ts')).toBe(0);
    expect(await restrictedImportErrors(fixture('pure-module-imports-electron.ts'), 'electron/platform/probe.ts')).toBe(
      0,
    );
  });
});
