import { AppError, notFound } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, canAssignRole, roleOfActor, type Caller, type Principal, type Role } from '../../access/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { SessionsRepo } from '../sessions/index.ts';
import type { MembershipRepo } from './membership.repo.ts';
import type { Member } from './membership.schemas.ts';

export interface MembersDeps {
  database: Pick<Database, 'tenant'>;
  repo: MembershipRepo;
  sessions: Pick<SessionsRepo, 'revokeSessionsOf'>;
  audit: Pick<AuditService, 'record'>;
  /** What other modules let go of when someone leaves an org (hiring-team seats), inside the removal's transaction. */
  onRemoved?: (orgId: string, userId: string, tx: DbExecutor) => Promise<unknown>;
  clock?: () => Date;
}

export function createMembersService({ database, repo, sessions, audit, onRemoved, clock = () => new Date() }: MembersDeps) {
  return {
    async list(principal: Principal): Promise<Member[]> {
      const { orgId } = authorize(principal, 'members:read');
      return (await database.tenant(orgId, (tx) => repo.members(orgId, tx))).map((m) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, joinedAt: m.createdAt.toISOString() }));
    },

    async isMember(orgId: string, userId: string): Promise<boolean> {
      return (await database.tenant(orgId, (tx) => repo.findMembership(orgId, userId, tx))) !== null;
    },

    /** Email, name and role of those of `userIds` who are members (for invites and calendars; no permission: the caller already holds one). */
    async contacts(orgId: string, userIds: readonly string[]): Promise<{ userId: string; email: string; name: string; role: Role }[]> {
      return database.tenant(orgId, (tx) => repo.membersAmong(orgId, userIds, tx));
    },

    async setRole({ principal, origin }: Caller, userId: string, role: Role): Promise<Member> {
      const { orgId } = authorize(principal, 'members:manage');
      const { actor } = principal;
      return database.tenant(orgId, async (tx) => {
        const owners = await repo.lockOwners(orgId, tx);
        const current = await repo.findMembership(orgId, userId, tx);
        if (!current) throw notFound('Member');
        if (!canAssignRole(roleOfActor(actor), current.role) || !canAssignRole(roleOfActor(actor), role)) {
          throw new AppError('forbidden', 'Only an owner can make someone an owner or change an owner\'s role');
        }
        if (current.role === 'owner' && role !== 'owner' && owners.length === 1) {
          throw new AppError('conflict', 'An organization needs an owner: make someone else owner first');
        }
        await repo.setRole(orgId, userId, role, tx);
        await audit.record({ orgId, action: 'member.role_changed', actor: auditActor(actor), origin, target: { type: 'user', id: userId }, data: { from: current.role, to: role } }, tx);
        const member = (await repo.members(orgId, tx)).find((m) => m.userId === userId);
        if (!member) throw notFound('Member');
        return { userId, email: member.email, name: member.name, role, joinedAt: member.createdAt.toISOString() };
      });
    },

    /** Removing someone ends their sessions in this org at once and takes them off its hiring teams. */
    async remove({ principal, origin }: Caller, userId: string): Promise<void> {
      const { orgId } = authorize(principal, 'members:manage');
      const { actor } = principal;
      await database.tenant(orgId, async (tx) => {
        const owners = await repo.lockOwners(orgId, tx);
        const current = await repo.findMembership(orgId, userId, tx);
        if (!current) throw notFound('Member');
        if (!canAssignRole(roleOfActor(actor), current.role)) throw new AppError('forbidden', 'Only an owner can remove an owner');
        if (current.role === 'owner' && owners.length === 1) throw new AppError('conflict', 'The last owner cannot be removed');
        await repo.deleteMembership(orgId, userId, tx);
        const ended = await sessions.revokeSessionsOf(userId, 'removed-from-org', clock(), { orgId }, tx);
        await onRemoved?.(orgId, userId, tx);
        await audit.record({ orgId, action: 'member.removed', actor: auditActor(actor), origin, target: { type: 'user', id: userId }, data: { role: current.role, endedSessions: ended } }, tx);
      });
    },
  };
}
export type MembersService = ReturnType<typeof createMembersService>;
