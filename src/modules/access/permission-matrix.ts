/**
 * The permission matrix: the one place that says which role holds which permission, and how far.
 * Routes name a permission (the coarse gate in src/http/auth.ts); services call authorize() for
 * the resource they touch; nothing else decides access.
 */
export const permissions = [
  'jobs:read', 'jobs:write', 'jobs:publish', 'jd:parse',
  'candidates:read', 'candidates:write',
  'members:read', 'members:manage', 'api-keys:manage', 'audit:read', 'events:read', 'org:manage', 'webhooks:manage',
  // The org's share of the background task queue (GET /v1/admin/tasks).
  'tasks:read',
] as const;
/** A named capability, such as `jobs:read`. Roles and API keys hold permissions. */
export type Permission = (typeof permissions)[number];

export const roles = ['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** How far a held permission reaches: `all` of the org, or only the jobs whose hiring team the user is on. */
export type Reach = 'all' | 'assigned';
/** The permissions a caller holds, each with its reach. */
export type Grants = ReadonlyMap<Permission, Reach>;

export const isPermission = (name: string): name is Permission => (permissions as readonly string[]).includes(name);

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

/** An API key's permissions reach the whole org: keys act for the org, not for a person. Unknown names grant nothing. */
export const grantsOfPermissions = (held: readonly string[]): Grants =>
  new Map(held.filter(isPermission).map((p) => [p, 'all']));

/** Who may hand out a role: only an owner makes owners; admins manage every other role. */
export const canAssignRole = (actor: Role, target: Role): boolean =>
  actor === 'owner' || (actor === 'admin' && target !== 'owner');
