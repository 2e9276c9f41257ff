import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ApiProblem, dataOf, messageOf } from '../../api/problems.ts';
import { scorecardQuery, type Criterion, type Interview, type Recommendation, type Scorecard } from './queries.ts';
import { ratings, recommendations } from './recommendations.ts';

interface Props { interview: Interview; criteria: readonly Criterion[]; scorecard: Scorecard | null; onDone(message: string | null): void }
type Action = 'save' | 'submit';

/** Ratings per criterion, an overall recommendation and notes; saved as a private draft, or submitted. */
export function ScorecardForm({ interview, criteria, scorecard, onDone }: Props) {
  const queries = useQueryClient();
  const draft = scorecard?.draft;
  const [rated, setRated] = useState<Record<string, number>>(Object.fromEntries((draft?.ratings ?? []).map((r) => [r.criterionId, r.rating])));
  const [recommendation, setRecommendation] = useState<Recommendation | null>(draft?.recommendation ?? null);
  const [notes, setNotes] = useState(draft?.notes ?? '');

  const write = useMutation({
    mutationFn: async (action: Action) => {
      const body = { ratings: criteria.flatMap((c) => (rated[c.id] ? [{ criterionId: c.id, rating: rated[c.id] ?? 0 }] : [])), recommendation, notes: notes.trim() || null };
      // If-Match: a save from another tab since this page read the scorecard is a 409, never overwritten.
      const params = { path: { id: interview.id }, header: scorecard ? { 'if-match': `"${scorecard.revision}"` } : {} };
      return action === 'save'
        ? dataOf(await api.PUT('/v1/interviews/{id}/scorecard', { params, body }))
        : dataOf(await api.POST('/v1/interviews/{id}/scorecard/submit', { params, body }));
    },
    onMutate: () => onDone(null),
    onSuccess: async (saved, action) => {
      queries.setQueryData(scorecardQuery(interview.id).queryKey, saved);
      onDone(action === 'save' ? 'Draft saved: only you see it until you submit.' : 'Scorecard submitted.');
      if (action === 'submit') await queries.invalidateQueries({ queryKey: ['application', interview.applicationId] });
    },
  });

  return (
    <form className="scorecard-form" onSubmit={(e) => { e.preventDefault(); write.mutate('submit'); }}>
      {criteria.length === 0 && <p className="hint">This job has no scorecard criteria: give your overall recommendation and notes.</p>}
      {criteria.map((c) => (
        <fieldset key={c.id} className="rating">
          <legend>{c.name}</legend>
          {c.description && <p className="hint">{c.description}</p>}
          {ratings.map((r) => (
            <span key={r.value} className="check">
              <input type="radio" id={`rate-${c.id}-${r.value}`} name={`rate-${c.id}`} checked={rated[c.id] === r.value} onChange={() => setRated((now) => ({ ...now, [c.id]: r.value }))} />
              <label htmlFor={`rate-${c.id}-${r.value}`} className="inline">{r.value} · {r.label}</label>
            </span>
          ))}
        </fieldset>
      ))}
      <fieldset className="rating">
        <legend>Overall recommendation</legend>
        {recommendations.map((r) => (
          <span key={r.value} className="check">
            <input type="radio" id={`recommend-${r.value}`} name="recommendation" checked={recommendation === r.value} onChange={() => setRecommendation(r.value)} />
            <label htmlFor={`recommend-${r.value}`} className="inline">{r.label}</label>
          </span>
        ))}
      </fieldset>
      <label htmlFor="scorecard-notes">Notes for the hiring team</label>
      <textarea id="scorecard-notes" className="wide" rows={6} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={20000} />
      {write.isError && (
        <p className="error" role="alert">
          Could not {write.variables === 'save' ? 'save the draft' : 'submit the scorecard'}: {messageOf(write.error)}
          {write.error instanceof ApiProblem && write.error.code === 'version-conflict' && (
            <>{' '}<button type="button" onClick={() => void queries.invalidateQueries({ queryKey: scorecardQuery(interview.id).queryKey })}>Load it again</button></>
          )}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => write.mutate('save')} disabled={write.isPending}>{write.isPending && write.variables === 'save' ? 'Saving…' : 'Save draft'}</button>
        <button type="submit" disabled={write.isPending}>{write.isPending && write.variables === 'submit' ? 'Submitting…' : 'Submit'}</button>
      </div>
      <p className="hint">A submitted scorecard is final. Other interviewers see it once they have submitted theirs.</p>
    </form>
  );
}
