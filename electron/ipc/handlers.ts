// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every invoke channel mapped to a service call. The `Handlers` mapped type makes this exhaustive:
 * a channel added to the contract without a handler here does not compile.
 */
import type { AppServices } from '../services/app-services';
import { toIpcError } from '../services/error-report';
import type { Result } from './contract';
import type { Handlers } from './dispatch';
import { ok } from './result';

/** Runs a service call and turns expected failures into `Result` values; bugs still throw. */
async function attempt<T>(fn: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (error) {
    return { ok: false, error: toIpcError(error) };
  }
}

export function createHandlers(services: AppServices): Handlers {
  return {
    'vault:status': () => attempt(() => services.vault.status()),
    'vault:create': ({ password }) => attempt(() => services.vault.create(password)),
    'vault:unlock': ({ password }) => attempt(() => services.vault.unlock(password)),
    'vault:lock': () => attempt(() => services.lock('manual')),
    'vault:use-previous': () => attempt(() => services.vault.usePrevious()),
    'vault:location': () => attempt(() => services.location.view()),
    'vault:move': () => attempt(() => services.location.move()),
    'vault:move-merge': ({ password }) => attempt(() => services.location.moveMerge(password)),
    'vault:choose-folder': () => attempt(() => services.location.chooseFolder()),
    'vault:choose-file': () => attempt(() => services.location.chooseFile()),
    'vault:change-password': ({ current, next }) =>
      attempt(async () => {
        await services.changePassword(current, next);
        return null;
      }),
    'vault:recover': ({ recoveryKey, newPassword }) => attempt(() => services.recover(recoveryKey, newPassword)),
    // The one answer that carries the recovery key's text (shown once); no other answer or event does.
    'vault:create-recovery-key': ({ password }) => attempt(() => services.recoveryKeys.create(password)),
    'vault:save-recovery-key': () => attempt(() => services.recoveryKeys.save()),
    'vault:forget-recovery-key': () =>
      attempt(() => {
        services.recoveryKeys.forget();
        return null;
      }),
    'vault:remove-recovery-key': ({ password }) => attempt(() => services.recoveryKeys.remove(password)),
    'vault:merge-copy': ({ file, password }) =>
      attempt(() => services.conflictCopies.mergeWithPassword(file, password)),
    'quick-unlock:status': () => attempt(() => services.quickUnlock.status()),
    'quick-unlock:enable': ({ method, pin, password }) =>
      attempt(() => services.quickUnlock.enable(method, pin, password)),
    'quick-unlock:disable': () => attempt(() => services.quickUnlock.disable()),
    'quick-unlock:unlock': ({ pin }) => attempt(() => services.quickUnlock.unlock(pin)),
    'entries:list': () => attempt(() => services.entries.list()),
    'entries:add': (input) => attempt(() => services.entries.add(input)),
    'entries:add-uri': ({ uri }) => attempt(() => services.entries.addUri(uri)),
    'entries:update': ({ id, patch }) => attempt(() => services.entries.update(id, patch)),
    'entries:remove': ({ id }) => attempt(async () => ({ undoSeconds: await services.entries.remove(id) })),
    'entries:undo-remove': ({ id }) => attempt(() => services.entries.undoRemove(id)),
    'entries:reorder': ({ ids }) => attempt(() => services.entries.reorder(ids)),
    'icons:images': ({ refs }) => attempt(() => services.icons.images(refs)),
    'icons:search': ({ query }) => attempt(() => services.icons.search(query)),
    'icons:set': ({ id, pick }) => attempt(() => services.icons.set(id, pick)),
    'icons:set-from-file': ({ id }) => attempt(() => services.icons.setFromFile(id)),
    'icons:packs': () => attempt(() => services.icons.packs()),
    'icons:import-pack': () => attempt(() => services.icons.importPack()),
    'icons:remove-pack': ({ id }) => attempt(() => services.icons.removePack(id)),
    'codes:current': () => attempt(() => services.codes.current()),
    'codes:copy': ({ id, next }) =>
      attempt(async () => ({
        clearAfterSeconds: await services.codes.copy(id, next === undefined ? {} : { next }),
      })),
    'codes:usage': () => attempt(() => services.codes.usage()),
    'codes:next-hotp': ({ id }) => attempt(() => services.codes.nextHotp(id)),
    'codes:preview': (input) => attempt(() => services.codes.preview(input)),
    'settings:get': () => attempt(() => services.settings.view()),
    'settings:update': (patch) => attempt(() => services.settings.update(patch)),
    'app:activity': () =>
      attempt(() => {
        services.autoLockEvent('activity');
        return null;
      }),
    'imports:open-files': (req) => attempt(() => services.imports.openFiles(req?.format)),
    'imports:read-file': ({ name, bytes, format }) => attempt(() => services.imports.readFile(name, bytes, format)),
    'imports:paste': () => attempt(() => services.imports.paste()),
    'imports:scan-screen': () => attempt(() => services.imports.scanScreen()),
    'imports:read-text': ({ text }) => attempt(() => services.imports.readText(text)),
    'imports:file-password': ({ password }) => attempt(() => services.imports.filePassword(password)),
    'imports:codes': () => attempt(() => services.imports.codes()),
    'imports:commit': ({ keys, mode }) => attempt(() => services.imports.commit(keys, mode)),
    'imports:cancel': () =>
      attempt(() => {
        services.imports.cancel();
        return null;
      }),
    'imports:formats': () => attempt(() => services.imports.formats()),
    'exports:authorize': ({ password, ids }) => attempt(() => services.exports.authorize(password, ids)),
    'exports:save': ({ format, exportPassword }) => attempt(() => services.exports.save(format, exportPassword)),
    'exports:qr': ({ kind, index }) => attempt(() => services.exports.qr(kind, index)),
    'exports:end': () =>
      attempt(() => {
        services.exports.end();
        return null;
      }),
    'backups:status': () => attempt(() => services.backups.status()),
    'backups:choose-folder': () => attempt(() => services.backups.chooseFolder()),
    'backups:use-default-folder': () => attempt(() => services.backups.useDefaultFolder()),
    'backups:run-now': () => attempt(() => services.backups.runNow()),
    'clock:status': () => attempt(() => services.clock.status()),
    'clock:check': () => attempt(() => services.clock.checkNow()),
    'clock:use-corrected': () => attempt(() => services.clock.useCorrected()),
    'clock:use-system': () => attempt(() => services.clock.useSystemClock()),
  };
}
