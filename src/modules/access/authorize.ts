import { AppError } from '../../app-error.ts';
import type { Permission } from './permission-matrix.ts';
import type { Principal } from './principal.ts';

/**
 * Which jobs a permission lets a caller touch: every job of `orgId`, or (`assignedTo` set) only
 * those whose hiring team includes that user. Candidates, applications and interviews are reached
 * through their job, so the same value decides them; the jobs module turns it into SQL (jobsVisibleTo).
 */
export interface JobAccess {
  orgId: string;
  assignedTo: string | null;
}

/**
 * The one authorization check services (and GraphQL resolvers) call for the resource they touch:
 * throws forbidden unless the principal holds the permission, and says how far it reaches.
 */
export function authorize(principal: Principal, permission: Permission): JobAccess {
  const reach = principal.grants.get(permission);
  if (!reach) throw new AppError('forbidden', `This needs the ${permission} permission`);
  const assignedTo = reach === 'assigned' && principal.actor.kind === 'user' ? principal.actor.userId : null;
  return { orgId: principal.orgId, assignedTo };
}

/** For acts on the whole org (creating or deleting jobs, changing a hiring team): an assigned reach is not enough. */
export function requireWholeOrg(access: JobAccess, what: string): void {
  if (access.assignedTo !== null) throw new AppError('forbidden', `Only a caller who manages all of the organization's jobs can ${what}`);
}
