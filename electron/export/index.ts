// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exports and backups: the public surface for the desktop services and the CLI. Every exporter
 * takes entries (`UnlockedVault.entries()` fits) and returns bytes or links; nothing here asks for
 * passwords or touches the vault file except `backups.ts`, which copies it.
 *
 * @see docs/formats.md §1 (Aegis), §2 (Google transfer codes), §3 (2FAS), §5 (Bitwarden), §6 (Ente Auth),
 * §7 (otpauth links)
 */
export * from './types';
export {
  exportEntries,
  formatCarriesPictures,
  pictureBytes,
  resolvedPictures,
  type ShownPicture,
} from './export-entries';
export { AEGIS_SCRYPT, aegisContent, exportAegisEncrypted, exportAegisPlain, type AegisExportOptions } from './aegis';
export {
  exportTwoFasEncrypted,
  exportTwoFasPlain,
  TWO_FAS_CRYPTO,
  TWO_FAS_MAX_COUNTER,
  TWO_FAS_REFERENCE,
  twoFasContent,
  twoFasLosses,
  twoFasProblem,
  twoFasWarnings,
  type TwoFasExportOptions,
} from './two-fas';
export {
  BITWARDEN_HOTP_FIELD,
  bitwardenContent,
  bitwardenTotp,
  bitwardenWarnings,
  exportBitwarden,
  type BitwardenExportOptions,
} from './bitwarden';
export { enteCodeDisplay, enteLink, enteWarnings, exportEnte, type EnteCodeDisplay } from './ente';
export { exportKeePass } from './keepass';
export {
  exportMigration,
  migrationPngName,
  migrationProblem,
  MIGRATION_BATCH_LIMIT,
  type MigrationExport,
} from './migration-qr';
export { entryUris, exportUriList, URI_LIST_WARNING } from './uri-list';
export { readBackup, writeTesseraBackup, type BackupVaultOptions } from './tessera-backup';
export { applyIconChoices, planRestore, type RestorePlan } from './restore';
export { qrPng } from './qr';
export {
  BACKUP_DEFAULTS,
  BackupError,
  backupFileName,
  checkBackup,
  defaultBackupDir,
  listBackups,
  newestGoodBackup,
  pruneBackups,
  writeBackup,
  type BackupInfo,
  type BackupResult,
  type BackupSource,
  type WriteBackupOptions,
} from './backups';
export {
  createAutoBackup,
  createBackupScheduler,
  type AutoBackupOptions,
  type BackupScheduler,
  type BackupSchedulerOptions,
} from './backup-scheduler';
