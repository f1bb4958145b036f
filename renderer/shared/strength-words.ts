// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * zxcvbn-ts's advice in plain words: what the strength meter says under a new master password.
 * The library's own English speaks of "personal or page related data" and "keyboard patterns with
 * typing direction changes"; these say what is wrong and what to do. An empty text drops advice
 * that would not help (a longer keyboard pattern is still a poor master password).
 * @see https://zxcvbn-ts.github.io/zxcvbn/guide/languages/ (the keys)
 */
import type { TranslationKeys } from '@zxcvbn-ts/core';

export const STRENGTH_WARNINGS: TranslationKeys['warnings'] = {
  straightRow: 'Keys in a row, like “qwerty”, are easy to guess.',
  keyPattern: 'Short patterns on the keyboard are easy to guess.',
  simpleRepeat: 'Repeated characters, like “aaa”, are easy to guess.',
  extendedRepeat: 'Repeated groups, like “abcabc”, are easy to guess.',
  sequences: 'Runs like “abc” or “123” are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'This is one of the most used passwords.',
  topHundred: 'This is a very common password.',
  common: 'This is a common password.',
  similarToCommon: 'This is close to a common password.',
  wordByItself: 'A single word is easy to guess.',
  namesByThemselves: 'A name on its own is easy to guess.',
  commonNames: 'Common first names and surnames are easy to guess.',
  userInputs: 'Words like “Tessera”, “vault” or “password” are the first anyone tries: leave them out.',
  pwned: 'This password has been published after a data breach.',
};

export const STRENGTH_SUGGESTIONS: TranslationKeys['suggestions'] = {
  l33t: 'Swapping letters for look-alikes, like “@” for “a”, fools nobody.',
  reverseWords: 'A word spelt backwards is still easy to guess.',
  allUppercase: 'All capitals are as easy to guess as none.',
  capitalization: 'A capital first letter hardly helps.',
  dates: 'Leave out dates and years that mean something to you.',
  recentYears: 'Leave out recent years.',
  associatedYears: 'Leave out years that mean something to you.',
  sequences: 'Leave out runs like “abc” or “123”.',
  repeated: 'Leave out repeated words and characters.',
  longerKeyboardPattern: '',
  anotherWord: 'Add another word or two that are not common.',
  useWords: 'A few unrelated words make a strong password.',
  noNeed: 'Symbols, digits and capitals are not needed.',
  pwned: '',
};
