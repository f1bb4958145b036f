// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The layer table of the boundary lint (eslint/boundaries.mjs): which folder is which layer, what
 * each layer may import, the per-file exceptions, and what to do instead when an import is refused.
 * docs/dev/architecture.md explains the same table in words; change both together.
 */

/** Folder directly under electron/ → layer. Anything else under electron/ is refused. */
export const ELECTRON_FOLDERS = Object.freeze({
  domain: 'domain',
  otp: 'core',
  vault: 'core',
  import: 'core',
  export: 'core',
  kdbx: 'core',
  icons: 'core',
  time: 'core',
  workers: 'core',
  services: 'services',
  cli: 'cli',
  ipc: 'ipc',
  platform: 'platform',
  main: 'main',
  preload: 'preload',
});

/** The IPC contract (a file electron/ipc/contract.ts, or a folder electron/ipc/contract/). */
export const CONTRACT = /^electron\/ipc\/contract(?:\.[cm]?[jt]sx?)?(?:\/|$)/;

/**
 * The only packages the renderer bundle may import. An entry ending in `/*` also allows the
 * package's subpaths (zustand/shallow, zustand/react/shallow, ...).
 */
export const RENDERER_PACKAGES = Object.freeze([
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-dom/client',
  'zustand',
  'zustand/*',
  // The password-strength meter (renderer/shared/password-strength.ts), loaded on demand.
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  '@zxcvbn-ts/language-en',
]);

function rendererPackageAllowed(specifier) {
  return RENDERER_PACKAGES.some((allowed) =>
    allowed.endsWith('/*') ? specifier.startsWith(allowed.slice(0, -1)) : specifier === allowed,
  );
}

/** Allowed for values and types alike. */
export const ANY = 'any';
/** Allowed for `import type` (and imports whose every specifier is `type`) only. */
export const TYPES = 'types';

/**
 * What each layer may import. A class missing from a row is refused. Values are ANY, TYPES, or a
 * function (target) => ANY | TYPES | null for an allowance narrower than a whole class.
 */
export const ALLOW = Object.freeze({
  // Shared by every process (the renderer takes its types): no Node, no packages, no Electron.
  domain: { domain: ANY },
  core: { domain: ANY, core: ANY, node: ANY, package: ANY },
  services: { domain: ANY, core: ANY, services: ANY, node: ANY, package: ANY },
  // `manifest` is the repository's package.json: the CLI prints its version.
  cli: { domain: ANY, core: ANY, services: ANY, cli: ANY, node: ANY, package: ANY, manifest: ANY },
  // Electron types only; electron/ipc/register.ts, the one module that touches ipcMain, is in FILE_ALLOW.
  ipc: { domain: ANY, services: ANY, ipc: ANY, contract: ANY, electron: TYPES },
  // Loaded by the preload (values) and the renderer (types): it may lean on nothing but domain.
  contract: { domain: ANY, contract: ANY },
  // Adapters from Electron to the services' ports.
  platform: { domain: ANY, services: ANY, platform: ANY, electron: ANY, node: ANY, package: ANY },
  main: {
    domain: ANY,
    core: ANY,
    services: ANY,
    ipc: ANY,
    contract: ANY,
    platform: ANY,
    main: ANY,
    electron: ANY,
    node: ANY,
    package: ANY,
  },
  // The sandboxed preload can load only Electron's renderer modules (contextBridge, ipcRenderer).
  preload: { electron: ANY, contract: ANY, domain: ANY, preload: ANY },
  // The window runs no main-process code: types from electron/ only. The domain's values it checks
  // with reach it as a generated module (renderer/shared/domain-values.ts, `npm run gen:domain`).
  renderer: {
    renderer: ANY,
    domain: TYPES,
    contract: TYPES,
    package: (target) => (rendererPackageAllowed(target.specifier) ? ANY : null),
  },
});

