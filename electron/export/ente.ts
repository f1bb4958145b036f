// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ente Auth's plain export (docs/formats.md §6): UTF-8 text, one `otpauth://` link per line, each
 * with Ente's `codeDisplay` parameter, as Ente Auth writes it (ente-io/ente `auth/lib/models/code.dart`
 * `Code.copyWith` for the link, `code_display.dart` `CodeDisplay.toJson` for the parameter). It is
 * not encrypted.
 *
 * A link is `otpauth://TYPE/ISSUER:ACCOUNT?algorithm=…&digits=…&issuer=…&period=…&secret=…[&counter=…]&codeDisplay=…`
 * with TYPE `totp`, `hotp` or `steam` (Steam: SHA1, 5 digits, 30 s), the algorithm lower-case as
 * Ente writes it, and both label parts percent-encoded. `issuer` is always written, empty when the
 * account has none, and the label always has its `:`: Ente takes the issuer from the parameter and
 * the account as the label minus "issuer:", so neither an empty issuer nor a `:` in a name is
 * misread. `codeDisplay` is the percent-encoded JSON
 * `{"pinned","trashed":false,"lastUsedAt":0,"tapCount":0,"tags","note","position","iconSrc":"","iconID":""}`:
 * favourite → `pinned`, group → the one tag, notes → `note`, the order → `position`.
 *
 * Ente's plain import splits the whole file at commas when it holds any (a legacy comma-separated
 * form), so no line may contain a literal `,`: every name, note and tag is percent-encoded, which
 * turns `,` into `%2C`.
 *
 * @see docs/formats.md §6
 */
import { ENTRY_LIMITS } from '../domain';
import { base32Encode } from '../otp';
import { exportLabel, type ExportEntry, type ExportWarning } from './types';

/** Ente's `codeDisplay`: how Ente shows a code (code_display.dart `toJson`, in its key order). */
export interface EnteCodeDisplay {
  readonly pinned: boolean;
  readonly trashed: false;
  readonly lastUsedAt: 0;
  readonly tapCount: 0;
  readonly tags: readonly string[];
  readonly note: string;
  readonly position: number;
  readonly iconSrc: '';
  readonly iconID: '';
}

/** The `codeDisplay` of the entry at `position`. */
export function enteCodeDisplay(e: ExportEntry, position: number): EnteCodeDisplay {
  return {
    pinned: e.favourite ?? false,
    trashed: false,
    lastUsedAt: 0,
    tapCount: 0,
    tags: [...(e.tags ?? [])],
    note: e.notes ?? '',
    position,
    iconSrc: '',
    iconID: '',
  };
}

/** The line Ente Auth stores and exports for the entry at `position`. Contains its secret. */
export function enteLink(e: ExportEntry, position: number): string {
  const enc = encodeURIComponent;
  const steam = e.type === 'steam';
  const params = [
    `algorithm=${(steam ? ENTRY_LIMITS.steamAlgorithm : e.algorithm).toLowerCase()}`,
    `digits=${steam ? ENTRY_LIMITS.steamDigits : e.digits}`,
    `issuer=${enc(e.issuer)}`,
    // Ente writes a period on every link (30 on HOTP links, where it is not used).
    `period=${e.type === 'hotp' ? ENTRY_LIMITS.defaultPeriod : steam ? ENTRY_LIMITS.steamPeriod : (e.period ?? ENTRY_LIMITS.defaultPeriod)}`,
    `secret=${base32Encode(e.secret)}`,
    ...(e.type === 'hotp' ? [`counter=${e.counter ?? 0}`] : []),
    `codeDisplay=${enc(JSON.stringify(enteCodeDisplay(e, position)))}`,
  ];
  return `otpauth://${e.type}/${enc(e.issuer)}:${enc(e.account)}?${params.join('&')}`;
}

/** Warnings for what Ente Auth would show differently (never a secret). */
export function enteWarnings(entries: readonly ExportEntry[]): ExportWarning[] {
  return entries.flatMap((e, index) =>
    e.issuer.includes('period=')
      ? [{ index, label: exportLabel(e), reason: 'Ente Auth cuts an issuer at the text “period=”' }]
      : [],
  );
}

/** The export as UTF-8 text, one link per line, ending with a newline. Contains every secret. */
export function exportEnte(entries: readonly ExportEntry[]): Uint8Array {
  const lines = entries.map(enteLink);
  return new TextEncoder().encode(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}
