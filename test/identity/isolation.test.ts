import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAPIV3_1 } from 'openapi-types';
import { permissionMatrix, roles, type Permission } from '../../src/modules/access/index.ts';
import { createJob, json, startTestApp, type TestApp } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';

/** Org B's resources, which org A's callers try to reach. */
interface Fixture {
  jobId: string;
  keyId: string;
  invitationId: string;
  memberId: string;
  sessionId: string;
}

/**
 * Every private operation of the OpenAPI document must be listed here, saying how a caller from org A
 * could try to reach org B's data through it. `resource`: with B's ids in the path it must answer 404.
 * `list`: it must answer 200 without any of B's ids. `own`: it acts only on the caller's own account or
 * creates in the caller's own org, so there is nothing of B's to name.
 */
type Entry =
  | { kind: 'resource'; params: (b: Fixture) => Record<string, string>; body?: unknown }
  | { kind: 'list' }
  | { kind: 'own'; body?: unknown };

const matrix: Record<string, Entry> = {
  'POST /v1/auth/logout': { kind: 'own' },
  'POST /v1/auth/logout-everywhere': { kind: 'own' },
  'GET /v1/me': { kind: 'own' },
  'PUT /v1/me/password': { kind: 'own', body: { currentPassword: 'x', newPassword: 'y' } },
  'GET /v1/me/sessions': { kind: 'list' },
  'DELETE /v1/me/sessions/{id}': { kind: 'resource', params: (b) => ({ id: b.sessionId }) },
  'GET /v1/org': { kind: 'own' },
  'POST /v1/me/email-verification': { kind: 'own' },
  'GET /v1/org/sso': { kind: 'own' },
  'PUT /v1/org/sso': { kind: 'own', body: { issuer: 'https://idp.example.test', clientId: 'c', clientSecret: 's' } },
  'DELETE /v1/org/sso': { kind: 'own' },
  'GET /v1/members': { kind: 'list' },
  'PATCH /v1/members/{userId}': { kind: 'resource', params: (b) => ({ userId: b.memberId }), body: { role: 'viewer' } },
  'DELETE /v1/members/{userId}': { kind: 'resource', params: (b) => ({ userId: b.memberId }) },
  'GET /v1/invitations': { kind: 'list' },
  'POST /v1/invitations': { kind: 'own', body: { email: 'new@example.test', role: 'viewer' } },
  'DELETE /v1/invitations/{id}': { kind: 'resource', params: (b) => ({ id: b.invitationId }) },
  'GET /v1/api-keys': { kind: 'list' },
  'POST /v1/api-keys': { kind: 'own', body: { name: 'k', scopes: ['jobs:read'] } },
  'DELETE /v1/api-keys/{id}': { kind: 'resource', params: (b) => ({ id: b.keyId }) },
  'GET /v1/audit-events': { kind: 'list' },
  'GET /v1/events': { kind: 'list' },
  'POST /v1/jobs': { kind: 'own', body: { title: 'Mine' } },
  'GET /v1/jobs': { kind: 'list' },
  'POST /v1/jobs/import': { kind: 'own', body: { text: 'Backend Engineer\n\nWe need one.' } },
  'GET /v1/jobs/{id}': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'PATCH /v1/jobs/{id}': { kind: 'resource', params: (b) => ({ id: b.jobId }), body: { title: 'Taken over' } },
  'DELETE /v1/jobs/{id}': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'POST /v1/jobs/{id}/publish': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'POST /v1/jobs/{id}/close': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'POST /v1/jobs/{id}/reopen': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'POST /v1/jobs/{id}/archive': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'GET /v1/jobs/{id}/team': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'PUT /v1/jobs/{id}/team/{userId}': { kind: 'resource', params: (b) => ({ id: b.jobId, userId: b.memberId }) },
  'DELETE /v1/jobs/{id}/team/{userId}': { kind: 'resource', params: (b) => ({ id: b.jobId, userId: b.memberId }) },
  'POST /v1/job-descriptions/parse': { kind: 'own', body: { text: 'Engineer' } },
};

interface Operation {
  key: string;
  method: string;
  path: string;
  /** The permission the route needs, or `user` for a person's own routes, or null for any credential. */
  needs: Permission | 'user' | null;
}

