import { AppError, notFound } from '../../app-error.ts';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import type { Scope } from '../identity/identity.permissions.ts';
import type { JobsRepo } from './jobs.repo.ts';
import type { TeamMember } from './jobs.schemas.ts';
import type { JobTeamRepo } from './jobs.team.repo.ts';

export interface JobTeamDeps {
  database: Pick<Database, 'tenant'>;
  repo: JobsRepo;
  teamRepo: JobTeamRepo;
  /** Whether a user belongs to the org; the identity module answers. */
  isMember: (orgId: string, userId: string) => Promise<boolean>;
}

/**
 * The team decides who else sees the job, so changing it is for callers who manage all of the org's
 * jobs: a hiring manager edits an assigned job but cannot hand its access to someone else.
 */
function requireWholeOrg(scope: Scope): void {
  if (scope.assignedTo !== null) throw new AppError('forbidden', 'Only a caller who manages all of the organization\'s jobs can change a hiring team');
}

/** The hiring team of a job: who, beyond recruiters and admins, may see it and its candidates. */
export function createJobTeamService({ database, repo, teamRepo, isMember }: JobTeamDeps) {
  async function visibleJob(scope: Scope, jobId: string): Promise<void> {
    if (!(await database.tenant(scope.orgId, (tx) => repo.findById(scope, jobId, tx)))) throw notFound('Job');
  }
  const list = async (orgId: string, jobId: string): Promise<TeamMember[]> =>
    (await database.tenant(orgId, (tx) => repo.team(orgId, jobId, tx))).map((m) => ({ userId: m.userId, addedAt: m.addedAt.toISOString() }));

  return {
    async list(scope: Scope, jobId: string): Promise<TeamMember[]> {
      await visibleJob(scope, jobId);
      return list(scope.orgId, jobId);
    },

    async add(scope: Scope, jobId: string, userId: string): Promise<TeamMember[]> {
      await visibleJob(scope, jobId);
      requireWholeOrg(scope);
      // Another org's user is as unknown here as a user who does not exist.
      if (!(await isMember(scope.orgId, userId))) throw notFound('User');
      await database.tenant(scope.orgId, (tx) => repo.addToTeam(scope.orgId, jobId, userId, tx));
      return list(scope.orgId, jobId);
    },

    async remove(scope: Scope, jobId: string, userId: string): Promise<void> {
      await visibleJob(scope, jobId);
      requireWholeOrg(scope);
      if (!(await database.tenant(scope.orgId, (tx) => repo.removeFromTeam(scope.orgId, jobId, userId, tx)))) throw notFound('Team member');
    },

    /**
     * Someone who left the org leaves every team with them, in the caller's transaction (the removal's),
     * so a later re-invitation starts with no seats rather than silently getting the old ones back.
     */
    removeMember: (orgId: string, userId: string, tx: DbExecutor): Promise<number> => teamRepo.removeUser(orgId, userId, tx),
  };
}
export type JobTeamService = ReturnType<typeof createJobTeamService>;
