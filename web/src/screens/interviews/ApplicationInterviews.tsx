import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { newInterviewValues, scheduleBodyOf, type InterviewFormValues } from './interview-form.ts';
import { InterviewForm } from './InterviewForm.tsx';
import { InterviewItem } from './InterviewItem.tsx';
import { applicationInterviewsQuery } from './queries.ts';
import { SchedulingLinks } from './SchedulingLinks.tsx';
import { ScorecardSummary } from './ScorecardSummary.tsx';

interface Props { applicationId: string; jobId: string; active: boolean }

/** An application's interviews, its self-scheduling links and its scorecards, on the candidate's profile. */
export function ApplicationInterviews({ applicationId, jobId, active }: Props) {
  const { role } = useSignedIn();
  const queries = useQueryClient();
  const interviews = useQuery(applicationInterviewsQuery(applicationId));
  const [scheduling, setScheduling] = useState(false);
  const schedule = useMutation({
    mutationFn: async (values: InterviewFormValues) => dataOf(await api.POST('/v1/applications/{id}/interviews', { params: { path: { id: applicationId } }, body: scheduleBodyOf(values) })),
    onSuccess: async () => {
      setScheduling(false);
      await queries.invalidateQueries({ queryKey: ['application', applicationId] });
      await queries.invalidateQueries({ queryKey: ['me', 'interviews'] });
    },
  });
  const manages = can(role, 'candidates:write');
  // Only an active application gets interviews and links: offering them otherwise would only lead to a refusal.
  const schedulable = manages && active;
  const list = interviews.data?.data ?? [];

  return (
    <div className="application-interviews">
      <h3>Interviews</h3>
      {interviews.isPending ? <Loading what="the interviews" />
        : interviews.isError ? <ErrorMessage error={interviews.error} what="the interviews" />
          : list.length === 0 ? <p className="empty">No interviews yet.</p>
            : <ul className="interviews">{list.map((interview) => <InterviewItem key={interview.id} interview={interview} manages={manages} />)}</ul>}
      {schedulable && (scheduling ? (
        <InterviewForm jobId={jobId} idPrefix={`new-${applicationId}`} initial={newInterviewValues()} submitLabel="Schedule" pending={schedule.isPending}
          onSubmit={(values) => schedule.mutate(values)} onDismiss={() => setScheduling(false)}
          problem={schedule.isError && <p className="error" role="alert">Could not schedule the interview: {messageOf(schedule.error)}</p>} />
      ) : <button type="button" onClick={() => { schedule.reset(); setScheduling(true); }}>Schedule an interview</button>)}
      {schedulable && <SchedulingLinks applicationId={applicationId} jobId={jobId} />}
      {interviews.isSuccess && <ScorecardSummary applicationId={applicationId} interviews={list} />}
    </div>
  );
}