function privateOperations(doc: OpenAPIV3_1.Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const security = item?.[method]?.security;
      if (!security || security.length === 0) continue;
      const apiKey = security.find((s) => 'apiKey' in s)?.apiKey;
      const needs = apiKey === undefined ? 'user' : (apiKey[0] as Permission | undefined) ?? null;
      operations.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, needs });
    }
  }
  return operations;
}

const fill = (path: string, params: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `missing-${name}`);

describe('tenant isolation and permissions across every private route', () => {
  let t: TestApp;
  let ownerA: TestUser;
  let b: Fixture;
  let bIds: string[];
  let operations: Operation[];

  before(async () => {
    t = await startTestApp();
    ownerA = await signUp(t);
    const ownerB = await signUp(t);
    const memberB = await join(t, ownerB.auth, 'viewer');
    const job = await createJob(t, { id: ownerB.orgId, slug: ownerB.orgSlug, apiKey: '', auth: ownerB.auth });
    const key = json<{ key: { id: string } }>(await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: ownerB.auth, payload: { name: 'b', scopes: ['jobs:read'] } }));
    const invitation = json<{ invitation: { id: string } }>(await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: ownerB.auth, payload: { email: 'b-invitee@example.test', role: 'viewer' } }));
    b = { jobId: job.id, keyId: key.key.id, invitationId: invitation.invitation.id, memberId: memberB.userId, sessionId: ownerB.sessionId };
    bIds = [...Object.values(b), ownerB.userId, ownerB.orgId];
    operations = privateOperations(json(await t.app.inject({ method: 'GET', url: '/openapi.json' })));
  });
  after(() => t.close());

  test('the matrix lists exactly the private routes of the OpenAPI document', () => {
    assert.ok(operations.length >= 30, `found ${operations.length} private operations`);
    assert.deepEqual(operations.map((o) => o.key).filter((k) => !matrix[k]), [], 'private routes missing from the matrix');
    assert.deepEqual(Object.keys(matrix).filter((k) => !operations.some((o) => o.key === k)), [], 'matrix entries for routes that do not exist');
  });

  test('a caller from another org gets 404 for its resources and never sees them in lists', async () => {
    for (const op of operations) {
      const entry = matrix[op.key];
      if (!entry || entry.kind === 'own') continue;
      if (entry.kind === 'resource') {
        const res = await t.app.inject({
          method: op.method as 'GET', url: fill(op.path, entry.params(b)), headers: ownerA.auth,
          ...(entry.body !== undefined ? { payload: entry.body as Record<string, unknown> } : {}),
        });
        assert.equal(res.statusCode, 404, `${op.key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      } else {
        const res = await t.app.inject({ method: 'GET', url: op.path, headers: ownerA.auth });
        assert.equal(res.statusCode, 200, op.key);
        for (const id of bIds) assert.ok(!res.body.includes(id), `${op.key} leaks ${id}`);
      }
    }
  });

  test('a caller without the permission gets 403: API keys with another scope, and every role that lacks it', async () => {
    const people = new Map<string, TestUser>();
    for (const role of roles) if (role !== 'owner') people.set(role, await join(t, ownerA.auth, role));
    let checked = 0;
    for (const op of operations) {
      const entry = matrix[op.key];
      if (!entry || op.needs === null) continue;
      const otherScope = op.needs === 'jd:parse' ? 'jobs:read' : 'jd:parse';
      const key = json<{ apiKey: string }>(await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: ownerA.auth, payload: { name: 'narrow', scopes: [otherScope] } }));
      const callers = [{ authorization: `Bearer ${key.apiKey}` }];
      if (op.needs !== 'user') {
        for (const [role, person] of people) if (!permissionMatrix[role as keyof typeof permissionMatrix][op.needs]) callers.push(person.auth);
      }
      for (const headers of callers) {
        const params: Record<string, string> = entry.kind === 'resource' ? entry.params(b) : {};
        const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({ method: op.method as 'GET', url: fill(op.path, params), headers, payload: entry.kind !== 'list' && entry.body ? entry.body as Record<string, unknown> : undefined });
        assert.equal(res.statusCode, 403, `${op.key} as ${headers.authorization.slice(0, 12)}: ${res.statusCode}`);
        checked++;
      }
    }
    assert.ok(checked > operations.length, `checked ${checked} forbidden calls`);
  });
});
