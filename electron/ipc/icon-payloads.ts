// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The validators of the `icons:*` payloads (validators.ts lists them by channel): the refs whose
 * pictures the window wants, the picker's query, an icon pick for an account, and an icon pack's
 * id. Shapes and lengths only: whether an icon exists is the icons service's to say. The window
 * never names a file or an address; the dialogs in main choose files.
 */
import { BUNDLED_ICON_ID_RE, type IconPick, type IconRef } from '../domain';
import { entryId } from './entry-payloads';
import { invalid, isRecord, LIMITS, onlyKeys, valid, type Validation } from './payload-fields';

/** Longest picker query. */
export const ICON_QUERY_MAX = 200;

/** A custom icon's id: the SHA-256 of its bytes, lower-case hex. */
const CUSTOM_ID = /^[0-9a-f]{64}$/;
/** An icon pack's id: its UUID, lower-case (any version: packs make their own). */
export const PACK_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A pack icon's id: `<pack uuid>/<path in the pack>`, a relative path of printable characters. */
/* eslint-disable no-control-regex -- the characters refused or removed are control characters */
const PACK_ICON_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(?!\/)[^\\\u0000-\u001f\u007f]{1,512}$/;
/* eslint-enable no-control-regex */

const SOURCES: Readonly<Record<IconRef['source'], RegExp>> = {
  bundled: BUNDLED_ICON_ID_RE,
  pack: PACK_ICON_ID,
  custom: CUSTOM_ID,
};

function iconRef(raw: unknown): IconRef | null {
  if (!isRecord(raw) || onlyKeys(raw, ['source', 'id']) !== null) return null;
  const { source, id } = raw;
  if (typeof source !== 'string' || !Object.prototype.hasOwnProperty.call(SOURCES, source)) return null;
  if (typeof id !== 'string' || !SOURCES[source as IconRef['source']].test(id)) return null;
  return { source: source as IconRef['source'], id };
}

/** The refs whose pictures the window wants: at most one per account a vault holds. */
export function iconImagesPayload(raw: unknown): Validation<{ refs: readonly IconRef[] }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['refs']);
  if (extra) return invalid(extra);
  if (!Array.isArray(raw.refs) || raw.refs.length > LIMITS.entries) return invalid("'refs' must be a list of icons");
  const refs: IconRef[] = [];
  for (const item of raw.refs as unknown[]) {
    const ref = iconRef(item);
    if (ref === null) return invalid("'refs' holds something that is not an icon");
    refs.push(ref);
  }
  return valid({ refs });
}

/** The picker's query. */
export function iconSearchPayload(raw: unknown): Validation<{ query: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['query']);
  if (extra) return invalid(extra);
  if (typeof raw.query !== 'string') return invalid("'query' must be text");
  if (raw.query.length > ICON_QUERY_MAX) return invalid(`'query' is longer than ${ICON_QUERY_MAX} characters`);
  return valid({ query: raw.query });
}

function iconPick(raw: unknown): IconPick | undefined {
  if (raw === null) return null;
  if (!isRecord(raw)) return undefined;
  if (raw.kind === 'letter') return onlyKeys(raw, ['kind']) === null ? { kind: 'letter' } : undefined;
  if (onlyKeys(raw, ['kind', 'id']) !== null || typeof raw.id !== 'string') return undefined;
  const { id } = raw;
  switch (raw.kind) {
    case 'bundled':
      return BUNDLED_ICON_ID_RE.test(id) ? { kind: 'bundled', id } : undefined;
    case 'custom':
      return CUSTOM_ID.test(id) ? { kind: 'custom', id } : undefined;
    case 'pack':
      return PACK_ICON_ID.test(id) ? { kind: 'pack', id } : undefined;
    default:
      return undefined;
  }
}

/** An account and the icon picked for it. */
export function iconSetPayload(raw: unknown): Validation<{ id: string; pick: IconPick }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['id', 'pick']);
  if (extra) return invalid(extra);
  const id = entryId({ id: raw.id });
  if (!id.ok) return id;
  if (!Object.prototype.hasOwnProperty.call(raw, 'pick')) return invalid("'pick' is missing");
  const pick = iconPick(raw.pick);
  if (pick === undefined) return invalid("'pick' is not an icon choice");
  return valid({ id: id.value.id, pick });
}

/** An icon pack's id. */
export function iconPackId(raw: unknown): Validation<{ id: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['id']);
  if (extra) return invalid(extra);
  return typeof raw.id === 'string' && PACK_UUID.test(raw.id)
    ? valid({ id: raw.id })
    : invalid("'id' is not an icon pack id");
}
