import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { permissionMatrix } from '../../../../src/modules/access/permission-matrix.ts';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import type { Member } from '../../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { membersQuery, teamQuery } from '../interviews/queries.ts';

const roleName = (role: string): string => role.replace('_', ' ');
const describe = (m: Member): string => `${m.name} (${m.email}) · ${roleName(m.role)}`;

/**
 * Who beyond the roles that see every job may see this one: hiring managers and interviewers see only
 * the jobs whose team they are on. Changing it is for roles that manage all the org's jobs (the API's rule).
 */
export function HiringTeam({ jobId }: { jobId: string }) {
  const { role, user } = useSignedIn();
  const queries = useQueryClient();
  const team = useQuery(teamQuery(jobId));
  const members = useQuery({ ...membersQuery, enabled: can(role, 'members:read') });
  const [adding, setAdding] = useState('');
  const changeable = permissionMatrix[role]['jobs:write'] === 'all';
  const settle = (answer: { data: { userId: string; addedAt: string }[] }) => queries.setQueryData(teamQuery(jobId).queryKey, answer);

  const add = useMutation({
    mutationFn: async (userId: string) => dataOf(await api.PUT('/v1/jobs/{id}/team/{userId}', { params: { path: { id: jobId, userId } } })),
    onSuccess: (answer) => {
      settle(answer);
      setAdding('');
    },
  });
  const remove = useMutation({
    mutationFn: async (userId: string) => {
      const result = await api.DELETE('/v1/jobs/{id}/team/{userId}', { params: { path: { id: jobId, userId } } });
      if (!result.response.ok) throw problemOf(result.error, result.response);
      return userId;
    },
    onSuccess: (userId) => settle({ data: (team.data?.data ?? []).filter((m) => m.userId !== userId) }),
  });

  if (team.isPending) return <Loading what="the hiring team" />;
  if (team.isError) return <ErrorMessage error={team.error} what="the hiring team" />;
  const byId = new Map((members.data?.data ?? []).map((m) => [m.userId, m]));
  const onTeam = new Set(team.data.data.map((m) => m.userId));
  const addable = (members.data?.data ?? []).filter((m) => !onTeam.has(m.userId));
  const nameOf = (userId: string) => (userId === user.id ? 'You' : byId.get(userId)?.name ?? 'A team member');

  return (
    <>
      <p className="hint">Hiring managers and interviewers see only the jobs whose hiring team they are on; recruiters and admins see every job.</p>
      {team.data.data.length === 0 ? <Empty>Nobody is on the hiring team yet.</Empty> : (
        <ul className="team">
          {team.data.data.map((m) => {
            const member = byId.get(m.userId);
            return (
              <li key={m.userId}>
                {nameOf(m.userId)}
                {member && <span className="muted"> ({member.email}) · <span className="role">{roleName(member.role)}</span></span>}
                {changeable && (
                  <button type="button" className="small" onClick={() => remove.mutate(m.userId)} disabled={remove.isPending}
                    aria-label={`Remove ${nameOf(m.userId)} from the hiring team`}>Remove</button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {remove.isError && <p className="error" role="alert">Could not remove them: {messageOf(remove.error)}</p>}
      {changeable && members.isError && <ErrorMessage error={members.error} what="the members" />}
      {changeable && members.isSuccess && (
        <form className="filters" onSubmit={(e) => { e.preventDefault(); if (adding) add.mutate(adding); }}>
          <label htmlFor={`team-add-${jobId}`}>Add to the team</label>
          <select id={`team-add-${jobId}`} value={adding} onChange={(e) => setAdding(e.target.value)} required>
            <option value="">Choose a member…</option>
            {addable.map((m) => <option key={m.userId} value={m.userId}>{describe(m)}</option>)}
          </select>
          <button type="submit" disabled={add.isPending || adding === ''}>{add.isPending ? 'Adding…' : 'Add'}</button>
        </form>
      )}
      {add.isError && <p className="error" role="alert">Could not add them: {messageOf(add.error)}</p>}
    </>
  );
}
