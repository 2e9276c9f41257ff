import { Link } from 'react-router';
import { ConfirmButton } from '../settings/ConfirmButton.tsx';
import type { DuplicateCandidate, DuplicatePair } from './duplicates.ts';

interface Props {
  pair: DuplicatePair;
  busy: boolean;
  onMerge(kept: DuplicateCandidate, merged: DuplicateCandidate): void;
}

const who = (c: DuplicateCandidate) => `${c.name} (${c.emails.join(', ') || 'no email'})`;

/** Two records that look like one person, and a merge either way after a confirmation: merging cannot be undone. */
export function DuplicatePairRow({ pair, busy, onMerge }: Props) {
  const [first, second] = pair.candidates;
  if (!first || !second) return null;
  const option = (kept: DuplicateCandidate, merged: DuplicateCandidate) => (
    <ConfirmButton label={`Keep ${kept.emails[0] ?? kept.name}`} accessibleName={`Keep ${kept.emails[0] ?? kept.name}: merge ${who(merged)} into ${who(kept)}`} disabled={busy}
      question={`Merge ${who(merged)} into ${who(kept)}? Emails, phones, applications, files and notes move to the kept record; this cannot be undone.`}
      onConfirm={() => onMerge(kept, merged)} />
  );
  return (
    <li className="duplicate-pair">
      <p>
        <Link to={`/candidates/${first.id}`}>{first.name}</Link> <span className="muted">{first.emails.join(', ')}</span>
        {' and '}
        <Link to={`/candidates/${second.id}`}>{second.name}</Link> <span className="muted">{second.emails.join(', ')}</span>
        <span className="muted"> · same name and phone {pair.reason.phone}</span>
      </p>
      <div className="dialog-actions">{option(first, second)}{option(second, first)}</div>
    </li>
  );
}
