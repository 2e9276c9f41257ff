import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Job } from '../../api/types.ts';
import { can, useSignedIn } from '../../session.tsx';

type Action = 'publish' | 'close' | 'reopen';
const offered: Record<Job['status'], { action: Action; label: string; done: string }[]> = {
  draft: [{ action: 'publish', label: 'Publish', done: 'Published: the job is on your careers site.' }],
  published: [{ action: 'close', label: 'Close', done: 'Closed: the job has left your careers site.' }],
  closed: [{ action: 'reopen', label: 'Reopen', done: 'Reopened: the job is on your careers site again.' }],
  archived: [],
};

const call = async (action: Action, id: string): Promise<Job> => {
  const params = { params: { path: { id } } };
  if (action === 'publish') return dataOf(await api.POST('/v1/jobs/{id}/publish', params));
  if (action === 'close') return dataOf(await api.POST('/v1/jobs/{id}/close', params));
  return dataOf(await api.POST('/v1/jobs/{id}/reopen', params));
};

/** Publish, close, reopen: the API says why it refuses (say, what a job needs before it is published). */
export function Lifecycle({ job, onStart, onChanged }: { job: Job; onStart(): void; onChanged(job: Job, message: string): void }) {
  const { role } = useSignedIn();
  const transition = useMutation({
    mutationFn: ({ action }: { action: Action; done: string }) => call(action, job.id),
    onMutate: onStart,
    onSuccess: (updated, { done }) => onChanged(updated, done),
  });
  const actions = offered[job.status];
  if (!can(role, 'jobs:publish') || actions.length === 0) return null;
  return (
    <div className="lifecycle">
      {actions.map(({ action, label, done }) => (
        <button key={action} type="button" disabled={transition.isPending} onClick={() => transition.mutate({ action, done })}>{label}</button>
      ))}
      {transition.isError && <p className="error" role="alert">Could not {transition.variables?.action ?? 'change'} the job: {messageOf(transition.error)}</p>}
    </div>
  );
}
