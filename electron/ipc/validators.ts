// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One validator per invoke channel: the raw payload from the renderer is `unknown` until it passes
 * here. Checks shapes, lengths, enums and id formats only; business rules (digits range, base32)
 * belong to the services, which name the field themselves. The validators of entries and codes are
 * entry-payloads.ts, those of imports and exports import-export-payloads.ts, and the field readers
 * they are built from payload-fields.ts.
 */
import type { QuickUnlockMethod, SettingsPatch } from '../domain';
import { checkSettingsPatch } from '../services/settings';
import type { InvokeChannel, RequestOf } from './contract';
import { copyPayload, entryId, entryIds, entryUpdate, entryUri, newEntry, previewInput } from './entry-payloads';
import { iconImagesPayload, iconPackId, iconSearchPayload, iconSetPayload } from './icon-payloads';
import {
  commitPayload,
  droppedFile,
  exportAuthorize,
  exportQr,
  exportSave,
  openFilesPayload,
  pastedText,
} from './import-export-payloads';
import {
  invalid,
  isRecord,
  LIMITS,
  noPayload,
  onlyKeys,
  passwordPayload,
  requiredNullableStr,
  str,
  valid,
  type Validation,
} from './payload-fields';

export { LIMITS, type Validation } from './payload-fields';

export type Validators = { readonly [C in InvokeChannel]: (raw: unknown) => Validation<RequestOf<C>> };

function settingsPatch(raw: unknown): Validation<SettingsPatch> {
  const checked = checkSettingsPatch(raw);
  if (!checked.ok) return invalid(checked.message);
  // Another backup folder is chosen in main's folder dialog, never named by the renderer.
  if (checked.value.backupFolder !== undefined && checked.value.backupFolder !== '') {
    return invalid("'backupFolder' can only be reset; choose a folder with the folder dialog");
  }
  // Only a measured offset may become the correction (`clock:use-corrected`), never a number from the renderer.
  if (checked.value.clockCorrection !== undefined) {
    return invalid("'clockCorrection' is set with “Use the corrected time”, not as a setting");
  }
  return valid(checked.value);
}

/** Both fields are read before any is judged, and neither is quoted back (both are secrets). */
function recoverPayload(raw: unknown): Validation<{ recoveryKey: string; newPassword: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['recoveryKey', 'newPassword']);
  if (extra) return invalid(extra);
  const recoveryKey = str(raw, 'recoveryKey', LIMITS.recoveryKey, true);
  const newPassword = str(raw, 'newPassword', LIMITS.password, true);
  if (recoveryKey instanceof Error) return invalid(recoveryKey.message);
  if (newPassword instanceof Error) return invalid(newPassword.message);
  return valid({ recoveryKey: recoveryKey as string, newPassword: newPassword as string });
}

/**
 * A conflict copy's file name (main looks it up among the copies it named, in the vault's folder:
 * never a path) and its password, which is not quoted back.
 */
function mergeCopyPayload(raw: unknown): Validation<{ file: string; password: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['file', 'password']);
  if (extra) return invalid(extra);
  const file = str(raw, 'file', LIMITS.fileName, true);
  const password = str(raw, 'password', LIMITS.password, true);
  if (file instanceof Error) return invalid(file.message);
  if (password instanceof Error) return invalid(password.message);
  if (!file || file === '.' || file === '..' || /[/\\]/.test(file as string) || (file as string).includes('\0')) {
    return invalid("'file' must be a file name, not a path");
  }
  return valid({ file: file as string, password: password as string });
}

/** The password of the vault copy already in the chosen folder, or null; not quoted back. */
function moveMergePayload(raw: unknown): Validation<{ password: string | null }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['password']);
  if (extra) return invalid(extra);
  const password = requiredNullableStr(raw, 'password', LIMITS.password);
  return password instanceof Error ? invalid(password.message) : valid({ password });
}

const QUICK_UNLOCK_METHODS: Readonly<Record<QuickUnlockMethod, true>> = { pin: true, 'touch-id': true };

function isQuickUnlockMethod(value: unknown): value is QuickUnlockMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(QUICK_UNLOCK_METHODS, value);
}

