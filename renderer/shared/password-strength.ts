// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Master-password strength from zxcvbn-ts, with its English and common dictionaries bundled (no
 * network). Loaded on first use as a separate chunk, so the codes screen never pays for the
 * dictionaries. Its advice is given in Tessera's plain words (strength-words.ts). The result keeps
 * the score and the advice only, never the password.
 * @see https://zxcvbn-ts.github.io/zxcvbn/
 */
import { STRENGTH_SUGGESTIONS, STRENGTH_WARNINGS } from './strength-words';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface StrengthAssessment {
  readonly score: StrengthScore;
  /** "Very weak" … "Very strong". */
  readonly label: string;
  /** What makes it weak ("This is a very common password."), or ''. */
  readonly warning: string;
  readonly suggestions: readonly string[];
}

export type StrengthChecker = (password: string) => StrengthAssessment;

/** The weakest score a new master password may have ("strong enough against offline guessing"). */
export const MIN_STRENGTH_SCORE: StrengthScore = 3;

const LABELS: readonly string[] = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
/** Words an attacker would try first against this app's vault. */
const USER_INPUTS = ['tessera', 'authenticator', 'totp', 'vault', 'password', 'master'];

let loading: Promise<StrengthChecker> | null = null;

/** Loads the checker once; later calls share the same promise. */
export function loadStrengthChecker(): Promise<StrengthChecker> {
  loading ??= (async () => {
    const [core, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const factory = new core.ZxcvbnFactory({
      translations: { ...en.translations, warnings: STRENGTH_WARNINGS, suggestions: STRENGTH_SUGGESTIONS },
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      // Fuzzy dictionary matching makes a check take about a second; exact and l33t matching stay.
      useLevenshteinDistance: false,
    });
    return (password: string): StrengthAssessment => {
      const result = factory.check(password, USER_INPUTS);
      return {
        score: result.score,
        label: LABELS[result.score] ?? '',
        warning: result.feedback.warning ?? '',
        // Advice dropped as unhelpful has no words.
        suggestions: result.feedback.suggestions.filter((s) => s !== ''),
      };
    };
  })();
  return loading;
}
