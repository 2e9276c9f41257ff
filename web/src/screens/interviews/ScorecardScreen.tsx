import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { useSignedIn } from '../../session.tsx';
import { candidateQuery } from '../candidate/queries.ts';
import { jobQuery } from '../pipeline/queries.ts';
import { spanOf } from './interview-time.ts';
import { criteriaQuery, interviewQuery, kindLabel, scorecardQuery, type Interview } from './queries.ts';
import { ScorecardForm } from './ScorecardForm.tsx';
import { SubmittedScorecard } from './SubmittedScorecard.tsx';

/** The signed-in interviewer's scorecard for one interview: a draft to save, then submitted and read-only. */
export function ScorecardScreen() {
  const { interviewId = '' } = useParams();
  const { user } = useSignedIn();
  const interview = useQuery(interviewQuery(interviewId));
  const jobId = interview.data?.jobId ?? '';
  const criteria = useQuery({ ...criteriaQuery(jobId), enabled: jobId !== '' });
  const scorecard = useQuery(scorecardQuery(interviewId));
  const [notice, setNotice] = useState<string | null>(null);

  if (interview.isPending) return <Loading what="the interview" />;
  if (interview.isError) return <ErrorMessage error={interview.error} what="the interview" />;
  const heading = <ScorecardHeading interview={interview.data} />;
  if (!interview.data.interviewers.includes(user.id)) return <>{heading}<p role="alert">Only the interviewers named on this interview write its scorecard.</p></>;
  if (interview.data.status === 'cancelled') return <>{heading}<p role="alert">This interview was cancelled: it takes no scorecard.</p></>;
  if (criteria.isPending || scorecard.isPending) return <>{heading}<Loading what="the scorecard" /></>;
  if (criteria.isError) return <>{heading}<ErrorMessage error={criteria.error} what="the job's criteria" /></>;
  if (scorecard.isError) return <>{heading}<ErrorMessage error={scorecard.error} what="your scorecard" /></>;
  const card = scorecard.data;

  return (
    <>
      {heading}
      {notice && <p role="status" className="notice">{notice}</p>}
      {card?.submitted && !card.draft
        ? <SubmittedScorecard submitted={card.submitted} />
        : <ScorecardForm key={card?.revision ?? 0} interview={interview.data} criteria={criteria.data.criteria} scorecard={card} onDone={setNotice} />}
    </>
  );
}

function ScorecardHeading({ interview }: { interview: Interview }) {
  const candidate = useQuery(candidateQuery(interview.candidateId));
  const job = useQuery(jobQuery(interview.jobId));
  return (
    <>
      <h1>Scorecard: {candidate.data?.name ?? 'the candidate'}</h1>
      <p className="job-links">
        {job.data?.title ?? 'The job'} · {kindLabel(interview.kind)} interview, {spanOf(interview.start, interview.end)} ·{' '}
        <Link to={`/candidates/${interview.candidateId}`}>Candidate profile</Link> · <Link to="/interviews">My interviews</Link>
      </p>
    </>
  );
}
