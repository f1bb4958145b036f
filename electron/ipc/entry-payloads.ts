// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The validators of the payloads about entries and codes (validators.ts lists them by channel): an
 * entry id, a code to copy, a new entry, an edit, a link to add, a display order and the add form's
 * code preview.
 * Shapes, lengths and enums only; the services check the business rules and name the field.
 */
import { isOtpAlgorithm, isOtpType, type CodePreviewInput, type EntryPatch, type NewEntryInput } from '../domain';
import {
  bool,
  collect,
  entryIdList,
  iconChoice,
  int,
  invalid,
  isRecord,
  LIMITS,
  onlyKeys,
  str,
  strList,
  UUID_RE,
  valid,
  type Validation,
} from './payload-fields';

export function entryId(raw: unknown): Validation<{ id: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['id']);
  if (extra) return invalid(extra);
  return typeof raw.id === 'string' && UUID_RE.test(raw.id)
    ? valid({ id: raw.id })
    : invalid("'id' is not an entry id");
}

export function newEntry(raw: unknown): Validation<NewEntryInput> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, [
    'type',
    'issuer',
    'account',
    'secret',
    'algorithm',
    'digits',
    'period',
    'counter',
    'tags',
    'notes',
    'favourite',
  ]);
  if (extra) return invalid(extra);
  if (!isOtpType(raw.type)) return invalid("'type' must be totp, hotp or steam");
  if (raw.algorithm !== undefined && !isOtpAlgorithm(raw.algorithm)) {
    return invalid("'algorithm' must be SHA1, SHA256 or SHA512");
  }
  return collect<NewEntryInput>({
    type: raw.type,
    issuer: str(raw, 'issuer', LIMITS.text, true),
    account: str(raw, 'account', LIMITS.text, true),
    secret: str(raw, 'secret', LIMITS.secret, true),
    algorithm: raw.algorithm,
    digits: int(raw, 'digits'),
    period: int(raw, 'period'),
    counter: int(raw, 'counter'),
    tags: strList(raw, 'tags', LIMITS.tags, LIMITS.tag),
    notes: str(raw, 'notes', LIMITS.notes, false),
    favourite: bool(raw, 'favourite'),
  });
}

/** The OTP parameters of the add form's live preview: no names, no notes. */
export function previewInput(raw: unknown): Validation<CodePreviewInput> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['type', 'secret', 'algorithm', 'digits', 'period', 'counter']);
  if (extra) return invalid(extra);
  if (!isOtpType(raw.type)) return invalid("'type' must be totp, hotp or steam");
  if (raw.algorithm !== undefined && !isOtpAlgorithm(raw.algorithm)) {
    return invalid("'algorithm' must be SHA1, SHA256 or SHA512");
  }
  return collect<CodePreviewInput>({
    type: raw.type,
    secret: str(raw, 'secret', LIMITS.secret, true),
    algorithm: raw.algorithm,
    digits: int(raw, 'digits'),
    period: int(raw, 'period'),
    counter: int(raw, 'counter'),
  });
}

/** A display order: entry ids, each once. Whether they are all the entries is the service's check. */
export function entryIds(raw: unknown): Validation<{ ids: readonly string[] }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['ids']);
  if (extra) return invalid(extra);
  const ids = entryIdList(raw, 'ids');
  if (ids === undefined) return invalid("'ids' must be a list of entry ids");
  return ids instanceof Error ? invalid(ids.message) : valid({ ids });
}

/** Which code to copy: the current one, or with `next` the next period's. */
export function copyPayload(raw: unknown): Validation<{ id: string; next?: boolean }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['id', 'next']);
  if (extra) return invalid(extra);
  if (typeof raw.id !== 'string' || !UUID_RE.test(raw.id)) return invalid("'id' is not an entry id");
  const next = bool(raw, 'next');
  if (next instanceof Error) return invalid(next.message);
  return valid(next === undefined ? { id: raw.id } : { id: raw.id, next });
}

function patch(raw: unknown): Validation<EntryPatch> {
  if (!isRecord(raw)) return invalid("'patch' must be an object");
  const extra = onlyKeys(raw, ['issuer', 'account', 'tags', 'icon', 'notes', 'favourite']);
  if (extra) return invalid(extra);
  // `icon: null` (automatic) is a change, so it is kept: collect() drops only undefined.
  return collect<EntryPatch>({
    issuer: str(raw, 'issuer', LIMITS.text, false),
    account: str(raw, 'account', LIMITS.text, false),
    tags: strList(raw, 'tags', LIMITS.tags, LIMITS.tag),
    icon: iconChoice(raw, 'icon'),
    notes: str(raw, 'notes', LIMITS.notes, false),
    favourite: bool(raw, 'favourite'),
  });
}

/** An edit of one entry: its id and the patch. */
export function entryUpdate(raw: unknown): Validation<{ id: string; patch: EntryPatch }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['id', 'patch']);
  if (extra) return invalid(extra);
  const id = entryId({ id: raw.id });
  if (!id.ok) return id;
  const p = patch(raw.patch);
  return p.ok ? valid({ id: id.value.id, patch: p.value }) : p;
}

/** An `otpauth://` link to add. */
export function entryUri(raw: unknown): Validation<{ uri: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['uri']);
  if (extra) return invalid(extra);
  const uri = str(raw, 'uri', LIMITS.uri, true);
  return uri instanceof Error ? invalid(uri.message) : valid({ uri: uri as string });
}
