// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bounds on the parts of the vault's v2 record that exist for merging copies (docs/vault-format.md
 * §6): conflict notes, superseded-notes digests and tombstones. The reader refuses more than these
 * (`corrupt`), so a damaged or hostile file cannot make Tessera hold unbounded lists; every writer
 * (an edit here, a merge in merge.ts) keeps within them.
 */

/** Conflict notes one entry keeps at most (each at most ENTRY_LIMITS.notesMaxLength long). */
export const MAX_CONFLICT_NOTES = 20;

/**
 * Superseded-notes digests one entry keeps at most. An edit that would go beyond drops the
 * smallest others (the list is sorted): a copy that old may then show its notes as a conflict note.
 */
export const MAX_NOTES_SUPERSEDED = 1000;

/**
 * Tombstones one vault keeps at most. A removal that would go beyond drops the oldest: a copy that
 * still has that entry could then bring it back, as after the retention time.
 */
export const MAX_TOMBSTONES = 100_000;

/** A `notesDigest`: 16 lower-case hex digits. */
export const NOTES_DIGEST_RE = /^[0-9a-f]{16}$/;
