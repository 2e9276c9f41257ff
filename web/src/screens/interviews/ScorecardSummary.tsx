import { useQuery } from '@tanstack/react-query';
import { Loading } from '../../components/States.tsx';
import { useSignedIn } from '../../session.tsx';
import { whenOf } from './interview-time.ts';
import { usePersonName } from './people.ts';
import { scorecardSummaryQuery, type Interview } from './queries.ts';
import { ratingLabel, recommendationLabel, recommendations } from './recommendations.ts';

/**
 * The application's scorecards as the API lets the caller see them. Interviewers see others' only once
 * they have submitted their own; a refusal hides the section rather than showing an error.
 */
export function ScorecardSummary({ applicationId, interviews }: { applicationId: string; interviews: readonly Interview[] }) {
  const { user } = useSignedIn();
  const nameOf = usePersonName();
  const summary = useQuery(scorecardSummaryQuery(applicationId));
  if (summary.isPending) return <Loading what="the scorecards" />;
  if (summary.isError) return null;
  const { othersHidden, submitted, criteria, pending } = summary.data;
  const interviewsHere = interviews.some((i) => i.interviewers.includes(user.id));
  // Someone who is not interviewing here and may not see others' scorecards has nothing to see.
  if (othersHidden && !interviewsHere) return null;

  return (
    <div className="scorecard-summary">
      <h4>Scorecards</h4>
      {othersHidden ? <p className="hint">Other interviewers' scorecards show here once you have submitted yours.</p> : (
        <>
          {submitted.length === 0 ? <p className="empty">No scorecards submitted yet.</p> : (
            <>
              <p>{recommendations.map((r) => `${r.label}: ${summary.data.recommendations[r.value]}`).join(' · ')}</p>
              {criteria.some((c) => c.average !== null) && (
                <ul className="averages" aria-label="Mean rating per criterion">
                  {criteria.map((c) => <li key={c.criterionId}>{c.name}: {c.average === null ? '—' : `${c.average} of 4`}</li>)}
                </ul>
              )}
              <ul className="scorecards">
                {submitted.map((card) => card.submitted && (
                  <li key={card.id}>
                    <b>{recommendationLabel(card.submitted.recommendation)}</b> from {nameOf(card.interviewerId)}
                    <span className="muted"> · {whenOf(card.submitted.submittedAt)}</span>
                    {card.submitted.ratings.length > 0 && <span className="muted"> · {card.submitted.ratings.map((r) => `${r.criterion} ${ratingLabel(r.rating)}`).join(', ')}</span>}
                    {card.submitted.notes && <blockquote className="note-body">{card.submitted.notes}</blockquote>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {pending.length > 0 && <p className="muted">Waiting for: {pending.map((p) => `${nameOf(p.interviewerId)} (${whenOf(p.start)})`).join(', ')}</p>}
        </>
      )}
    </div>
  );
}
