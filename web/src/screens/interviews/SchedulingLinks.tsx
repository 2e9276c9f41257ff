import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { CopyableLink } from './CopyableLink.tsx';
import { whenOf } from './interview-time.ts';
import { NewSchedulingLink } from './NewSchedulingLink.tsx';
import { usePersonName } from './people.ts';
import { kindLabel, schedulingLinksQuery, type SchedulingLink } from './queries.ts';

/** Links the candidate books a time through: make one (its URL shows only once), see them, revoke an open one. */
export function SchedulingLinks({ applicationId, jobId }: { applicationId: string; jobId: string }) {
  const links = useQuery(schedulingLinksQuery(applicationId));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="scheduling-links">
      <h4>Self-scheduling links</h4>
      {created && <CopyableLink id={`link-url-${applicationId}`} label="Scheduling link for the candidate" url={created} note="Send it to the candidate: it is shown only now." />}
      {links.isPending ? <Loading what="the scheduling links" />
        : links.isError ? <ErrorMessage error={links.error} what="the scheduling links" />
          : links.data.data.length === 0 ? <p className="empty">No scheduling links.</p>
            : <ul className="links">{links.data.data.map((link) => <LinkItem key={link.id} link={link} readAt={links.dataUpdatedAt} />)}</ul>}
      {creating ? (
        <NewSchedulingLink applicationId={applicationId} jobId={jobId} onDismiss={() => setCreating(false)}
          onCreated={(url) => { setCreated(url); setCreating(false); }} />
      ) : <button type="button" onClick={() => { setCreated(null); setCreating(true); }}>New scheduling link</button>}
    </div>
  );
}

/** An open link past its expiry (when the list was read) no longer works either. */
const statusText = (link: SchedulingLink, readAt: number): string =>
  link.status === 'open' && new Date(link.expiresAt).getTime() <= readAt ? 'expired' : link.status;

function LinkItem({ link, readAt }: { link: SchedulingLink; readAt: number }) {
  const nameOf = usePersonName();
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/scheduling-links/{id}/revoke', { params: { path: { id: link.id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: schedulingLinksQuery(link.applicationId).queryKey }),
  });
  const status = statusText(link, readAt);
  return (
    <li>
      <b>{status}</b> · {link.durationMinutes} min {kindLabel(link.kind).toLowerCase()} with {link.interviewers.map(nameOf).join(', ')}
      <span className="muted"> · times until {whenOf(link.to)}</span>
      {status === 'open' && (
        <button type="button" className="small" onClick={() => revoke.mutate()} disabled={revoke.isPending}
          aria-label={`Revoke the scheduling link made ${whenOf(link.createdAt)}`}>Revoke</button>
      )}
      {revoke.isError && <p className="error" role="alert">Could not revoke the link: {messageOf(revoke.error)}</p>}
    </li>
  );
}
