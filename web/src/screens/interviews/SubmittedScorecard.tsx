import { Fragment } from 'react';
import { whenOf } from './interview-time.ts';
import type { Scorecard } from './queries.ts';
import { ratingLabel, recommendationLabel } from './recommendations.ts';

/** A submitted scorecard, read-only: it is final. */
export function SubmittedScorecard({ submitted }: { submitted: NonNullable<Scorecard['submitted']> }) {
  return (
    <section aria-labelledby="submitted-title">
      <h2 id="submitted-title">Submitted {whenOf(submitted.submittedAt)}</h2>
      <dl className="contact">
        {submitted.ratings.map((r) => <Fragment key={r.criterionId}><dt>{r.criterion}</dt><dd>{ratingLabel(r.rating)}</dd></Fragment>)}
        <dt>Recommendation</dt><dd>{recommendationLabel(submitted.recommendation)}</dd>
        <dt>Notes</dt><dd className="note-body">{submitted.notes ?? '—'}</dd>
      </dl>
    </section>
  );
}
