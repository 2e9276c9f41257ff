import { useQueries } from '@tanstack/react-query';
import type { Candidate, HistoryEntry } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { pipelineQuery } from '../pipeline/queries.ts';
import { actorName, historyQuery, useMemberNames } from './queries.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const said: Record<HistoryEntry['action'], string> = {
  created: 'Application received', moved: 'Moved', rejected: 'Rejected', unrejected: 'Rejection undone', withdrawn: 'Withdrew', reopened: 'Reopened',
  hired: 'Hired', merged: 'Merged', interview_scheduled: 'Interview scheduled', interview_rescheduled: 'Interview rescheduled',
  interview_cancelled: 'Interview cancelled', scorecard_submitted: 'Scorecard submitted', offer_drafted: 'Offer drafted',
  offer_changed: 'Offer changed', offer_submitted: 'Offer submitted for approval', offer_approval: 'Offer approval recorded',
  offer_approved: 'Offer approved', offer_sent: 'Offer sent', offer_accepted: 'Offer accepted', offer_declined: 'Offer declined',
  offer_withdrawn: 'Offer withdrawn',
};

/** Every application's history in one timeline, newest first, with stage names from each job's pipeline. */
export function History({ applications }: { applications: Candidate['applications'] }) {
  const names = useMemberNames();
  const histories = useQueries({ queries: applications.map((application) => historyQuery(application.id)) });
  const pipelines = useQueries({ queries: [...new Set(applications.map((a) => a.jobId))].map((jobId) => pipelineQuery(jobId)) });
  const stageNames = new Map(pipelines.flatMap((p) => p.data?.stages.map((stage) => [stage.id, stage.name] as const) ?? []));
  const stage = (id: string | null) => (id ? stageNames.get(id) ?? 'another stage' : null);

  const failed = histories.find((h) => h.isError);
  const entries = histories.flatMap((h) => h.data?.data ?? []).sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {failed ? <ErrorMessage error={failed.error} what="the history" />
        : histories.some((h) => h.isPending) ? <Loading what="the history" />
          : entries.length === 0 ? <p className="empty">Nothing has happened yet.</p>
            : (
              <ol className="timeline">
                {entries.map((entry) => (
                  <li key={entry.id}>
                    <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>{' '}
                    <b>{said[entry.action]}</b>
                    {(entry.action === 'moved' || entry.action === 'hired') && entry.toStageId && <> from {stage(entry.fromStageId)} to {stage(entry.toStageId)}</>}
                    {entry.action === 'created' && entry.toStageId && <> in {stage(entry.toStageId)}</>}
                    {' '}<span className="muted">by {actorName(entry.actor, names)}</span>
                    {entry.note && <blockquote>{entry.note}</blockquote>}
                  </li>
                ))}
              </ol>
            )}
    </section>
  );
}
