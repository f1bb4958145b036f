// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Writes the text of renderer/shared/domain-values.ts: the domain's rules the window checks as you
 * type (limits, the OTP types and algorithms, the password minimum, the shape of a quick-unlock PIN,
 * how a typed recovery key is read), as plain data and as copies of the domain functions' own
 * source (Function.prototype.toString), so no rule is written twice by hand. The renderer
 * imports no runtime code from electron/ — only types — so these numbers reach it as a generated
 * module instead; `test/renderer/lib/domain-values.test.ts` fails when it is out of date.
 */
import { format, resolveConfig } from 'prettier';
import {
  ENTRY_LIMITS,
  ICON_LIMITS,
  iconKey,
  isPinShaped,
  MIN_PASSWORD_LENGTH,
  normaliseRecoveryKey,
  OTP_ALGORITHMS,
  OTP_TYPES,
  QUICK_UNLOCK_LIMITS,
  SETTINGS_LIMITS,
  normaliseTag,
  normaliseTags,
  sortEntries,
  tagKey,
  TAG_LIMITS,
  tagsProblem,
} from '../../electron/domain';

export const RENDERER_DOMAIN_FILE = 'renderer/shared/domain-values.ts';

const json = (value: unknown): string => JSON.stringify(value);

/** The module's text, formatted as the repository formats TypeScript. */
export async function renderDomainValues(root: string): Promise<string> {
  const text = `// SPDX-License-Identifier: GPL-3.0-or-later
// Generated from electron/domain by \`npm run gen:domain\` (scripts/lib/renderer-domain.ts); do not edit.
// The window checks what main checks, without importing main-process code.
import type { CodesSort, IconRef, OtpAlgorithm, OtpType, SortableEntry, UsageMap } from '../../electron/domain';

export const MIN_PASSWORD_LENGTH = ${json(MIN_PASSWORD_LENGTH)};
export const ENTRY_LIMITS = Object.freeze(${json(ENTRY_LIMITS)} as const);
export const ICON_LIMITS = Object.freeze(${json(ICON_LIMITS)} as const);
export const SETTINGS_LIMITS = Object.freeze(${json(SETTINGS_LIMITS)} as const);
export const QUICK_UNLOCK_LIMITS = Object.freeze(${json(QUICK_UNLOCK_LIMITS)} as const);
export const OTP_TYPES: readonly OtpType[] = Object.freeze(${json(OTP_TYPES)});
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = Object.freeze(${json(OTP_ALGORITHMS)});

export function isOtpType(value: unknown): value is OtpType {
  return (OTP_TYPES as readonly unknown[]).includes(value);
}

export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
  return (OTP_ALGORITHMS as readonly unknown[]).includes(value);
}

/** Whether \`pin\` has the shape of a quick-unlock PIN (electron/domain/quick-unlock.ts). */
export const isPinShaped: (pin: string) => boolean = ${isPinShaped.toString()};

/** A recovery key as typed, read the way main reads it (electron/domain/recovery-key.ts). */
export const normaliseRecoveryKey: (typed: string) => string = ${normaliseRecoveryKey.toString()};

/** Tags in normal form and what makes two the same (electron/domain/tags.ts). */
export const TAG_LIMITS = Object.freeze(${json(TAG_LIMITS)} as const);
export const normaliseTag: (tag: string) => string = ${normaliseTag.toString()};
export const normaliseTags: (tags: readonly string[]) => string[] = ${normaliseTags.toString()};
export const tagKey: (tag: string) => string = ${tagKey.toString()};
export const tagsProblem: (tags: readonly string[]) => string | null = ${tagsProblem.toString()};

/** A stable text key of an icon ref (electron/domain/icons.ts). */
export const iconKey: (ref: IconRef) => string = ${iconKey.toString()};

/** The order of the codes list, favourites first (electron/domain/codes-order.ts). */
export const sortEntries: <T extends SortableEntry>(entries: readonly T[], sort: CodesSort, usage: UsageMap) => T[] =
  ${sortEntries.toString()};
`;
  const file = `${root}/${RENDERER_DOMAIN_FILE}`;
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}
