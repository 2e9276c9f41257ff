import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { candidateQuery } from '../candidate/queries.ts';
import { JobTitle } from '../candidate/CandidateProfile.tsx';
import { spanOf } from './interview-time.ts';
import { kindLabel, type Interview } from './queries.ts';

function useMyInterviews(ended: boolean) {
  return useInfiniteQuery({
    queryKey: ['me', 'interviews', ended ? 'ended' : 'upcoming'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => dataOf(await api.GET('/v1/me/interviews', { params: { query: { limit: ended ? 20 : 50, cursor: pageParam, ended } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The signed-in person's interviews: those not ended, soonest first, then those that have, latest first (their scorecards are often written after). */
export function MyInterviews() {
  const interviews = useMyInterviews(false);
  const ended = useMyInterviews(true);
  const list = interviews.data?.pages.flatMap((page) => page.data) ?? [];
  const past = ended.data?.pages.flatMap((page) => page.data) ?? [];
  // "Now" is when the list was read, so the split does not change between renders.
  const now = interviews.dataUpdatedAt;
  const current = list.filter((i) => new Date(i.start).getTime() <= now);
  const upcoming = list.filter((i) => new Date(i.start).getTime() > now);

  return (
    <>
      <h1>My interviews</h1>
      <p className="hint">Interviews you are on, and their scorecards.</p>
      {interviews.isPending ? <Loading what="your interviews" />
        : interviews.isError ? <ErrorMessage error={interviews.error} what="your interviews" />
          : list.length === 0 ? <Empty>You have no interviews coming up.</Empty>
            : (
              <>
                {current.length > 0 && <InterviewTable title="Happening now" interviews={current} />}
                {upcoming.length > 0 && <InterviewTable title="Upcoming" interviews={upcoming} />}
              </>
            )}
      <MoreButton pages={interviews} />
      {ended.isPending ? <Loading what="your past interviews" />
        : ended.isError ? <ErrorMessage error={ended.error} what="your past interviews" />
          : past.length > 0 && <InterviewTable title="Past" interviews={past} />}
      <MoreButton pages={ended} />
    </>
  );
}

function MoreButton({ pages }: { pages: ReturnType<typeof useMyInterviews> }) {
  if (!pages.hasNextPage) return null;
  return (
    <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
      {pages.isFetchingNextPage ? 'Loading more…' : 'More interviews'}
    </button>
  );
}

function InterviewTable({ title, interviews }: { title: string; interviews: Interview[] }) {
  return (
    <section aria-labelledby={`${title}-title`.replace(/\W+/g, '-')}>
      <h2 id={`${title}-title`.replace(/\W+/g, '-')}>{title}</h2>
      <table className="jobs">
        <thead><tr><th scope="col">When</th><th scope="col">Candidate</th><th scope="col">Job</th><th scope="col">How</th><th scope="col">Scorecard</th></tr></thead>
        <tbody>{interviews.map((interview) => <Row key={interview.id} interview={interview} />)}</tbody>
      </table>
    </section>
  );
}

function Row({ interview }: { interview: Interview }) {
  const candidate = useQuery(candidateQuery(interview.candidateId));
  const name = candidate.data?.name ?? (candidate.isError ? 'A candidate' : 'Loading…');
  const where = interview.kind === 'video' ? interview.videoUrl : interview.location;
  return (
    <tr>
      <th scope="row">{spanOf(interview.start, interview.end)}</th>
      <td><Link to={`/candidates/${interview.candidateId}`}>{name}</Link></td>
      <td><JobTitle jobId={interview.jobId} /></td>
      <td>
        {kindLabel(interview.kind)}
        {where && <>{' · '}{interview.kind === 'video' ? <a href={where} rel="noreferrer noopener">join</a> : where}</>}
      </td>
      <td><Link to={`/interviews/${interview.id}/scorecard`} aria-label={`Scorecard for ${name}, ${spanOf(interview.start, interview.end)}`}>Scorecard</Link></td>
    </tr>
  );
}
