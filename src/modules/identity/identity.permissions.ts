/**
 * The permission matrix: the one place that says who may do what. Routes name a permission;
 * src/http/auth.ts checks it against the caller's grants; nothing else decides access.
 */
export const permissions = [
  'jobs:read', 'jobs:write', 'jobs:publish', 'jd:parse',
  'candidates:read', 'candidates:write',
  'members:read', 'members:manage', 'api-keys:manage', 'audit:read', 'events:read', 'org:manage',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** `all`: everything in the org; `assigned`: only jobs the user is on the hiring team of (and their candidates). */
export type Reach = 'all' | 'assigned';
export type Grants = ReadonlyMap<Permission, Reach>;

const everything = Object.fromEntries(permissions.map((p) => [p, 'all'])) as Record<Permission, Reach>;

export const permissionMatrix: Record<Role, Partial<Record<Permission, Reach>>> = {
  owner: everything,
  admin: everything,
  recruiter: {
    'jobs:read': 'all', 'jobs:write': 'all', 'jobs:publish': 'all', 'jd:parse': 'all',
    'candidates:read': 'all', 'candidates:write': 'all', 'members:read': 'all',
  },
  hiring_manager: {
    'jobs:read': 'assigned', 'jobs:write': 'assigned', 'candidates:read': 'assigned', 'candidates:write': 'assigned', 'members:read': 'all',
  },
  interviewer: { 'jobs:read': 'assigned', 'candidates:read': 'assigned' },
  viewer: { 'jobs:read': 'all', 'candidates:read': 'all', 'members:read': 'all' },
};

export const grantsOfRole = (role: Role): Grants => new Map(Object.entries(permissionMatrix[role]) as [Permission, Reach][]);

/** An API key's scopes are permissions over the whole org: keys act for the org, not for a person. */
export const grantsOfScopes = (scopes: readonly string[]): Grants =>
  new Map(scopes.filter((s): s is Permission => (permissions as readonly string[]).includes(s)).map((s) => [s, 'all']));

/** Who may hand out a role: only an owner makes owners; admins manage every other role. */
export const canAssignRole = (actor: Role, target: Role): boolean =>
  actor === 'owner' || (actor === 'admin' && target !== 'owner');

/** The caller's org and how far a permission reaches; `assignedTo` is set when it covers only their assigned jobs. */
export interface Scope {
  orgId: string;
  assignedTo: string | null;
}

/** For the system itself (CLI, seeding, sweeps): the whole org. */
export const wholeOrg = (orgId: string): Scope => ({ orgId, assignedTo: null });
