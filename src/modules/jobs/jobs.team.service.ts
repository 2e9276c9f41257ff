import { notFound } from '../../app-error.ts';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { authorize, requireWholeOrg, type JobAccess, type Principal } from '../access/index.ts';
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

/** The hiring team of a job: who, beyond recruiters and admins, may see it and its candidates. */
export function createJobTeamService({ database, repo, teamRepo, isMember }: JobTeamDeps) {
  async function visibleJob(access: JobAccess, jobId: string): Promise<void> {
    if (!(await database.tenant(access.orgId, (tx) => repo.findById(access, jobId, tx)))) throw notFound('Job');
  }
  const list = async (orgId: string, jobId: string): Promise<TeamMember[]> =>
    (await database.tenant(orgId, (tx) => repo.team(orgId, jobId, tx))).map((m) => ({ userId: m.userId, addedAt: m.addedAt.toISOString() }));

  /**
   * The team decides who else sees the job, so changing it is for callers who manage all of the org's
   * jobs: a hiring manager edits an assigned job but cannot hand its access to someone else.
   */
  async function changeable(principal: Principal, jobId: string): Promise<JobAccess> {
    const access = authorize(principal, 'jobs:write');
    await visibleJob(access, jobId);
    requireWholeOrg(access, 'change a hiring team');
    return access;
  }

  return {
    async list(principal: Principal, jobId: string): Promise<TeamMember[]> {
      const access = authorize(principal, 'jobs:read');
      await visibleJob(access, jobId);
      return list(access.orgId, jobId);
    },

    async add(principal: Principal, jobId: string, userId: string): Promise<TeamMember[]> {
      const { orgId } = await changeable(principal, jobId);
      // Another org's user is as unknown here as a user who does not exist.
      if (!(await isMember(orgId, userId))) throw notFound('User');
      await database.tenant(orgId, (tx) => repo.addToTeam(orgId, jobId, userId, tx));
      return list(orgId, jobId);
    },

    async remove(principal: Principal, jobId: string, userId: string): Promise<void> {
      const { orgId } = await changeable(principal, jobId);
      if (!(await database.tenant(orgId, (tx) => repo.removeFromTeam(orgId, jobId, userId, tx)))) throw notFound('Team member');
    },

    /**
     * Someone who left the org leaves every team with them, in the caller's transaction (the removal's),
     * so a later re-invitation starts with no seats rather than silently getting the old ones back.
     */
    removeMember: (orgId: string, userId: string, tx: DbExecutor): Promise<number> => teamRepo.removeUser(orgId, userId, tx),
  };
}
export type JobTeamService = ReturnType<typeof createJobTeamService>;
