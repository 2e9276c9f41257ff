import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { PipelineFunnel } from './PipelineFunnel.tsx';
import { reportJobsQuery, type Period } from './queries.ts';
import { SourcesReport } from './SourcesReport.tsx';
import { TimeToHire } from './TimeToHire.tsx';

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The chosen days as the API's half-open period, in the user's time zone: "until" includes its whole day. */
function periodOf(from: string | null, until: string | null): Period {
  const startOf = (day: string, plusDays = 0) => {
    const at = new Date(`${day}T00:00`);
    at.setDate(at.getDate() + plusDays);
    return at.toISOString();
  };
  return { ...(isDay(from) ? { appliedAfter: startOf(from) } : {}), ...(isDay(until) ? { appliedBefore: startOf(until, 1) } : {}) };
}

/** Reports on the org's hiring, filtered through the address (?job=&from=&until=) so a view can be shared. */
export function Reports() {
  const [params, setParams] = useSearchParams();
  const jobs = useQuery(reportJobsQuery);
  const from = params.get('from');
  const until = params.get('until');
  const list = jobs.data?.data ?? [];
  const jobId = params.get('job') ?? list[0]?.id ?? null;
  const period = periodOf(from, until);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <h1>Reports</h1>
      <section aria-labelledby="funnel-title">
        <h2 id="funnel-title">Pipeline funnel</h2>
        {jobs.isPending ? <Loading what="jobs" />
          : jobs.isError ? <ErrorMessage error={jobs.error} what="the jobs" />
            : list.length === 0 || jobId === null ? <Empty>No jobs yet: a funnel needs a job.</Empty>
              : (
                <>
                  <form className="filters" onSubmit={(e) => e.preventDefault()}>
                    <label htmlFor="report-job">Job</label>
                    <select id="report-job" value={jobId} onChange={(e) => set('job', e.target.value)}>
                      {list.map((job) => <option key={job.id} value={job.id}>{job.title} ({job.status})</option>)}
                    </select>
                  </form>
                  <PipelineFunnel jobId={jobId} />
                </>
              )}
      </section>
      <section aria-labelledby="period-title">
        <h2 id="period-title">Hires and sources</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="report-from">Applied from</label>
          <input id="report-from" type="date" value={isDay(from) ? from : ''} max={isDay(until) ? until : undefined} onChange={(e) => set('from', e.target.value)} />
          <label htmlFor="report-until">until</label>
          <input id="report-until" type="date" value={isDay(until) ? until : ''} min={isDay(from) ? from : undefined} onChange={(e) => set('until', e.target.value)} />
        </form>
        <p className="hint">{isDay(from) || isDay(until) ? 'Counting applications made in the days chosen.' : 'Counting every application; choose days to narrow it.'}</p>
        <TimeToHire period={period} />
        <SourcesReport period={period} />
      </section>
    </>
  );
}
