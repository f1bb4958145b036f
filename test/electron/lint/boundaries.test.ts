// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proves the deny-by-default boundary rule (tessera/boundaries, eslint/boundaries.mjs) bites: each
 * fixture in test/fixtures/lint-violations is linted with the repository's own ESLint config as if
 * it sat at a path under electron/ or renderer/ (the path need not exist). Every bad fixture must
 * fail with exactly the expected number of tessera/boundaries errors, and every fixture must be
 * otherwise clean, so a failure can only come from the boundary rule.
 */
import { ESLint, type Linter } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/lint-violations');
const RULE = 'tessera/boundaries';
const eslint = new ESLint({ cwd: ROOT });

async function lintAs(
  fixture: string,
  asPath: string,
): Promise<{ boundary: Linter.LintMessage[]; other: Linter.LintMessage[] }> {
  const code = readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, asPath) });
  const messages = result?.messages ?? [];
  return { boundary: messages.filter((m) => m.ruleId === RULE), other: messages.filter((m) => m.ruleId !== RULE) };
}

interface BadCase {
  readonly fixture: string;
  readonly as: string;
  /** How many tessera/boundaries errors the fixture must raise. */
  readonly errors: number;
  /** Text every one of those errors must contain. */
  readonly says: string;
}

const CORE = ['otp', 'vault', 'import', 'export', 'time', 'workers'].map((folder) => `electron/${folder}/probe.ts`);

const BAD: readonly BadCase[] = [
  // Electron, by every spelling, from the plain-Node layers.
  ...[...CORE, 'electron/services/probe.ts', 'electron/cli/probe.ts', 'electron/domain/probe.ts'].map((as) => ({
    fixture: 'core-imports-electron.ts',
    as,
    errors: 1,
    says: "import electron ('electron')",
  })),
  {
    fixture: 'core-imports-electron-main.ts',
    as: 'electron/vault/probe.ts',
    errors: 1,
    says: 'core may not import electron',
  },
  {
    fixture: 'core-imports-electron-type.ts',
    as: 'electron/vault/probe.ts',
    errors: 2,
    says: 'core may not import electron',
  },
  {
    fixture: 'core-dynamic-import-electron.ts',
    as: 'electron/vault/probe.ts',
    errors: 1,
    says: 'core may not import electron',
  },
  { fixture: 'core-require-electron.ts', as: 'electron/otp/probe.ts', errors: 2, says: 'core may not import electron' },
  { fixture: 'core-non-literal-import.ts', as: 'electron/vault/probe.ts', errors: 2, says: 'cannot be classified' },
  { fixture: 'core-imports-scheme.ts', as: 'electron/vault/probe.ts', errors: 1, says: 'cannot be classified' },
  // Core reaching outward.
  {
    fixture: 'vault-imports-platform.ts',
    as: 'electron/vault/probe.ts',
    errors: 1,
    says: 'core may not import platform',
  },
  { fixture: 'vault-imports-platform.ts', as: 'electron/vault/probe.ts', errors: 1, says: 'inject a port' },
  {
    fixture: 'vault-imports-services.ts',
    as: 'electron/vault/probe.ts',
    errors: 1,
    says: 'core may not import services',
  },
  { fixture: 'vault-imports-ipc.ts', as: 'electron/vault/probe.ts', errors: 2, says: 'core may not import' },
  {
    fixture: 'core-imports-outside.ts',
    as: 'electron/vault/probe.ts',
    errors: 1,
    says: 'outside electron/ and renderer/',
  },
  {
    fixture: 'core-imports-unknown-layer.ts',
    as: 'electron/vault/probe.ts',
    errors: 1,
    says: 'electron/newthing is not a known layer',
  },
  // Services and the CLI.
  {
    fixture: 'services-imports-platform.ts',
    as: 'electron/services/probe.ts',
    errors: 1,
    says: 'services may not import platform',
  },
  {
    fixture: 'services-imports-ipc.ts',
    as: 'electron/services/probe.ts',
    errors: 1,
    says: 'services may not import ipc',
  },
  { fixture: 'cli-imports-ipc.ts', as: 'electron/cli/probe.ts', errors: 1, says: 'cli may not import ipc' },
  // Domain: nothing but domain.
  {
    fixture: 'domain-imports-node.ts',
    as: 'electron/domain/probe.ts',
    errors: 2,
    says: 'domain may not import a Node.js built-in',
  },
  {
    fixture: 'domain-imports-package.ts',
    as: 'electron/domain/probe.ts',
    errors: 1,
    says: 'domain may not import package otpauth',
  },
  { fixture: 'domain-imports-core.ts', as: 'electron/domain/probe.ts', errors: 3, says: 'domain may not import core' },
  // IPC, the contract, platform and main.
  {
    fixture: 'contract-imports-services.ts',
    as: 'electron/ipc/contract.ts',
    errors: 1,
    says: 'contract may not import services',
  },
  {
    fixture: 'ipc-imports-electron-value.ts',
    as: 'electron/ipc/dispatch.ts',
    errors: 1,
    says: 'ipc may import electron only with `import type`',
  },
  { fixture: 'ipc-imports-core.ts', as: 'electron/ipc/handlers.ts', errors: 1, says: 'ipc may not import core' },
  {
    fixture: 'platform-imports-ipc.ts',
    as: 'electron/platform/probe.ts',
    errors: 1,
    says: 'platform may not import ipc',
  },
  { fixture: 'main-imports-cli.ts', as: 'electron/main/probe.ts', errors: 1, says: 'main may not import cli' },
  {
    fixture: 'main-pure-imports-electron-value.ts',
    as: 'electron/main/csp.ts',
    errors: 1,
    says: 'main may import electron only with `import type`',
  },
  // The preload.
  {
    fixture: 'preload-imports-node.ts',
    as: 'electron/preload/probe.ts',
    errors: 2,
    says: 'preload may not import a Node.js built-in',
  },
  {
    fixture: 'preload-imports-core.ts',
    as: 'electron/preload/probe.ts',
    errors: 1,
    says: 'preload may not import core',
  },
  {
    fixture: 'preload-imports-package.ts',
    as: 'electron/preload/probe.ts',
    errors: 1,
    says: 'preload may not import package zustand',
  },
  // The renderer.
  {
    fixture: 'renderer-imports-node.tsx',
    as: 'renderer/probe.tsx',
    errors: 5,
    says: 'renderer may not import a Node.js built-in',
  },
  {
    fixture: 'renderer-imports-electron.ts',
    as: 'renderer/probe.ts',
    errors: 2,
    says: 'renderer may not import electron',
  },
  { fixture: 'renderer-imports-core.tsx', as: 'renderer/probe.tsx', errors: 2, says: 'renderer may not import' },
  {
    fixture: 'renderer-imports-contract-value.ts',
    as: 'renderer/probe.ts',
    errors: 1,
    says: 'renderer may import contract only with `import type`',
  },
  {
    fixture: 'renderer-imports-domain-value.ts',
    as: 'renderer/probe.ts',
    errors: 1,
    says: 'renderer may import domain only with `import type`',
  },
  { fixture: 'renderer-imports-unlisted-package.ts', as: 'renderer/probe.ts', errors: 2, says: 'RENDERER_PACKAGES' },
  // Files outside every layer.
  {
    fixture: 'stray-file.ts',
    as: 'electron/newthing/x.ts',
    errors: 1,
    says: 'electron/newthing is not a known layer; add it to eslint/layers.mjs and docs/dev/architecture.md',
  },
  { fixture: 'stray-file.ts', as: 'electron/probe.ts', errors: 1, says: 'electron/probe.ts is not in a layer folder' },
];

