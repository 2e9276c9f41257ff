import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import type { Candidate } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { jobQuery } from '../pipeline/queries.ts';
import { ApplicationInterviews } from '../interviews/ApplicationInterviews.tsx';
import { ApplicationOffers } from '../offers/ApplicationOffers.tsx';
import { History } from './History.tsx';
import { Notes } from './Notes.tsx';
import { ProfileDuplicates } from './ProfileDuplicates.tsx';
import { Resume } from './Resume.tsx';
import { Tags } from './Tags.tsx';
import { candidateQuery } from './queries.ts';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function CandidateProfile() {
  const { candidateId = '' } = useParams();
  const candidate = useQuery(candidateQuery(candidateId));
  if (candidate.isPending) return <Loading what="the candidate" />;
  if (candidate.isError) return <ErrorMessage error={candidate.error} what="the candidate" />;
  const person = candidate.data;

  return (
    <>
      <h1>{person.name}</h1>
      {person.mergedInto && <p className="hint">This record was merged into <Link to={`/candidates/${person.mergedInto}`}>another candidate</Link>.</p>}
      <Contact person={person} />
      <ProfileDuplicates candidateId={person.id} />
      <Tags person={person} />
      <section aria-labelledby="applications-title">
        <h2 id="applications-title">Applications</h2>
        {person.applications.length === 0 ? <p className="empty">No applications.</p> : (
          <ul className="applications">
            {person.applications.map((application) => (
              <li key={application.id}>
                <JobTitle jobId={application.jobId} /> — {application.stage.name}
                {application.status !== 'active' && <span className={`status ${application.status}`}> ({application.status})</span>}
                <span className="muted"> · applied {day.format(new Date(application.appliedAt))}</span>
                <ApplicationInterviews applicationId={application.id} jobId={application.jobId} active={application.status === 'active'} />
                <ApplicationOffers application={application} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <Resume candidateId={person.id} />
      <History applications={person.applications} />
      <Notes candidateId={person.id} />
    </>
  );
}

function Contact({ person }: { person: Candidate }) {
  const links = Object.entries(person.links).flatMap(([kind, value]) => (Array.isArray(value) ? value.map((url) => [kind, url] as const) : value ? [[kind, value] as const] : []));
  return (
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">Contact</h2>
      <dl className="contact">
        <dt>Email</dt><dd>{person.emails.length ? person.emails.map((email) => <a key={email} href={`mailto:${email}`}>{email}</a>) : '—'}</dd>
        <dt>Phone</dt><dd>{person.phones.length ? person.phones.map((p) => <a key={p.phone} href={`tel:${p.e164 ?? p.phone}`}>{p.phone}</a>) : '—'}</dd>
        <dt>Location</dt><dd>{person.location ?? '—'}</dd>
        {links.map(([kind, url]) => <Fragment key={`${kind} ${url}`}><dt>{kind}</dt><dd><a href={url} rel="noreferrer noopener">{url}</a></dd></Fragment>)}
        <dt>Source</dt><dd>{person.source}{person.sourceDetail ? ` (${person.sourceDetail})` : ''}</dd>
      </dl>
    </section>
  );
}

export function JobTitle({ jobId }: { jobId: string }) {
  const job = useQuery(jobQuery(jobId));
  return <Link to={`/jobs/${jobId}`}>{job.data?.title ?? (job.isError ? 'A job you cannot see' : 'Loading job…')}</Link>;
}
