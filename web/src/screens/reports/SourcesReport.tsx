import { useQuery } from '@tanstack/react-query';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { BarChart } from './BarChart.tsx';
import { sourcesQuery, type Period } from './queries.ts';
import { percent } from './report-format.ts';

/** Where applications came from, and how many of each source reached an interview and a hire. */
export function SourcesReport({ period }: { period: Period }) {
  const report = useQuery(sourcesQuery(period));
  if (report.isPending) return <Loading what="sources" />;
  if (report.isError) return <ErrorMessage error={report.error} what="the sources" />;
  const { sources } = report.data;

  return (
    <figure className="report">
      <figcaption>Applications, interviews and hires per source</figcaption>
      {sources.length === 0 ? <Empty>No applications in this period.</Empty> : (
        <>
          <BarChart series={[{ name: 'Applications' }, { name: 'Interviewed' }, { name: 'Hired' }]}
            rows={sources.map((s) => ({ key: s.source, label: s.source, values: [s.applications, s.interviewed, s.hires] }))} />
          <table className="jobs" data-testid="sources-table">
            <caption className="visually-hidden">Applications per source, most first</caption>
            <thead>
              <tr><th scope="col">Source</th><th scope="col">Applications</th><th scope="col">Interviewed</th><th scope="col">Hired</th><th scope="col">Interview rate</th><th scope="col">Hire rate</th></tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.source}>
                  <th scope="row">{s.source}</th><td>{s.applications}</td><td>{s.interviewed}</td><td>{s.hires}</td><td>{percent(s.interviewRate)}</td><td>{percent(s.hireRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