const GOOD: readonly { fixture: string; as: string }[] = [
  { fixture: 'ok-renderer.tsx', as: 'renderer/probe.tsx' },
  ...CORE.map((as) => ({ fixture: 'ok-core.ts', as })),
  { fixture: 'ok-main.ts', as: 'electron/main/probe.ts' },
  { fixture: 'ok-platform.ts', as: 'electron/platform/probe.ts' },
  { fixture: 'ok-ipc-register.ts', as: 'electron/ipc/register.ts' },
  // The one IPC module that maps core's errors to IpcError may import core.
  { fixture: 'ok-ipc-type-import-electron.ts', as: 'electron/ipc/dispatch.ts' },
  { fixture: 'ok-ipc-type-import-electron.ts', as: 'electron/main/window-options.ts' },
  { fixture: 'ok-preload.ts', as: 'electron/preload/probe.ts' },
  { fixture: 'ok-cli.ts', as: 'electron/cli/probe.ts' },
  // Main and platform are where Electron belongs.
  { fixture: 'core-imports-electron.ts', as: 'electron/main/probe.ts' },
  { fixture: 'core-imports-electron.ts', as: 'electron/platform/probe.ts' },
  // Tests, scripts and configs are not layers: the rule leaves them alone.
  { fixture: 'core-imports-electron.ts', as: 'test/electron/probe.test.ts' },
  { fixture: 'renderer-imports-node.tsx', as: 'scripts/probe.tsx' },
];

describe('tessera/boundaries refuses', () => {
  it.each(BAD)('$fixture at $as ($errors)', async ({ fixture, as, errors, says }) => {
    const { boundary, other } = await lintAs(fixture, as);
    expect(other).toEqual([]);
    expect(boundary).toHaveLength(errors);
    for (const message of boundary) {
      expect(message.severity).toBe(2);
      expect(message.message).toContain(says);
    }
  });
});

describe('tessera/boundaries allows', () => {
  it.each(GOOD)('$fixture at $as', async ({ fixture, as }) => {
    const { boundary, other } = await lintAs(fixture, as);
    expect(boundary).toEqual([]);
    expect(other).toEqual([]);
  });
});

describe('the fixtures', () => {
  it('are each linted by some case', () => {
    const used = new Set([...BAD, ...GOOD].map((c) => c.fixture));
    expect(readdirSync(FIXTURES).filter((name) => !used.has(name))).toEqual([]);
  });

  it('are each a bad fixture or an ok- fixture, never both', () => {
    const bad = new Set(BAD.map((c) => c.fixture));
    for (const { fixture } of GOOD) {
      if (fixture.startsWith('ok-')) expect(bad.has(fixture)).toBe(false);
    }
    for (const fixture of bad) expect(fixture.startsWith('ok-')).toBe(false);
  });
});