/**
 * The method, the PIN (null for Touch ID) and the master password. Only the PIN's size is bounded
 * here: whether it has a PIN's shape, and whether it goes with the method, is the quick-unlock
 * service's to say in a sentence. Neither secret is quoted back.
 */
function quickUnlockEnable(
  raw: unknown,
): Validation<{ method: QuickUnlockMethod; pin: string | null; password: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['method', 'pin', 'password']);
  if (extra) return invalid(extra);
  if (!isQuickUnlockMethod(raw['method'])) return invalid("'method' must be pin or touch-id");
  const pin = requiredNullableStr(raw, 'pin', LIMITS.pin);
  const password = str(raw, 'password', LIMITS.password, true);
  if (pin instanceof Error) return invalid(pin.message);
  if (password instanceof Error) return invalid(password.message);
  return valid({ method: raw['method'], pin, password: password as string });
}

/** The PIN, or null for Touch ID; bounded in size only, never quoted back. */
function quickUnlockUnlock(raw: unknown): Validation<{ pin: string | null }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['pin']);
  if (extra) return invalid(extra);
  const pin = requiredNullableStr(raw, 'pin', LIMITS.pin);
  return pin instanceof Error ? invalid(pin.message) : valid({ pin });
}

export const validators: Validators = {
  'vault:status': noPayload,
  'vault:create': passwordPayload,
  'vault:unlock': passwordPayload,
  'vault:lock': noPayload,
  'vault:use-previous': noPayload,
  'vault:location': noPayload,
  'vault:move': noPayload,
  'vault:move-merge': moveMergePayload,
  'vault:choose-folder': noPayload,
  'vault:choose-file': noPayload,
  'vault:change-password': (raw) => {
    if (!isRecord(raw)) return invalid('Expected an object');
    const extra = onlyKeys(raw, ['current', 'next']);
    if (extra) return invalid(extra);
    const current = str(raw, 'current', LIMITS.password, true);
    const next = str(raw, 'next', LIMITS.password, true);
    if (current instanceof Error) return invalid(current.message);
    if (next instanceof Error) return invalid(next.message);
    return valid({ current: current as string, next: next as string });
  },
  'vault:recover': recoverPayload,
  'vault:create-recovery-key': passwordPayload,
  'vault:save-recovery-key': noPayload,
  'vault:forget-recovery-key': noPayload,
  'vault:remove-recovery-key': passwordPayload,
  'vault:merge-copy': mergeCopyPayload,
  'quick-unlock:status': noPayload,
  'quick-unlock:enable': quickUnlockEnable,
  'quick-unlock:disable': noPayload,
  'quick-unlock:unlock': quickUnlockUnlock,
  'entries:list': noPayload,
  'entries:add': newEntry,
  'entries:add-uri': entryUri,
  'entries:update': entryUpdate,
  'entries:remove': entryId,
  'entries:undo-remove': entryId,
  'entries:reorder': entryIds,
  'icons:images': iconImagesPayload,
  'icons:search': iconSearchPayload,
  'icons:set': iconSetPayload,
  'icons:set-from-file': entryId,
  'icons:packs': noPayload,
  'icons:import-pack': noPayload,
  'icons:remove-pack': iconPackId,
  'codes:current': noPayload,
  'codes:copy': copyPayload,
  'codes:usage': noPayload,
  'codes:next-hotp': entryId,
  'codes:preview': previewInput,
  'settings:get': noPayload,
  'settings:update': settingsPatch,
  'app:activity': noPayload,
  'imports:open-files': openFilesPayload,
  'imports:read-file': droppedFile,
  'imports:paste': noPayload,
  'imports:scan-screen': noPayload,
  'imports:read-text': pastedText,
  'imports:file-password': passwordPayload,
  'imports:codes': noPayload,
  'imports:commit': commitPayload,
  'imports:cancel': noPayload,
  'imports:formats': noPayload,
  'exports:authorize': exportAuthorize,
  'exports:save': exportSave,
  'exports:qr': exportQr,
  'exports:end': noPayload,
  'backups:status': noPayload,
  'backups:choose-folder': noPayload,
  'backups:use-default-folder': noPayload,
  'backups:run-now': noPayload,
  'clock:status': noPayload,
  'clock:check': noPayload,
  'clock:use-corrected': noPayload,
  'clock:use-system': noPayload,
};
