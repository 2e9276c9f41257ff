import { notFound } from '../../app-error.ts';
import type { Scope } from '../identity/identity.permissions.ts';
import type { JobsRepo } from './jobs.repo.ts';
import type { TeamMember } from './jobs.schemas.ts';

export interface JobTeamDeps {
  repo: JobsRepo;
  /** Whether a user belongs to the org; the identity module answers. */
  isMember: (orgId: string, userId: string) => Promise<boolean>;
}

/** The hiring team of a job: who, beyond recruiters and admins, may see it and its candidates. */
export function createJobTeamService({ repo, isMember }: JobTeamDeps) {
  async function visibleJob(scope: Scope, jobId: string): Promise<void> {
    if (!(await repo.findById(scope, jobId))) throw notFound('Job');
  }
  const list = async (orgId: string, jobId: string): Promise<TeamMember[]> =>
    (await repo.team(orgId, jobId)).map((m) => ({ userId: m.userId, addedAt: m.addedAt.toISOString() }));

  return {
    async list(scope: Scope, jobId: string): Promise<TeamMember[]> {
      await visibleJob(scope, jobId);
      return list(scope.orgId, jobId);
    },

    async add(scope: Scope, jobId: string, userId: string): Promise<TeamMember[]> {
      await visibleJob(scope, jobId);
      // Another org's user is as unknown here as a user who does not exist.
      if (!(await isMember(scope.orgId, userId))) throw notFound('User');
      await repo.addToTeam(scope.orgId, jobId, userId);
      return list(scope.orgId, jobId);
    },

    async remove(scope: Scope, jobId: string, userId: string): Promise<void> {
      await visibleJob(scope, jobId);
      if (!(await repo.removeFromTeam(scope.orgId, jobId, userId))) throw notFound('Team member');
    },
  };
}
export type JobTeamService = ReturnType<typeof createJobTeamService>;
