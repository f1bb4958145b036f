// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Why a Google Authenticator transfer code cannot be read, in plain words for the person and a
 * technical sentence for "Details" (migration.ts reads the link, migration-protobuf.ts its payload).
 */

/**
 * A transfer code that cannot be read; `code` says which layer failed. The message says so in plain
 * words; `details` is the technical sentence (the parameter, the encoding) for "Details". Neither
 * ever holds a secret.
 */
export class MigrationError extends Error {
  constructor(
    readonly code: 'uri' | 'base64' | 'protobuf',
    message: string,
    readonly details: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * What is wrong with a transfer link or code, and what to do. Said of "it": the caller names it ("This
 * QR code holds a Google Authenticator transfer code that cannot be used.", "line 3: …").
 */
export const DAMAGED_LINK = 'It is damaged or incomplete: copy or scan it again.';
export const DAMAGED_CODE =
  'It is damaged or was not made by Google Authenticator: make a new export in Google Authenticator and scan it again.';
