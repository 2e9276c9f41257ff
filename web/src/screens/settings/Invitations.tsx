import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import type { CreatedInvitation } from '../../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { useSignedIn } from '../../session.tsx';
import { canAssignRole, roles, type Role } from '../../../../src/modules/access/permission-matrix.ts';
import { roleName } from './Members.tsx';

const invitationsKey = ['invitations'];
const until = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const linkOf = (token: string) => `${window.location.origin}/app/accept-invitation?token=${encodeURIComponent(token)}`;

/** Invite by email with a role (the link is shown once: the API keeps only its hash), and revoke pending invitations. */
export function Invitations() {
  const { role } = useSignedIn();
  const queries = useQueryClient();
  const assignable = roles.filter((r) => canAssignRole(role, r));
  const [email, setEmail] = useState('');
  const [invitedRole, setInvitedRole] = useState<Role>('recruiter');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const list = useQuery({ queryKey: invitationsKey, queryFn: async () => dataOf(await api.GET('/v1/invitations')) });

  const invite = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/invitations', { body: { email: email.trim(), role: invitedRole } })),
    onMutate: () => setCreated(null),
    onSuccess: async (answer) => {
      setCreated(answer);
      setEmail('');
      await queries.invalidateQueries({ queryKey: invitationsKey });
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/v1/invitations/{id}', { params: { path: { id } } });
      if (!result.response.ok) throw problemOf(result.error, result.response);
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: invitationsKey }),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate();
  };
  const pending = list.data?.data.filter((i) => i.status === 'pending') ?? [];

  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <form className="invite-form" onSubmit={onSubmit}>
        <div className="field-row">
          <div><label htmlFor="invite-email">Email</label><input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></div>
          <div>
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={invitedRole} onChange={(e) => setInvitedRole(assignable.find((r) => r === e.target.value) ?? 'recruiter')}>
              {assignable.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
            </select>
          </div>
        </div>
        {invite.isError && <p className="error" role="alert">Could not invite: {messageOf(invite.error)}</p>}
        <button type="submit" disabled={invite.isPending}>{invite.isPending ? 'Inviting…' : 'Invite'}</button>
      </form>
      {created && (
        <div className="notice" role="status">
          <p>{created.invitation.email} is invited as {roleName(created.invitation.role)} and has been emailed. This link is shown only once; it works until {until.format(new Date(created.invitation.expiresAt))}:</p>
          <label htmlFor="invite-link">Invitation link</label>
          <input id="invite-link" className="wide" readOnly value={linkOf(created.token)} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {revoke.isError && <p className="error" role="alert">Could not revoke the invitation: {messageOf(revoke.error)}</p>}
      {list.isPending ? <Loading what="invitations" />
        : list.isError ? <ErrorMessage error={list.error} what="the invitations" />
          : pending.length === 0 ? <Empty>No pending invitations.</Empty>
            : (
              <ul className="invitations">
                {pending.map((i) => (
                  <li key={i.id}>
                    {i.email} · {roleName(i.role)} · until {until.format(new Date(i.expiresAt))}{' '}
                    <button type="button" onClick={() => revoke.mutate(i.id)} disabled={revoke.isPending} aria-label={`Revoke the invitation of ${i.email}`}>Revoke</button>
                  </li>
                ))}
              </ul>
            )}
    </section>
  );
}
