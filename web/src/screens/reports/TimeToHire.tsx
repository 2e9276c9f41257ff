import { useQuery } from '@tanstack/react-query';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { BarChart } from './BarChart.tsx';
import { timeToHireQuery, type Period } from './queries.ts';
import { days } from './report-format.ts';

/** Days from applying to hired: overall, then per job (median and 90th percentile). */
export function TimeToHire({ period }: { period: Period }) {
  const report = useQuery(timeToHireQuery(period));
  if (report.isPending) return <Loading what="time to hire" />;
  if (report.isError) return <ErrorMessage error={report.error} what="time to hire" />;
  const { overall, byJob, byDepartment, scope } = report.data;

  return (
    <figure className="report">
      <figcaption>Time to hire{scope === 'assigned-jobs' ? ', over the jobs whose hiring team you are on' : ''}</figcaption>
      <p data-testid="time-to-hire-overall">
        {overall.hires === 0 ? 'No hires among the applications in this period.'
          : `${overall.hires} ${overall.hires === 1 ? 'hire' : 'hires'}: median ${days(overall.medianDays)}, 90th percentile ${days(overall.p90Days)}.`}
      </p>
      {byJob.length === 0 ? <Empty>No job has a hire in this period.</Empty> : (
        <>
          <BarChart series={[{ name: 'Median days' }, { name: '90th percentile' }]} format={(v) => `${v} d`}
            rows={byJob.map((j) => ({ key: j.jobId, label: j.title, values: [j.medianDays, j.p90Days] }))} />
          <table className="jobs">
            <caption className="table-caption">Per job, most hires first</caption>
            <thead><tr><th scope="col">Job</th><th scope="col">Department</th><th scope="col">Hires</th><th scope="col">Median</th><th scope="col">90th percentile</th></tr></thead>
            <tbody>
              {byJob.map((j) => (
                <tr key={j.jobId}><th scope="row">{j.title}</th><td>{j.department ?? '—'}</td><td>{j.hires}</td><td>{days(j.medianDays)}</td><td>{days(j.p90Days)}</td></tr>
              ))}
            </tbody>
          </table>
          <table className="jobs">
            <caption className="table-caption">Per department, most hires first</caption>
            <thead><tr><th scope="col">Department</th><th scope="col">Hires</th><th scope="col">Median</th><th scope="col">90th percentile</th></tr></thead>
            <tbody>
              {byDepartment.map((d) => (
                <tr key={d.department ?? ''}><th scope="row">{d.department ?? 'No department'}</th><td>{d.hires}</td><td>{days(d.medianDays)}</td><td>{days(d.p90Days)}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
