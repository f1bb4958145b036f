// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The process-boundary lint, `tessera/boundaries`. It denies by default: every linted file under
 * electron/ and renderer/ is put in a layer by its folder, every import it makes is put in a class
 * (a layer, `contract`, `electron`, `node`, a package, or something outside the source folders),
 * and an import the table below does not allow is an error. A file in a folder the table does not
 * know, or an import whose target cannot be worked out (a computed `import()` or `require()`), is
 * an error too, so a new folder or a new way of importing cannot slip past the rules.
 *
 * Layers, innermost first (dependencies point inward):
 *   domain    electron/domain          plain types and logic shared by every process, renderer included
 *   core      electron/{otp,vault,import,export,time,workers}   plain Node: vitest and the CLI run it
 *   services  electron/services        the app's use cases, over core, with ports for the desktop
 *   cli       electron/cli             the command-line front end
 *   ipc       electron/ipc             validation and dispatch of the renderer's calls
 *   contract  electron/ipc/contract    the IPC wire types, shared with the preload and the renderer
 *   platform  electron/platform        Electron behind the services' ports
 *   main      electron/main            the main process's wiring
 *   preload   electron/preload         the sandboxed preload
 *   renderer  renderer                 the untrusted UI
 *
 * Files outside electron/ and renderer/ (tests, scripts, configs) are not checked here.
 * Adding a layer: add its folder to ELECTRON_FOLDERS, its row to ALLOW, and the layer to
 * docs/dev/architecture.md.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in <root>/eslint/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folder directly under electron/ → layer. Anything else under electron/ is refused. */
