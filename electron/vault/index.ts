// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The encrypted vault: the public surface for the desktop services and the CLI
 * (docs/dev/vault-api.md). Everything else in this folder is internal.
 */
export type {
  VaultEntry,
  OtpParameters,
  NewVaultEntry,
  EntryChangeTimes,
  Tombstone,
  IconMime,
  StoredIcon,
  IconImageInput,
  VaultContents,
} from './entry';
export { ENTRY_CHANGE_PARTS, TOMBSTONE_RETENTION_MS } from './entry';
export { MAX_CONFLICT_NOTES, MAX_NOTES_SUPERSEDED, MAX_TOMBSTONES } from './record-limits';
export { notesDigest } from './notes-digest';
export { iconIdOf } from './stored-icons';
export { VaultError, EntryValidationError, vaultErrorReport } from './errors';
export { VaultLockedError } from '../domain';
export type { VaultErrorKind, VaultErrorReason } from './errors';
export {
  KDF_DEFAULT,
  KDF_FLOOR,
  KDF_CEILING,
  KDF_CALIBRATION_LADDER,
  KDF_ENGINE_NATIVE,
  KDF_ENGINE_WEBASSEMBLY,
  KDF_STRONGER_HEADROOM,
  createInlineKdf,
  calibrateKdfParams,
  chooseKdfParams,
  raisedKdfParams,
  sameKdfParams,
  kdfParamsInBounds,
} from './kdf';
export type { Kdf, KdfParams, KdfMeasurement, CalibrationOptions } from './kdf';
export { createWorkerKdf } from './kdf-worker';
export { createDefaultKdf, sharedDefaultKdf } from './kdf-default';
export type { ClosableKdf, DefaultKdfOptions } from './kdf-default';
export { createNativeKdf, loadNativeArgon2 } from './kdf-native';
export type { NativeArgon2 } from './kdf-native';
export {
  KDF_CONFIG_FILE_NAME,
  kdfConfigPath,
  machineKdfParams,
  machineKdfRaiser,
  readMachineKdfParams,
  writeMachineKdfParams,
} from './kdf-config';
export type { WorkerKdfOptions } from './kdf-worker';
export { vaultFilePresentPatiently } from './patient-read';
export {
  createVault,
  unlockVault,
  inspectVault,
  vaultFileState,
  isVaultBytes,
  checkVaultBytes,
  readVaultContents,
  readVaultEntries,
  readVaultFileContents,
  readVaultFileEntries,
  recoverVault,
  unlockVaultWithWrap,
  readVaultId,
} from './vault';
export type { DataKeyWrap } from './quick-unlock-wrap';
export { formatRecoveryKey, parseRecoveryKey, recoveryKeyPair, RecoveryKeyFormatError } from './recovery';
export type { VaultOptions, VaultInfo } from './vault';
export type { UnlockedVault, ChangePasswordOptions, MergeCopyOptions, MergeOutcome } from './session-types';
export { unmergedCopyName, isUnmergedCopyName } from './unmerged-copy';
export { isFolder } from './storage';
export { writePrivateFile, type PrivateFileOptions } from './private-file';
export { assertLinkedFolderExists, previousGenerationPath, resolveVaultFile } from './vault-links';
export { FORMAT_VERSION, READABLE_FORMAT_VERSIONS } from './format';
export { MAX_PASSWORD_SLOTS, KDF_WORK_BUDGET } from './kdf-budget';
export { nextLockDecision, initialAutoLockState, msUntilIdleLock, DEFAULT_AUTOLOCK_SETTINGS } from './autolock';
export type { AutoLockSettings, AutoLockEvent, AutoLockState, LockDecision } from './autolock';
