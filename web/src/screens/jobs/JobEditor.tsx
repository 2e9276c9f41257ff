import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Job } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { jobQuery } from '../pipeline/queries.ts';
import { JobForm } from './JobForm.tsx';
import { formValuesOf, jobFieldsOf, type JobFormValues } from './job-form.ts';
import { HiringTeam } from './HiringTeam.tsx';
import { Lifecycle } from './Lifecycle.tsx';
import { Questions } from './Questions.tsx';
import { ScorecardCriteria } from './ScorecardCriteria.tsx';
import { Stages } from './Stages.tsx';

const savedMessage = (state: unknown): string | null =>
  typeof state === 'object' && state !== null && 'saved' in state && typeof state.saved === 'string' ? state.saved : null;

/** The job's details, its lifecycle (publish, close, reopen) and a way to its pipeline board. */
export function JobEditor() {
  const { jobId = '' } = useParams();
  const { role } = useSignedIn();
  const location = useLocation();
  const queries = useQueryClient();
  const job = useQuery(jobQuery(jobId));
  const [notice, setNotice] = useState<string | null>(savedMessage(location.state));

  const changed = async (updated: Job, message: string) => {
    queries.setQueryData(jobQuery(jobId).queryKey, updated);
    setNotice(message);
    await queries.invalidateQueries({ queryKey: ['jobs'] });
  };
  const save = useMutation({
    // If-Match: a change someone else saved since this page read the job is a 412, never overwritten.
    mutationFn: async ({ values, version }: { values: JobFormValues; version: number }) => dataOf(await api.PATCH('/v1/jobs/{id}', {
      params: { path: { id: jobId }, header: { 'if-match': `"${version}"` } }, body: jobFieldsOf(values),
    })),
    onMutate: () => setNotice(null),
    onSuccess: (updated) => changed(updated, 'Changes saved.'),
  });

  if (job.isPending) return <Loading what="the job" />;
  if (job.isError) return <ErrorMessage error={job.error} what="the job" />;
  const current = job.data;
  const editable = can(role, 'jobs:write');

  return (
    <>
      <h1>{current.title} <span className="muted">· {current.status}</span></h1>
      <p className="job-links"><Link to={`/jobs/${current.id}`}>Pipeline board</Link></p>
      {notice && <p role="status" className="notice">{notice}</p>}
      <Lifecycle job={current} onStart={() => setNotice(null)} onChanged={(updated, message) => void changed(updated, message)} />
      <h2>Details</h2>
      {!editable && <p className="hint">Your role can read this job but not change it.</p>}
      {/* A new version (saved here or elsewhere) starts the form again from the job as it now is. */}
      <JobForm key={current.version} initial={formValuesOf(current)} editable={editable} submitLabel="Save changes" pending={save.isPending}
        onSubmit={(values) => save.mutate({ values, version: current.version })}
        problem={save.isError && (
          <p className="error" role="alert">
            Could not save the changes: {messageOf(save.error)}{' '}
            <button type="button" onClick={() => void job.refetch()}>Load the job again</button>
          </p>
        )} />
      <section aria-labelledby="stages-title">
        <h2 id="stages-title">Pipeline stages</h2>
        <Stages jobId={current.id} editable={editable} />
      </section>
      <section aria-labelledby="questions-title">
        <h2 id="questions-title">Application questions</h2>
        <Questions jobId={current.id} editable={editable} />
      </section>
      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">Scorecard criteria</h2>
        <ScorecardCriteria jobId={current.id} editable={editable} />
      </section>
      <section aria-labelledby="team-title">
        <h2 id="team-title">Hiring team</h2>
        <HiringTeam jobId={current.id} />
      </section>
    </>
  );
}
