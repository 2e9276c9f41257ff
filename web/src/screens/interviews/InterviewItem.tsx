import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { useSignedIn } from '../../session.tsx';
import { changesOf, valuesOf, type InterviewFormValues } from './interview-form.ts';
import { spanOf } from './interview-time.ts';
import { InterviewForm } from './InterviewForm.tsx';
import { usePersonName } from './people.ts';
import { kindLabel, type Interview } from './queries.ts';

type Editing = 'none' | 'reschedule' | 'cancel';

/** One interview of an application: when, how, who; rescheduling and cancelling for those who manage it. */
export function InterviewItem({ interview, manages }: { interview: Interview; manages: boolean }) {
  const { user } = useSignedIn();
  const nameOf = usePersonName();
  const queries = useQueryClient();
  const [editing, setEditing] = useState<Editing>('none');
  const [reason, setReason] = useState('');
  // If-Match: a change someone made since this list was read is a 409, never overwritten.
  const version = { 'if-match': `"${interview.sequence}"` };
  const done = async () => {
    setEditing('none');
    await queries.invalidateQueries({ queryKey: ['application', interview.applicationId] });
    await queries.invalidateQueries({ queryKey: ['me', 'interviews'] });
  };
  // After a 409 the list is read again, so trying once more goes against the interview as it now is.
  const reread = () => queries.invalidateQueries({ queryKey: ['application', interview.applicationId, 'interviews'] });
  const reschedule = useMutation({
    mutationFn: async (values: InterviewFormValues) => dataOf(await api.PATCH('/v1/interviews/{id}', { params: { path: { id: interview.id }, header: version }, body: changesOf(values) })),
    onSuccess: done,
    onError: reread,
  });
  const cancel = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/interviews/{id}/cancel', {
      params: { path: { id: interview.id }, header: version }, body: reason.trim() ? { reason: reason.trim() } : {},
    })),
    onSuccess: done,
    onError: reread,
  });
  const cancelled = interview.status === 'cancelled';
  const where = interview.kind === 'video' ? interview.videoUrl : interview.location;
  const mine = interview.interviewers.includes(user.id);

  return (
    <li className={cancelled ? 'interview cancelled' : 'interview'}>
      <b>{spanOf(interview.start, interview.end)}</b> · {kindLabel(interview.kind)}
      {cancelled && <span className="status cancelled"> (cancelled{interview.cancelReason ? `: ${interview.cancelReason}` : ''})</span>}
      <br />
      <span className="muted">With {interview.interviewers.map(nameOf).join(', ')}</span>
      {where && <>{' · '}{interview.kind === 'video' ? <a href={where} rel="noreferrer noopener">Video link</a> : where}</>}
      {!cancelled && (
        <div className="row-actions">
          {mine && <Link to={`/interviews/${interview.id}/scorecard`}>Your scorecard</Link>}
          {manages && editing === 'none' && (
            <>
              <button type="button" onClick={() => setEditing('reschedule')}>Reschedule</button>
              <button type="button" onClick={() => setEditing('cancel')}>Cancel interview</button>
            </>
          )}
        </div>
      )}
      {editing === 'reschedule' && (
        <InterviewForm jobId={interview.jobId} idPrefix={`re-${interview.id}`} initial={valuesOf(interview)} submitLabel="Save new time" pending={reschedule.isPending}
          onSubmit={(values) => reschedule.mutate(values)} onDismiss={() => setEditing('none')}
          problem={reschedule.isError && <p className="error" role="alert">Could not reschedule: {messageOf(reschedule.error)}</p>} />
      )}
      {editing === 'cancel' && (
        <form className="cancel-form" onSubmit={(e) => { e.preventDefault(); cancel.mutate(); }}>
          <label htmlFor={`cancel-${interview.id}`}>Reason for the team (optional)</label>
          <input id={`cancel-${interview.id}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} size={40} />
          {cancel.isError && <p className="error" role="alert">Could not cancel: {messageOf(cancel.error)}</p>}
          <div className="dialog-actions">
            <button type="submit" disabled={cancel.isPending}>{cancel.isPending ? 'Cancelling…' : 'Confirm cancellation'}</button>
            <button type="button" onClick={() => setEditing('none')}>Keep it</button>
          </div>
        </form>
      )}
    </li>
  );
}
