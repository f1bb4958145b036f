// SPDX-License-Identifier: GPL-3.0-or-later
// Generated from electron/domain by `npm run gen:domain` (scripts/lib/renderer-domain.ts); do not edit.
// The window checks what main checks, without importing main-process code.
import type { CodesSort, IconRef, OtpAlgorithm, OtpType, SortableEntry, UsageMap } from '../../electron/domain';

export const MIN_PASSWORD_LENGTH = 10;
export const ENTRY_LIMITS = Object.freeze({
  nameMaxLength: 256,
  tagMaxLength: 64,
  maxTags: 20,
  notesMaxLength: 10000,
  secretMinBytes: 1,
  secretMaxBytes: 1024,
  secretTextMaxLength: 1640,
  uriMaxLength: 4096,
  digitsMin: 5,
  digitsMax: 10,
  defaultDigits: 6,
  periodMin: 1,
  periodMax: 3600,
  defaultPeriod: 30,
  defaultAlgorithm: 'SHA1',
  steamDigits: 5,
  steamPeriod: 30,
  steamAlgorithm: 'SHA1',
  maxEntries: 10000,
  weakSecretBytes: 10,
} as const);
export const ICON_LIMITS = Object.freeze({
  fileMaxBytes: 5242880,
  storedMaxBytes: 131072,
  storedTotalMaxBytes: 8388608,
  maxPixels: 1024,
  packFileMaxBytes: 67108864,
  packUnpackedMaxBytes: 134217728,
  packMemberMaxBytes: 1048576,
  packMaxIcons: 20000,
} as const);
export const SETTINGS_LIMITS = Object.freeze({
  autoLockMinutesMax: 1440,
  clipboardClearSecondsMax: 600,
  backupKeepMax: 100,
  backupFolderMax: 4096,
  clockCorrectionMsMax: 3162240000000,
} as const);
export const QUICK_UNLOCK_LIMITS = Object.freeze({
  pinMinLength: 6,
  pinMaxLength: 64,
  maxFailures: 5,
  everyDaysDefault: 14,
  everyDaysMax: 90,
} as const);
export const OTP_TYPES: readonly OtpType[] = Object.freeze(['totp', 'hotp', 'steam']);
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = Object.freeze(['SHA1', 'SHA256', 'SHA512']);

export function isOtpType(value: unknown): value is OtpType {
  return (OTP_TYPES as readonly unknown[]).includes(value);
}

export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
  return (OTP_ALGORITHMS as readonly unknown[]).includes(value);
}

/** Whether `pin` has the shape of a quick-unlock PIN (electron/domain/quick-unlock.ts). */
export const isPinShaped: (pin: string) => boolean = function isPinShaped(pin) {
  return (
    pin.length >= QUICK_UNLOCK_LIMITS.pinMinLength &&
    pin.length <= QUICK_UNLOCK_LIMITS.pinMaxLength &&
    /^[\p{L}\p{N}]+$/u.test(pin)
  );
};

/** A recovery key as typed, read the way main reads it (electron/domain/recovery-key.ts). */
export const normaliseRecoveryKey: (typed: string) => string = function normaliseRecoveryKey(typed) {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
};

/** Tags in normal form and what makes two the same (electron/domain/tags.ts). */
export const TAG_LIMITS = Object.freeze({ maxLength: 64, maxTags: 20 } as const);
export const normaliseTag: (tag: string) => string = function normaliseTag(tag) {
  return tag.replace(/\s+/gu, ' ').trim();
};
export const normaliseTags: (tags: readonly string[]) => string[] = function normaliseTags(tags) {
  const seen = Object.create(null);
  const out = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    const key = tagKey(tag);
    if (tag === '' || seen[key]) continue;
    seen[key] = true;
    out.push(tag);
  }
  return out;
};
export const tagKey: (tag: string) => string = function tagKey(tag) {
  return normaliseTag(tag).toLocaleLowerCase('en-US');
};
export const tagsProblem: (tags: readonly string[]) => string | null = function tagsProblem(tags) {
  const tooLong = tags.find((tag) => tag.length > TAG_LIMITS.maxLength);
  const normal = normaliseTags(tags);
  if (tags.length > TAG_LIMITS.maxTags) return `An account has at most ${TAG_LIMITS.maxTags} tags.`;
  if (tooLong) return `A tag is at most ${TAG_LIMITS.maxLength} characters long: “${tooLong.slice(0, 20)}…” is longer.`;
  if (tags.some((tag) => /\p{Cc}/u.test(tag))) return 'A tag cannot contain control characters.';
  if (normal.length !== tags.length || normal.some((t, i) => t !== tags[i]))
    return 'Tags must be trimmed and each given once.';
  return null;
};

/** A stable text key of an icon ref (electron/domain/icons.ts). */
export const iconKey: (ref: IconRef) => string = function iconKey(ref) {
  return `${ref.source}:${ref.id}`;
};

/** The order of the codes list, favourites first (electron/domain/codes-order.ts). */
export const sortEntries: <T extends SortableEntry>(entries: readonly T[], sort: CodesSort, usage: UsageMap) => T[] =
  function sortEntries(entries, sort, usage) {
    const collator = new Intl.Collator([], { numeric: true });
    const rows = entries.map((entry, index) => {
      const used = Object.prototype.hasOwnProperty.call(usage, entry.id) ? usage[entry.id] : null;
      return {
        entry,
        index,
        count: used ? used.count : 0,
        lastUsed: used ? used.lastUsed : -1,
      };
    });
    rows.sort((x, y) => {
      const a = x.entry;
      const b = y.entry;
      if (a.favourite !== b.favourite) return a.favourite ? -1 : 1;
      if (sort === 'issuer' || sort === 'account') {
        const keys =
          sort === 'issuer'
            ? [
                [a.issuer, b.issuer],
                [a.account, b.account],
              ]
            : [
                [a.account, b.account],
                [a.issuer, b.issuer],
              ];
        for (const [p = '', q = ''] of keys) {
          if ((p === '') !== (q === '')) return p === '' ? 1 : -1;
          const byName = collator.compare(p, q);
          if (byName !== 0) return byName;
        }
      } else if (sort === 'usage') {
        const byUse = y.count - x.count || y.lastUsed - x.lastUsed;
        if (byUse !== 0) return byUse;
      } else if (sort === 'recent') {
        const byTime = y.lastUsed - x.lastUsed;
        if (byTime !== 0) return byTime;
      }
      if (a.sortOrder !== b.sortOrder) return a.sortOrder - b.sortOrder;
      return collator.compare(a.issuer, b.issuer) || collator.compare(a.account, b.account) || x.index - y.index;
    });
    return rows.map((row) => row.entry);
  };
