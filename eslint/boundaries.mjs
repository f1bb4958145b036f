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
 *   domain    electron/domain          plain types and logic shared by every process (the renderer: types)
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
 * Adding a layer: add its folder to ELECTRON_FOLDERS and its row to ALLOW (eslint/layers.mjs), and the layer to
 * docs/dev/architecture.md.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADVICE, ALLOW, ANY, CONTRACT, ELECTRON_FOLDERS, FILE_ALLOW, TYPES } from './layers.mjs';

/** The repository root: this file lives in <root>/eslint/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
      unknownLayer: '{{folder}} is not a known layer; add it to eslint/layers.mjs and docs/dev/architecture.md',
      strayFile:
        '{{file}} is not in a layer folder: move it into one (electron/domain, electron/services, ...), or add a new layer to eslint/layers.mjs and docs/dev/architecture.md',
      refused: '{{layer}} may not import {{target}} ({{what}}): {{advice}}',
      typesOnly: '{{layer}} may import {{target}} only with `import type` ({{what}}): {{advice}}',
      unknownTarget:
        "{{layer}} may not import '{{specifier}}': {{folder}} is not a known layer; add it to eslint/layers.mjs and docs/dev/architecture.md",
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
