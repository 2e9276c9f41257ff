import { useQuery } from '@tanstack/react-query';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { BarChart } from './BarChart.tsx';
import { pipelineReportQuery } from './queries.ts';
import { days, percent } from './report-format.ts';

/** A job's funnel: how many entered each stage and how many of them moved on. */
export function PipelineFunnel({ jobId }: { jobId: string }) {
  const report = useQuery(pipelineReportQuery(jobId));
  if (report.isPending) return <Loading what="the funnel" />;
  if (report.isError) return <ErrorMessage error={report.error} what="the funnel" />;
  const { stages, title } = report.data;
  if (stages.length === 0) return <Empty>This job has no pipeline stages.</Empty>;

  return (
    <figure className="report">
      <figcaption>Funnel of {title}: applications that entered each stage, and how many moved on</figcaption>
      <BarChart series={[{ name: 'Entered' }, { name: 'Moved on' }]} rows={stages.map((s) => ({ key: s.stageId, label: s.name, values: [s.entered, s.movedOn] }))} />
      <table className="jobs" data-testid="funnel-table">
        <caption className="visually-hidden">Funnel of {title}, stage by stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th><th scope="col">Entered</th><th scope="col">Moved on</th><th scope="col">Conversion</th>
            <th scope="col">In stage now</th><th scope="col">Median time in stage</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => (
            <tr key={s.stageId}>
              <th scope="row">{s.name}</th><td>{s.entered}</td><td>{s.movedOn}</td><td>{percent(s.conversion)}</td>
              <td>{s.inStageNow}</td><td>{days(s.medianDaysInStage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