const ELECTRON_FOLDERS = Object.freeze({
  domain: 'domain',
  otp: 'core',
  vault: 'core',
  import: 'core',
  export: 'core',
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
const CONTRACT = /^electron\/ipc\/contract(?:\.[cm]?[jt]sx?)?(?:\/|$)/;

/**
 * The only packages the renderer bundle may import. An entry ending in `/*` also allows the
 * package's subpaths (zustand/shallow, zustand/react/shallow, ...).
 */
const RENDERER_PACKAGES = Object.freeze([
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

/** Allowed for values and types alike. */
const ANY = 'any';
/** Allowed for `import type` (and imports whose every specifier is `type`) only. */
const TYPES = 'types';

/**
 * What each layer may import. A class missing from a row is refused. Values are ANY, TYPES, or a
 * function (target) => ANY | TYPES | null for an allowance narrower than a whole class.
 */
const ALLOW = Object.freeze({
  // Shared by every process, the renderer included: no Node, no packages, no Electron.
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
  renderer: {
    renderer: ANY,
    domain: ANY,
    contract: TYPES,
    package: (target) => (rendererPackageAllowed(target.specifier) ? ANY : null),
  },
});

/** Per-file exceptions, keyed by the path from the repository root; they replace the row's entry. */
const FILE_ALLOW = Object.freeze({
  'electron/ipc/register.ts': { electron: ANY },
  // Turning every layer's errors into the IpcError an answer carries is the IPC boundary's job, and
  // it needs core's error classes (instanceof) and reports; the handlers still reach core through
  // the services.
  'electron/ipc/errors.ts': { core: ANY },
  // The pure parts of main, unit-tested under Node: Electron types only.
  'electron/main/csp.ts': { electron: TYPES },
  'electron/main/window-options.ts': { electron: TYPES },
  'electron/main/protocol.ts': { electron: TYPES },
  'electron/main/hardening.ts': { electron: TYPES },
  'electron/main/smoke.ts': { electron: TYPES },
  'electron/main/start-failure.ts': { electron: TYPES },
});

/** What to do instead, by `<file layer>><target class>`, then `*><class>`, then `<layer>>*`. */
const ADVICE = Object.freeze({
  'domain>*': 'domain is the innermost layer, shared by every process: it imports only electron/domain',
  'domain>node': 'domain runs in every process, the renderer included: move Node code to core or services',
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
  'renderer>package':
    'the renderer may use only the packages in RENDERER_PACKAGES (eslint/boundaries.mjs): add it there if it belongs in the renderer bundle',
  'renderer>*':
    'main-process code never runs in the renderer: share pure code through electron/domain, data through renderer/api.ts',
  '*>renderer': 'the main process never imports the renderer: share pure code through electron/domain',
  '*>manifest': "only the CLI reads the repository's package.json (for its version)",
  '*>outside': 'imports stay inside electron/ and renderer/',
  '*>preload': 'the preload is an entry point of its own: share code through electron/domain',
  '*>main': 'main is the outermost layer: nothing imports it; take what you need as an argument',
  '*>*':
    'dependencies point inward (domain <- core <- services <- cli, ipc, platform <- main): see the table in eslint/boundaries.mjs',
});

const NODE_BUILTINS = new Set(builtinModules);

/** A path from the repository root with forward slashes, or null when it lies outside the root. */
function fromRoot(absolute) {
  const relative = path.relative(ROOT, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

const withoutExtension = (name) => name.replace(/\.[^./]+$/, '');

/**
 * Where a path from the repository root lies: { layer } in a known layer (contract included),
 * { unknown: 'electron/<folder>' } under electron/ outside every layer (strayFile: a file directly
 * in electron/), or null elsewhere. A linted file's path always names a file; an import's path may
 * name a folder (`../vault` for electron/vault/index.ts).
 */
function layerOfPath(relative, isFile) {
  const parts = relative.split('/');
  if (parts[0] === 'renderer') return { layer: 'renderer' };
  if (parts[0] !== 'electron') return null;
  if (CONTRACT.test(relative)) return { layer: 'contract' };
  if (parts.length === 1) return { unknown: 'electron/', strayFile: true };
  const folder = parts[1];
  const stray = parts.length === 2 && (isFile || withoutExtension(folder) !== folder);
  if (stray) return { unknown: relative, strayFile: true };
  if (Object.hasOwn(ELECTRON_FOLDERS, folder)) return { layer: ELECTRON_FOLDERS[folder] };
  return { unknown: `electron/${folder}` };
}

function rendererPackageAllowed(specifier) {
  return RENDERER_PACKAGES.some((allowed) =>
    allowed.endsWith('/*') ? specifier.startsWith(allowed.slice(0, -1)) : specifier === allowed,
  );
}

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The class of an import target: { cls, label, path?, specifier, unknown? }. `cls` is a layer,
 * `electron`, `node`, `package`, `manifest`, `outside`, `unknown` (a folder under electron/ that is
 * no layer) or `unclassified` (a specifier this lint cannot place).
 */
function classify(specifier, fileDir) {
  if (specifier === '') return { cls: 'unclassified', label: "''", specifier };
  const isPath = specifier.startsWith('.') || specifier.startsWith('/') || path.isAbsolute(specifier);
  if (isPath) {
    // Bundler suffixes (`./worker.ts?worker`, `./icon.svg?url`) do not change the file.
    const absolute = path.resolve(fileDir, specifier.replace(/[?#].*$/, ''));
    const relative = fromRoot(absolute);
    if (relative === null)
      return { cls: 'outside', label: 'a file outside the repository', resolved: absolute, specifier };
    if (relative === 'package.json') return { cls: 'manifest', label: 'package.json', resolved: relative, specifier };
    const where = layerOfPath(relative, false);
    if (where === null)
      return { cls: 'outside', label: 'a file outside electron/ and renderer/', resolved: relative, specifier };
    if (where.unknown !== undefined) {
      return { cls: 'unknown', label: where.unknown, unknown: where.unknown, resolved: relative, specifier };
    }
    return { cls: where.layer, label: where.layer, resolved: relative, path: withoutExtension(relative), specifier };
  }
  if (specifier === 'electron' || specifier.startsWith('electron/'))
    return { cls: 'electron', label: 'electron', specifier };
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0])) {
    return { cls: 'node', label: 'a Node.js built-in', specifier };
  }
  // Other schemes (virtual:, file:, data:, https:) and subpath imports (#name) are not packages.
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.startsWith('#')) {
    return { cls: 'unclassified', label: specifier, specifier };
  }
  return { cls: 'package', label: `package ${packageName(specifier)}`, specifier };
}

/** The literal text of a specifier node, or null when it is computed. */
function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

function advice(from, cls) {
  return ADVICE[`${from}>${cls}`] ?? ADVICE[`*>${cls}`] ?? ADVICE[`${from}>*`] ?? ADVICE['*>*'];
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Deny-by-default import boundaries between the layers of electron/ and renderer/' },
    schema: [],
    messages: {
      unknownLayer: '{{folder}} is not a known layer; add it to eslint/boundaries.mjs and docs/dev/architecture.md',
      strayFile:
        '{{file}} is not in a layer folder: move it into one (electron/domain, electron/services, ...), or add a new layer to eslint/boundaries.mjs and docs/dev/architecture.md',
      refused: '{{layer}} may not import {{target}} ({{what}}): {{advice}}',
      typesOnly: '{{layer}} may import {{target}} only with `import type` ({{what}}): {{advice}}',
      unknownTarget:
        "{{layer}} may not import '{{specifier}}': {{folder}} is not a known layer; add it to eslint/boundaries.mjs and docs/dev/architecture.md",
      unclassified:
        '{{layer}}: this {{kind}} cannot be classified ({{what}}): use a string literal naming a layer, electron, a Node.js built-in or a package',
    },
  },
  create(context) {
    const file = fromRoot(context.filename);
    if (file === null) return {};
    const where = layerOfPath(file, true);
    if (where === null) return {};
    if (where.unknown !== undefined) {
      return {
        Program() {
          context.report({
            loc: { line: 1, column: 0 },
            messageId: where.strayFile ? 'strayFile' : 'unknownLayer',
            data: { folder: where.unknown, file },
          });
        },
      };
    }
    const layer = where.layer;
    const allow = { ...ALLOW[layer], ...(FILE_ALLOW[file] ?? {}) };
    const fileDir = path.dirname(context.filename);

    /** Checks one import; `typeOnly` when it brings in types only. */
    function check(node, specifierNode, typeOnly, kind) {
      const specifier = literalText(specifierNode);
      if (specifier === null) {
        const what = context.sourceCode.getText(specifierNode ?? node);
        context.report({ node, messageId: 'unclassified', data: { layer, kind, what } });
        return;
      }
      const target = classify(specifier, fileDir);
      if (target.cls === 'unclassified') {
        context.report({ node, messageId: 'unclassified', data: { layer, kind, what: `'${specifier}'` } });
        return;
      }
      if (target.cls === 'unknown') {
        context.report({ node, messageId: 'unknownTarget', data: { layer, specifier, folder: target.unknown } });
        return;
      }
      const rule = allow[target.cls];
      const granted = typeof rule === 'function' ? rule(target) : (rule ?? null);
      if (granted === ANY || (granted === TYPES && typeOnly)) return;
      const what = target.resolved === undefined ? `'${specifier}'` : `'${specifier}' is ${target.resolved}`;
      const data = { layer, target: target.label, what, advice: advice(layer, target.cls) };
      context.report({ node, messageId: granted === TYPES ? 'typesOnly' : 'refused', data });
    }

    const everySpecifier = (node, key) => node.specifiers.length > 0 && node.specifiers.every((s) => s[key] === 'type');

    return {
      ImportDeclaration(node) {
        check(node, node.source, node.importKind === 'type' || everySpecifier(node, 'importKind'), 'import');
      },
      ExportNamedDeclaration(node) {
        if (node.source) {
          check(node, node.source, node.exportKind === 'type' || everySpecifier(node, 'exportKind'), 'export');
        }
      },
      ExportAllDeclaration(node) {
        check(node, node.source, node.exportKind === 'type', 'export');
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          check(node, node.moduleReference.expression, node.importKind === 'type', 'import = require()');
        }
      },
      ImportExpression(node) {
        check(node, node.source, false, 'import()');
      },
      // `typeof import('x')` and `import('x').T` in type positions.
      TSImportType(node) {
        check(node, node.source ?? node.argument?.literal, true, 'import() type');
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node, node.arguments[0], false, 'require()');
        }
      },
    };
  },
};

export default {
  meta: { name: 'tessera' },
  rules: { boundaries },
};
