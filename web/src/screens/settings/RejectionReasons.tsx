import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { RejectionReason } from '../../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { rejectionReasonsQuery } from '../pipeline/queries.ts';

type Change = { name: string } | { archived: boolean };

/** The reasons recruiters pick when rejecting: add, rename, archive (kept on old rejections, not offered for new ones) or restore. */
export function RejectionReasons() {
  const queries = useQueryClient();
  const reasons = useQuery(rejectionReasonsQuery);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: rejectionReasonsQuery.queryKey });
  const add = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/rejection-reasons', { body: { name: name.trim() } })),
    onMutate: () => setNotice(null),
    onSuccess: async (reason) => {
      setName('');
      setNotice(`The reason “${reason.name}” was added.`);
      await refresh();
    },
  });
  const update = useMutation({
    mutationFn: async ({ id, change }: { id: string; change: Change }) => dataOf(await api.PATCH('/v1/rejection-reasons/{id}', { params: { path: { id } }, body: change })),
    onMutate: () => setNotice(null),
    onSuccess: async (reason) => {
      setNotice(`The reason “${reason.name}” was ${reason.archived ? 'archived' : 'saved'}.`);
      await refresh();
    },
  });
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate();
  };

  return (
    <section aria-labelledby="reasons-title">
      <h2 id="reasons-title">Reject reasons</h2>
      <form onSubmit={onAdd} className="settings-form field-row">
        <div>
          <label htmlFor="reason-new">New reason</label>
          <input id="reason-new" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} size={40} />
        </div>
        <button type="submit" className="align-end" disabled={add.isPending}>{add.isPending ? 'Adding…' : 'Add reason'}</button>
      </form>
      {add.isError && <p className="error" role="alert">Could not add the reason: {messageOf(add.error)}</p>}
      {update.isError && <p className="error" role="alert">Could not change the reason: {messageOf(update.error)}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {reasons.isPending ? <Loading what="reject reasons" />
        : reasons.isError ? <ErrorMessage error={reasons.error} what="the reject reasons" />
          : reasons.data.data.length === 0 ? <Empty>No reject reasons yet.</Empty>
            : (
              <ul className="settings-list">
                {reasons.data.data.map((reason) => (
                  <ReasonRow key={`${reason.id}-${reason.name}`} reason={reason} busy={update.isPending} onChange={(change) => update.mutate({ id: reason.id, change })} />
                ))}
              </ul>
            )}
    </section>
  );
}

function ReasonRow({ reason, busy, onChange }: { reason: RejectionReason; busy: boolean; onChange(change: Change): void }) {
  const [name, setName] = useState(reason.name);
  const renamed = name.trim() !== '' && name.trim() !== reason.name;
  return (
    <li>
      <form onSubmit={(e) => { e.preventDefault(); if (renamed) onChange({ name: name.trim() }); }}>
        <label htmlFor={`reason-${reason.id}`} className="visually-hidden">Name of the reason {reason.name}</label>
        <input id={`reason-${reason.id}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} size={40} disabled={reason.archived} />{' '}
        {reason.archived && <span className="badge">archived</span>}{' '}
        {renamed && <button type="submit" disabled={busy}>Save name</button>}{' '}
        <button type="button" disabled={busy} onClick={() => onChange({ archived: !reason.archived })} aria-label={`${reason.archived ? 'Restore' : 'Archive'} ${reason.name}`}>
          {reason.archived ? 'Restore' : 'Archive'}
        </button>
      </form>
    </li>
  );
}
