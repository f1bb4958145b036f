// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The OTP engine: base32, code generation and snapshots, `otpauth://` links and entry validation.
 * Plain Node (no Electron): the main process, the CLI and the importers use it as is.
 */
export { Base32Error, base32Decode, base32Encode } from './base32';
export {
  codeSnapshot,
  codesForEntries,
  generateCode,
  NEXT_CODE_WINDOW_MS,
  STEAM_ALPHABET,
  type CodeSource,
  type SnapshotOptions,
} from './generate';
export { OtpUriError, parseOtpauthUri, toOtpauthUri, type ParsedOtpUri } from './uri';
export { MigrationError } from './migration-error';
export * from './migration-protobuf';
export * from './migration';
export {
  validateEntryInput,
  validateTags,
  type EntryValidation,
  type ValidationWarning,
  type ValidEntry,
} from './validate';
