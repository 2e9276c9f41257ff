import { useQuery } from '@tanstack/react-query';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { jobQuery } from '../pipeline/queries.ts';

/** What an accepted offer did to the job: one more opening filled, and the job closed when that was the last. */
export function HireOutcome({ jobId }: { jobId: string }) {
  const job = useQuery(jobQuery(jobId));
  if (job.isPending) return <Loading what="the job's openings" />;
  if (job.isError) return <ErrorMessage error={job.error} what="the job's openings" />;
  const { openings, openingsFilled, status, closeWhenFilled } = job.data;
  const left = openings - openingsFilled;
  return (
    <p className="notice" data-testid="hire-outcome">
      Hired. {job.data.title}: {openingsFilled} of {openings} {openings === 1 ? 'opening' : 'openings'} filled
      {status === 'closed' && left <= 0 ? '; the job is closed, as it fills no more.'
        : left <= 0 ? `; the job is ${status}${closeWhenFilled ? '' : ' (it does not close when filled)'}.`
          : `; ${left} still open.`}
    </p>
  );
}
