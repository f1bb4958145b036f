// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Closed sets of words, as data. Each set is written once as a `Record<Word, true>`: the compiler
 * refuses a record that misses a member of its union or names one too many, and the frozen list
 * and the type guard are derived from it, so no list of the same words is typed anywhere else.
 * Also the error an exhaustive `switch` throws when a union gained a member it does not handle.
 */

/** Every member of the union `K`, each once: what a `Record<K, true>` literal must spell out. */
export type MemberSet<K extends string> = Readonly<Record<K, true>>;

/** The members of a set as a frozen list, in the order the record writes them. */
export function membersOf<K extends string>(set: MemberSet<K>): readonly K[] {
  return Object.freeze(Object.keys(set) as K[]);
}

/** Whether `value` is a member of the set (own keys only: `'toString'` is no member). */
export function isMemberOf<K extends string>(set: MemberSet<K>, value: unknown): value is K {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(set, value);
}

/** Thrown by an exhaustive `switch` when a union gained a member that is not handled. */
export function missingCaseError(value: never): Error {
  return new TypeError(`Unhandled case: ${String(value)}`);
}
