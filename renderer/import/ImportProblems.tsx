// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the review found that gives no account: entries the source holds that cannot be imported
 * (with the reason), account codes or links with errors, QR codes that are no account at all, and
 * accounts imported without a part Tessera will not use (an embedded icon it refused).
 * Each reason is in plain words; its technical detail, if any, is behind "Details".
 */
import { useId } from 'react';
import type { ImportProblem, ImportReview } from '../../electron/domain';
import { Details } from '../shared/Details';
import { AlertIcon } from '../shared/Icons';

interface SectionProps {
  readonly title: string;
  readonly tone: 'warning' | 'error' | 'info';
  readonly problems: readonly ImportProblem[];
  readonly showSource: boolean;
}

function ProblemSection({ title, tone, problems, showSource }: SectionProps) {
  const headingId = useId();
  if (problems.length === 0) return null;
  return (
    <section className={`import-problems import-problems-${tone}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {tone === 'info' ? null : <AlertIcon />}
        {title}
      </h3>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.source}-${index}`}>
            {problem.label ? <strong>{problem.label}: </strong> : null}
            {problem.message}
            {showSource ? <span className="import-problem-source"> ({problem.source})</span> : null}
            <Details text={problem.details} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ImportProblems({ review }: { review: ImportReview }) {
  const all = [...review.skipped, ...review.invalid, ...review.notAccounts, ...review.notices];
  const sources = new Set([...all.map((p) => p.source), ...review.candidates.map((c) => c.source)]);
  const showSource = sources.size > 1;
  return (
    <>
      <ProblemSection title="Can’t be imported" tone="warning" problems={review.skipped} showSource={showSource} />
      <ProblemSection title="Invalid account codes" tone="error" problems={review.invalid} showSource={showSource} />
      <ProblemSection title="Not accounts" tone="info" problems={review.notAccounts} showSource={showSource} />
      <ProblemSection title="Imported without a part" tone="info" problems={review.notices} showSource={showSource} />
    </>
  );
}