/** Per-file exceptions, keyed by the path from the repository root; they replace the row's entry. */
export const FILE_ALLOW = Object.freeze({
  'electron/ipc/register.ts': { electron: ANY },
  // The pure parts of main, unit-tested under Node: Electron types only.
  'electron/main/csp.ts': { electron: TYPES },
  'electron/main/window-options.ts': { electron: TYPES },
  'electron/main/protocol.ts': { electron: TYPES },
  'electron/main/hardening.ts': { electron: TYPES },
  'electron/main/smoke.ts': { electron: TYPES },
  'electron/main/start-failure.ts': { electron: TYPES },
});

/** What to do instead, by `<file layer>><target class>`, then `*><class>`, then `<layer>>*`. */
export const ADVICE = Object.freeze({
  'domain>*': 'domain is the innermost layer, shared by every process: it imports only electron/domain',
  'domain>node': 'domain runs in every process: move Node code to core or services',
  'domain>package': 'domain takes no dependencies: move the code that needs the package to core',
  'core>electron': 'core runs under plain Node (vitest, the CLI): inject a port implemented in electron/platform',
  'services>electron':
    'services run under plain Node (vitest, the CLI): inject a port implemented in electron/platform',
  'cli>electron': 'the CLI runs under plain Node: no Electron',
  'core>platform': 'inject a port: declare the interface in services or core, implement it in electron/platform',
  'services>platform': 'inject a port: declare the interface in electron/services, implement it in electron/platform',
  'core>services':
    'core is called by services, never the reverse: take it as an argument or define the type in core or domain',
  'core>ipc': 'core never sees IPC: define shared types in electron/domain (the contract may re-export them)',
  'core>contract': 'core never sees IPC: define shared types in electron/domain (the contract may re-export them)',
  'core>cli': 'core is called by the CLI, never the reverse: move what both need into core or domain',
  'core>main': 'core is called by main, never the reverse: take it as an argument',
  'services>ipc': 'services are called by IPC handlers, never the reverse: define shared types in electron/domain',
  'services>contract':
    'services never see IPC: define shared types in electron/domain (the contract may re-export them)',
  'cli>ipc': 'the CLI never sees IPC: call electron/services or core directly',
  'cli>contract': 'the CLI never sees IPC: define shared types in electron/domain',
  'ipc>electron': 'only electron/ipc/register.ts touches Electron at run time: use `import type` here',
  'ipc>*': 'IPC handlers validate and dispatch: do the work in electron/services',
  'contract>*': 'the contract is loaded by the preload and the renderer: it may import only electron/domain',
  'platform>*':
    "platform adapts Electron to the services' ports: it builds on domain and services only (pure logic belongs in services or core)",
  'main>cli':
    'main and the CLI are two front ends: move what both need (file names, paths) to electron/domain or services',
  'main>electron': 'this module is pure and unit-tested under Node: use `import type`; call Electron from the wiring',
  'preload>*': 'the sandboxed preload can load only electron (contextBridge, ipcRenderer), the contract and domain',
  'preload>node': 'the sandboxed preload has no Node.js: do the work in main and expose it over IPC',
  'renderer>electron': 'the renderer never touches Electron: call main through renderer/api.ts',
  'renderer>node': 'the renderer has no Node.js: ask main through renderer/api.ts',
  'renderer>contract': 'import the contract with `import type`; values reach the renderer only through renderer/api.ts',
  'renderer>domain':
    'import the domain with `import type`; its values reach the renderer as renderer/shared/domain-values.ts (npm run gen:domain)',
  'renderer>package':
    'the renderer may use only the packages in RENDERER_PACKAGES (eslint/layers.mjs): add it there if it belongs in the renderer bundle',
  'renderer>*':
    'main-process code never runs in the renderer: share pure code through electron/domain, data through renderer/api.ts',
  '*>renderer': 'the main process never imports the renderer: share pure code through electron/domain',
  '*>manifest': "only the CLI reads the repository's package.json (for its version)",
  '*>outside': 'imports stay inside electron/ and renderer/',
  '*>preload': 'the preload is an entry point of its own: share code through electron/domain',
  '*>main': 'main is the outermost layer: nothing imports it; take what you need as an argument',
  '*>*':
    'dependencies point inward (domain <- core <- services <- cli, ipc, platform <- main): see the table in eslint/layers.mjs',
});
