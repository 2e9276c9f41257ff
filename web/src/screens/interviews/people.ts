import { useQuery } from '@tanstack/react-query';
import { permissionMatrix } from '../../../../src/modules/access/permission-matrix.ts';
import type { Member } from '../../api/types.ts';
import { can, useSignedIn } from '../../session.tsx';
import { useMemberNames } from '../candidate/queries.ts';
import { membersQuery, teamQuery } from './queries.ts';

/** A person's name by user id: "you" for the caller; members' names for roles that may list them. */
export function usePersonName(): (userId: string) => string {
  const { user } = useSignedIn();
  const names = useMemberNames();
  return (userId) => (userId === user.id ? 'you' : names.get(userId) ?? 'a team member');
}

/**
 * The members who may interview for the job, as the API checks it: roles that read every candidate,
 * and those whose reach is the job's hiring team when they are on it.
 */
export function useInterviewerChoices(jobId: string) {
  const { role } = useSignedIn();
  const readable = can(role, 'members:read');
  const members = useQuery({ ...membersQuery, enabled: readable });
  const team = useQuery(teamQuery(jobId));
  const onTeam = new Set((team.data?.data ?? []).map((m) => m.userId));
  const mayInterview = (m: Member) => {
    const reach = permissionMatrix[m.role]['candidates:read'];
    return reach === 'all' || (reach === 'assigned' && onTeam.has(m.userId));
  };
  return {
    isPending: readable && (members.isPending || team.isPending),
    error: members.error ?? team.error,
    // The team first: they are whom a recruiter most often picks.
    choices: (members.data?.data ?? []).filter(mayInterview).sort((a, b) => Number(onTeam.has(b.userId)) - Number(onTeam.has(a.userId))),
    onTeam,
  };
}
