import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Member } from '../../api/types.ts';
import { can, useSignedIn } from '../../session.tsx';

export const candidateQuery = (candidateId: string) => queryOptions({
  queryKey: ['candidate', candidateId],
  queryFn: async () => dataOf(await api.GET('/v1/candidates/{id}', { params: { path: { id: candidateId } } })),
});

export const historyQuery = (applicationId: string) => queryOptions({
  queryKey: ['history', applicationId],
  queryFn: async () => dataOf(await api.GET('/v1/applications/{id}/history', { params: { path: { id: applicationId } } })),
});

export const notesQuery = (candidateId: string) => queryOptions({
  queryKey: ['candidate', candidateId, 'notes'],
  queryFn: async () => dataOf(await api.GET('/v1/candidates/{id}/notes', { params: { path: { id: candidateId }, query: { limit: 100 } } })),
});

/** The org's members; none for roles that may not list them. */
export function useMembers(): Member[] {
  const { role } = useSignedIn();
  const members = useQuery({
    queryKey: ['members'],
    queryFn: async () => dataOf(await api.GET('/v1/members')),
    enabled: can(role, 'members:read'),
    staleTime: 5 * 60_000,
  });
  return members.data?.data ?? [];
}

/** Member names by user id, to say who did what; empty for roles that may not list members. */
export function useMemberNames(): ReadonlyMap<string, string> {
  return new Map(useMembers().map((member) => [member.userId, member.name]));
}

export function actorName(actor: { type: string; id: string | null }, names: ReadonlyMap<string, string>): string {
  if (actor.type === 'user') return (actor.id && names.get(actor.id)) || 'a team member';
  if (actor.type === 'api-key') return 'an API key';
  if (actor.type === 'candidate') return 'the candidate';
  return 'Hireline';
}
