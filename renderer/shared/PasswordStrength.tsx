// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The strength meter under a new master password: a bar of five steps, the verdict in words and
 * zxcvbn's advice. Not a live region: the password field points to it, so a screen reader reads
 * it with the field instead of at every key press.
 */
import { MIN_STRENGTH_SCORE, type StrengthAssessment } from './password-strength';

/**
 * Joins ids for aria-describedby, dropping the empty ones: a new-password field points to its own
 * hint and error (from Field) and to its strength meter.
 */
export function describedBy(...ids: (string | undefined)[]): string {
  return ids.filter(Boolean).join(' ');
}

export function PasswordStrength({ id, assessment }: { id: string; assessment: StrengthAssessment | null }) {
  const score = assessment?.score ?? 0;
  const enough = assessment !== null && score >= MIN_STRENGTH_SCORE;
  return (
    <div id={id} className="strength" data-score={assessment ? score : undefined}>
      <meter
        className="strength-meter"
        aria-label="Password strength"
        aria-valuetext={assessment?.label ?? 'Not rated'}
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={assessment ? score : 0}
      />
      <p className="strength-text">
        {assessment ? (
          <>
            Strength: <strong>{assessment.label}</strong>
            {enough ? '' : ' — choose a stronger one'}
          </>
        ) : (
          'Strength: type a password to see how hard it is to guess.'
        )}
      </p>
      {assessment && (assessment.warning || assessment.suggestions.length > 0) ? (
        <ul className="strength-advice">
          {assessment.warning ? <li>{assessment.warning}</li> : null}
          {assessment.suggestions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
