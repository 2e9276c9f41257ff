import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { Invitations } from './Invitations.tsx';
import { MemberActions } from './MemberActions.tsx';

const joined = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
export const roleName = (role: string): string => role.replace('_', ' ');

export function Members() {
  const { role } = useSignedIn();
  const members = useQuery({ queryKey: ['members'], queryFn: async () => dataOf(await api.GET('/v1/members')) });
  return (
    <>
      <section aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        {members.isPending ? <Loading what="members" />
          : members.isError ? <ErrorMessage error={members.error} what="the members" />
            : members.data.data.length === 0 ? <Empty>No members yet.</Empty>
              : (
                <table className="jobs">
                  <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Joined</th></tr></thead>
                  <tbody>
                    {members.data.data.map((m) => (
                      <tr key={m.userId}>
                        <th scope="row">{m.name}</th><td>{m.email}</td>
                        {can(role, 'members:manage') ? <MemberActions member={m} /> : <td className="role">{roleName(m.role)}</td>}
                        <td>{joined.format(new Date(m.joinedAt))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
      </section>
      {can(role, 'members:manage') && <Invitations />}
    </>
  );
}
