import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { dataOf } from '../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import type { paths } from '../../generated/openapi';
import type { JobSummary } from '../api/types.ts';
import { pipelineQuery } from './pipeline/queries.ts';
import { can, useSignedIn } from '../session.tsx';

type JobStatus = NonNullable<NonNullable<paths['/v1/jobs']['get']['parameters']['query']>['status']>;
const statuses: readonly JobStatus[] = ['published', 'draft', 'closed', 'archived'];
const isStatus = (value: string | null): value is JobStatus => statuses.some((s) => s === value);
const pageSize = 20;

export function JobsList() {
  const { role } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const given = params.get('status');
  const status: JobStatus | undefined = given === 'all' ? undefined : isStatus(given) ? given : 'published';
  const title = params.get('q')?.trim() || undefined;
  const filterBy = (next: { status?: string; q?: string }) =>
    setParams(Object.fromEntries(Object.entries({ status: status ?? 'all', q: title ?? '', ...next }).filter(([, value]) => value !== '')));

  const jobs = useInfiniteQuery({
    queryKey: ['jobs', status ?? 'all', title ?? ''],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/v1/jobs', { params: { query: { status, q: title, limit: pageSize, sort: '-createdAt', cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const list = jobs.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <div className="heading-row">
        <h1>Jobs</h1>
        {can(role, 'jobs:write') && can(role, 'jd:parse') && <Link to="/jobs/new" className="button">New job from a posting</Link>}
      </div>
      <form className="filters" role="search" aria-label="Filter jobs" onSubmit={(e) => {
        e.preventDefault();
        filterBy({ q: String(new FormData(e.currentTarget).get('q') ?? '').trim() });
      }}>
        <label htmlFor="title-filter">Title</label>
        <input id="title-filter" name="q" type="search" defaultValue={title ?? ''} key={title ?? ''} maxLength={200} />
        <button type="submit">Find</button>
        <label htmlFor="status-filter">Status</label>
        <select id="status-filter" value={status ?? 'all'} onChange={(e) => filterBy({ status: e.target.value })}>
          {statuses.map((s) => <option key={s} value={s}>{s[0]?.toUpperCase()}{s.slice(1)}</option>)}
          <option value="all">All</option>
        </select>
      </form>
      {jobs.isPending ? <Loading what="jobs" />
        : jobs.isError ? <ErrorMessage error={jobs.error} what="the jobs" />
          : list.length === 0 ? <Empty>{title ? `No ${status ? `${status} ` : ''}jobs with “${title}” in the title.` : status ? `No ${status} jobs.` : 'No jobs yet.'}</Empty>
            : (
              <table className="jobs">
                <caption className="visually-hidden">Jobs and their applications per pipeline stage</caption>
                <thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Department</th><th scope="col">Applications per stage</th></tr></thead>
                <tbody>{list.map((job) => <JobRow key={job.id} job={job} />)}</tbody>
              </table>
            )}
      {jobs.hasNextPage && (
        <button type="button" onClick={() => void jobs.fetchNextPage()} disabled={jobs.isFetchingNextPage}>
          {jobs.isFetchingNextPage ? 'Loading more…' : 'More jobs'}
        </button>
      )}
    </>
  );
}

function JobRow({ job }: { job: JobSummary }) {
  return (
    <tr>
      <th scope="row"><Link to={`/jobs/${job.id}`}>{job.title}</Link> <Link to={`/jobs/${job.id}/edit`} className="quiet">Details</Link></th>
      <td>{job.status}</td>
      <td>{job.department ?? '—'}</td>
      <td><StageCounts jobId={job.id} /></td>
    </tr>
  );
}

function StageCounts({ jobId }: { jobId: string }) {
  const pipeline = useQuery(pipelineQuery(jobId));
  if (pipeline.isPending) return <span className="muted">…</span>;
  if (pipeline.isError) return <span className="error">{pipeline.error.message}</span>;
  const stages = pipeline.data.stages.filter((stage) => stage.kind !== 'rejected');
  return (
    <ul className="counts" aria-label="Active applications per stage">
      {stages.map((stage) => <li key={stage.id} className={stage.count > 0 ? 'some' : undefined}>{stage.name} <b>{stage.count}</b></li>)}
    </ul>
  );
}
