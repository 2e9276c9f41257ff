import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import type { Member } from '../../api/types.ts';
import { useSignedIn } from '../../session.tsx';
import { canAssignRole, roles } from '../../../../src/modules/access/permission-matrix.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { roleName } from './Members.tsx';

/**
 * Change a member's role or remove them: only roles the signed-in person may hand out are offered
 * (owners alone make or unmake owners); the API keeps the org's last owner.
 */
export function MemberActions({ member }: { member: Member }) {
  const { role, user } = useSignedIn();
  const queries = useQueryClient();
  const done = () => queries.invalidateQueries({ queryKey: ['members'] });
  const change = useMutation({
    mutationFn: async (to: Member['role']) => dataOf(await api.PATCH('/v1/members/{userId}', { params: { path: { userId: member.userId } }, body: { role: to } })),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/v1/members/{userId}', { params: { path: { userId: member.userId } } });
      if (!result.response.ok) throw problemOf(result.error, result.response);
    },
    onSuccess: done,
  });
  if (!canAssignRole(role, member.role) || member.userId === user.id) return <td className="role">{roleName(member.role)}</td>;
  const failed = change.isError ? change.error : remove.isError ? remove.error : null;

  return (
    <td>
      <label htmlFor={`role-${member.userId}`} className="visually-hidden">Permissions of {member.name}</label>
      <select id={`role-${member.userId}`} value={member.role} disabled={change.isPending}
        onChange={(e) => { const to = roles.find((r) => r === e.target.value); if (to) change.mutate(to); }}>
        {roles.filter((r) => canAssignRole(role, r)).map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
      </select>{' '}
      <ConfirmButton label="Remove" accessibleName={`Remove ${member.name}`} disabled={remove.isPending}
        question={`Remove ${member.name} from the organization? Their sessions here end.`} onConfirm={() => remove.mutate()} />
      {failed && <p className="error" role="alert">Could not change {member.name}: {messageOf(failed)}</p>}
    </td>
  );
}
