import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAPIV3_1 } from 'openapi-types';
import { permissionMatrix, roles, type Permission } from '../../src/modules/access/index.ts';
import { createJob, json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';

/** Org B's resources, which org A's callers try to reach. */
interface Fixture {
  jobId: string;
  candidateId: string;
  otherCandidateId: string;
  applicationId: string;
  attachmentId: string;
  noteId: string;
  interviewId: string;
  scorecardId: string;
  schedulingLinkId: string;
  offerId: string;
  templateId: string;
  reasonId: string;
  candidateFieldId: string;
  keyId: string;
  invitationId: string;
  memberId: string;
  sessionId: string;
  erasureRequestId: string;
  webhookId: string;
  deliveryId: string;
}

/**
 * Every private operation of the OpenAPI document must be listed here, saying how a caller from org A
 * could try to reach org B's data through it. `resource`: with B's ids in the path it must answer 404.
 * `list`: it must answer 200 without any of B's ids. `own`: it acts only on the caller's own account or
 * creates in the caller's own org, so there is nothing of B's to name.
 */
type Entry =
  | { kind: 'resource'; params: (b: Fixture) => Record<string, string>; query?: (b: Fixture) => Record<string, string>; body?: unknown }
  | { kind: 'list' }
  | { kind: 'own'; body?: unknown }
  /** An endless event stream: replayed from the beginning, it must carry none of B's ids up to its `: live` mark. */
  | { kind: 'stream' };

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
  'GET /v1/admin/tasks': { kind: 'list' },
  'GET /v1/events': { kind: 'list' },
  'GET /v1/events/stream': { kind: 'stream' },
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
  'GET /v1/job-descriptions/llm-usage': { kind: 'own' },
  'PATCH /v1/org': { kind: 'own', body: { privacyNoticeUrl: null, privacyNoticeVersion: null } },
  'GET /v1/org/branding': { kind: 'own' },
  'PUT /v1/org/branding': { kind: 'own', body: { logoUrl: null, accentColor: '#123456', introText: null } },
  'GET /v1/jobs/{jobId}/questions': { kind: 'resource', params: (b) => ({ jobId: b.jobId }) },
  'PUT /v1/jobs/{jobId}/questions': { kind: 'resource', params: (b) => ({ jobId: b.jobId }), body: { questions: [] } },
  'POST /v1/candidates': { kind: 'own', body: { name: 'Mine', emails: ['mine@example.test'] } },
  'GET /v1/candidates': { kind: 'list' },
  'GET /v1/candidates/duplicates': { kind: 'list' },
  'GET /v1/candidates/{id}': { kind: 'resource', params: (b) => ({ id: b.candidateId }) },
  'PATCH /v1/candidates/{id}': { kind: 'resource', params: (b) => ({ id: b.candidateId }), body: { name: 'Taken over' } },
  'POST /v1/candidates/{id}/merge': { kind: 'resource', params: (b) => ({ id: b.candidateId }), body: { candidateId: 'cand_x' } },
  'GET /v1/candidates/{id}/export': { kind: 'resource', params: (b) => ({ id: b.candidateId }) },
  'POST /v1/candidates/{id}/erase': { kind: 'resource', params: (b) => ({ id: b.candidateId }), body: { reason: 'Taken over' } },
  'POST /v1/candidates/import': { kind: 'own', body: 'name,email\nMine,mine@example.test\n' },
  'GET /v1/candidate-fields': { kind: 'list' },
  'POST /v1/candidate-fields': { kind: 'own', body: { key: 'mine', label: 'Mine', type: 'text' } },
  'DELETE /v1/candidate-fields/{id}': { kind: 'resource', params: (b) => ({ id: b.candidateFieldId }) },
  'GET /v1/candidates/{id}/attachments': { kind: 'resource', params: (b) => ({ id: b.candidateId }) },
  'GET /v1/candidates/{id}/attachments/{attachmentId}/content': { kind: 'resource', params: (b) => ({ id: b.candidateId, attachmentId: b.attachmentId }) },
  'POST /v1/candidates/{id}/notes': { kind: 'resource', params: (b) => ({ id: b.candidateId }), body: { body: 'Sneaky' } },
  'GET /v1/candidates/{id}/notes': { kind: 'resource', params: (b) => ({ id: b.candidateId }) },
  'GET /v1/notes/{id}': { kind: 'resource', params: (b) => ({ id: b.noteId }) },
  'PATCH /v1/notes/{id}': { kind: 'resource', params: (b) => ({ id: b.noteId }), body: { body: 'Taken over' } },
  'DELETE /v1/notes/{id}': { kind: 'resource', params: (b) => ({ id: b.noteId }) },
  'GET /v1/pipeline-templates': { kind: 'list' },
  'POST /v1/pipeline-templates': { kind: 'own', body: { name: 'Mine', stages: [{ name: 'Applied', kind: 'applied' }, { name: 'Hired', kind: 'hired' }] } },
  'GET /v1/pipeline-templates/{id}': { kind: 'resource', params: (b) => ({ id: b.templateId }) },
  'PATCH /v1/pipeline-templates/{id}': { kind: 'resource', params: (b) => ({ id: b.templateId }), body: { name: 'Taken over' } },
  'DELETE /v1/pipeline-templates/{id}': { kind: 'resource', params: (b) => ({ id: b.templateId }) },
  'GET /v1/jobs/{id}/stages': { kind: 'resource', params: (b) => ({ id: b.jobId }) },
  'PUT /v1/jobs/{id}/stages': { kind: 'resource', params: (b) => ({ id: b.jobId }), body: { stages: [{ name: 'Applied', kind: 'applied' }, { name: 'Hired', kind: 'hired' }] } },
  'POST /v1/jobs/{id}/stages/apply-template': { kind: 'resource', params: (b) => ({ id: b.jobId }), body: { templateId: 'ptpl_x' } },
  'GET /v1/rejection-reasons': { kind: 'list' },
  'POST /v1/rejection-reasons': { kind: 'own', body: { name: 'Mine' } },
  'PATCH /v1/rejection-reasons/{id}': { kind: 'resource', params: (b) => ({ id: b.reasonId }), body: { archived: true } },
  'POST /v1/applications': { kind: 'own', body: { candidateId: 'cand_x', jobId: 'job_x' } },
  'GET /v1/applications': { kind: 'list' },
  'GET /v1/applications/{id}': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'GET /v1/applications/{id}/history': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'POST /v1/applications/{id}/move': { kind: 'resource', params: (b) => ({ id: b.applicationId }), body: { stageId: 'stg_x' } },
  'POST /v1/applications/{id}/reject': { kind: 'resource', params: (b) => ({ id: b.applicationId }), body: { reasonId: 'rjr_x' } },
  'POST /v1/applications/{id}/unreject': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'POST /v1/applications/{id}/withdraw': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'POST /v1/applications/{id}/reopen': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'POST /v1/applications/bulk/move': { kind: 'own', body: { applicationIds: ['app_x'], stageId: 'stg_x' } },
  'POST /v1/applications/bulk/reject': { kind: 'own', body: { applicationIds: ['app_x'], reasonId: 'rjr_x' } },
  'GET /v1/jobs/{jobId}/pipeline': { kind: 'resource', params: (b) => ({ jobId: b.jobId }) },
  'GET /v1/jobs/{jobId}/pipeline/stages/{stageId}/applications': { kind: 'resource', params: (b) => ({ jobId: b.jobId, stageId: 'stg_x' }) },
  'GET /v1/reports/pipeline': { kind: 'resource', params: () => ({}), query: (b) => ({ jobId: b.jobId }) },
  'GET /v1/reports/time-to-hire': { kind: 'list' },
  'GET /v1/reports/sources': { kind: 'list' },
  'GET /v1/reports/eeo': { kind: 'resource', params: () => ({}), query: (b) => ({ jobId: b.jobId }) },
  'GET /v1/eeo-questions': { kind: 'list' },
  'PUT /v1/eeo-questions': { kind: 'own', body: { questions: [] } },
  'GET /v1/retention-policy': { kind: 'own' },
  'PUT /v1/retention-policy': { kind: 'own', body: { enabled: false, anonymizeAfterMonths: 6, keepConsentedMonths: 24 } },
  'POST /v1/applications/{id}/interviews': {
    kind: 'resource', params: (b) => ({ id: b.applicationId }),
    body: { start: '2030-01-01T09:00:00Z', end: '2030-01-01T10:00:00Z', timeZone: 'UTC', kind: 'phone', interviewers: ['usr_x'] },
  },
  'GET /v1/applications/{id}/interviews': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'GET /v1/interviews/{id}': { kind: 'resource', params: (b) => ({ id: b.interviewId }) },
  'PATCH /v1/interviews/{id}': { kind: 'resource', params: (b) => ({ id: b.interviewId }), body: { agenda: 'Taken over' } },
  'POST /v1/interviews/{id}/cancel': { kind: 'resource', params: (b) => ({ id: b.interviewId }) },
  'GET /v1/interviews/{id}/invite.ics': { kind: 'resource', params: (b) => ({ id: b.interviewId }) },
  'GET /v1/me/interviews': { kind: 'list' },
  'POST /v1/me/calendar-feed': { kind: 'own' },
  'DELETE /v1/me/calendar-feed': { kind: 'own' },
  'GET /v1/jobs/{jobId}/scorecard-criteria': { kind: 'resource', params: (b) => ({ jobId: b.jobId }) },
  'PUT /v1/jobs/{jobId}/scorecard-criteria': { kind: 'resource', params: (b) => ({ jobId: b.jobId }), body: { criteria: [] } },
  'GET /v1/interviews/{id}/scorecard': { kind: 'resource', params: (b) => ({ id: b.interviewId }) },
  'PUT /v1/interviews/{id}/scorecard': { kind: 'resource', params: (b) => ({ id: b.interviewId }), body: { notes: 'Taken over' } },
  'POST /v1/interviews/{id}/scorecard/submit': { kind: 'resource', params: (b) => ({ id: b.interviewId }), body: { recommendation: 'yes' } },
  'GET /v1/applications/{id}/scorecards': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'GET /v1/applications/{id}/scorecards/summary': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'GET /v1/scorecards/{id}': { kind: 'resource', params: (b) => ({ id: b.scorecardId }) },
  'POST /v1/candidates/{id}/status-link': { kind: 'resource', params: (b) => ({ id: b.candidateId }) },
  'DELETE /v1/candidates/{id}/status-link': { kind: 'resource', params: (b) => ({ id: b.candidateId }) },
  'GET /v1/erasure-requests': { kind: 'list' },
  'POST /v1/erasure-requests/{id}/confirm': { kind: 'resource', params: (b) => ({ id: b.erasureRequestId }) },
  'POST /v1/erasure-requests/{id}/decline': { kind: 'resource', params: (b) => ({ id: b.erasureRequestId }), body: {} },
  'GET /v1/me/availability': { kind: 'own' },
  'PUT /v1/me/availability': { kind: 'own', body: { windows: [] } },
  'POST /v1/applications/{id}/scheduling-links': {
    kind: 'resource', params: (b) => ({ id: b.applicationId }),
    body: { interviewers: ['usr_x'], durationMinutes: 30, kind: 'phone', from: '2030-01-01T00:00:00Z', to: '2030-01-10T00:00:00Z' },
  },
  'GET /v1/applications/{id}/scheduling-links': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'POST /v1/scheduling-links/{id}/revoke': { kind: 'resource', params: (b) => ({ id: b.schedulingLinkId }) },
  'POST /v1/applications/{id}/offers': {
    kind: 'resource', params: (b) => ({ id: b.applicationId }), body: { salary: { amount: 1, currency: 'EUR', period: 'year' }, startDate: '2030-01-01' },
  },
  'GET /v1/applications/{id}/offers': { kind: 'resource', params: (b) => ({ id: b.applicationId }) },
  'GET /v1/offers/{id}': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'GET /v1/offers/{id}/versions': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'PATCH /v1/offers/{id}': { kind: 'resource', params: (b) => ({ id: b.offerId }), body: { bonus: 'Taken over' } },
  'POST /v1/offers/{id}/submit': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'POST /v1/offers/{id}/approve': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'POST /v1/offers/{id}/reject': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'POST /v1/offers/{id}/send': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'POST /v1/offers/{id}/accept': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'POST /v1/offers/{id}/decline': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'POST /v1/offers/{id}/withdraw': { kind: 'resource', params: (b) => ({ id: b.offerId }) },
  'GET /v1/offer-settings': { kind: 'own' },
  'PUT /v1/offer-settings': { kind: 'own', body: { approvalMode: 'parallel' } },
  'POST /v1/webhooks': { kind: 'own', body: { url: 'http://127.0.0.1:9/mine' } },
  'GET /v1/webhooks': { kind: 'list' },
  'GET /v1/webhooks/{id}': { kind: 'resource', params: (b) => ({ id: b.webhookId }) },
  'PATCH /v1/webhooks/{id}': { kind: 'resource', params: (b) => ({ id: b.webhookId }), body: { url: 'http://127.0.0.1:9/taken-over' } },
  'DELETE /v1/webhooks/{id}': { kind: 'resource', params: (b) => ({ id: b.webhookId }) },
  'POST /v1/webhooks/{id}/rotate-secret': { kind: 'resource', params: (b) => ({ id: b.webhookId }) },
  'GET /v1/webhooks/{id}/deliveries': { kind: 'resource', params: (b) => ({ id: b.webhookId }) },
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': { kind: 'resource', params: (b) => ({ id: b.webhookId, deliveryId: b.deliveryId }) },
  // An org's templates and settings are keyed by the caller's org: there is no id of B's to name.
  'GET /v1/email-templates/{key}': { kind: 'own' },
  'PUT /v1/email-templates/{key}': { kind: 'own', body: { subject: 's', text: 't', html: 'h' } },
  'DELETE /v1/email-templates/{key}': { kind: 'own' },
  'POST /v1/email-templates/{key}/preview': { kind: 'own', body: {} },
  'GET /v1/email-settings': { kind: 'own' },
  'PUT /v1/email-settings': { kind: 'own', body: { rejection: { enabled: true, delayMinutes: 60 } } },
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
/** The entry's URL for org B's fixture: path parameters filled, and its query string if it names one. */
const urlOf = (op: Operation, entry: Entry, b: Fixture) => {
  if (entry.kind !== 'resource') return op.path;
  const query = entry.query ? `?${new URLSearchParams(entry.query(b)).toString()}` : '';
  return fill(op.path, entry.params(b)) + query;
};

describe('tenant isolation and permissions across every private route', () => {
  let t: TestApp;
  let ownerA: TestUser;
  let b: Fixture;
  let bIds: string[];
  let operations: Operation[];

  before(async () => {
    // Org B's webhook points at a port where nothing listens, allowlisted so that no DNS is needed.
    t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    ownerA = await signUp(t);
    const ownerB = await signUp(t);
    const webhook = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: ownerB.auth, payload: { url: 'http://127.0.0.1:9/b' } });
    assert.equal(webhook.statusCode, 201, webhook.body);
    const memberB = await join(t, ownerB.auth, 'viewer');
    const job = await createJob(t, { id: ownerB.orgId, slug: ownerB.orgSlug, apiKey: '', auth: ownerB.auth });
    const key = json<{ key: { id: string } }>(await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: ownerB.auth, payload: { name: 'b', scopes: ['jobs:read'] } }));
    const invitation = json<{ invitation: { id: string } }>(await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: ownerB.auth, payload: { email: 'b-invitee@example.test', role: 'viewer' } }));
    const orgB = { id: ownerB.orgId, slug: ownerB.orgSlug, apiKey: '', auth: ownerB.auth };
    const asB = async <T>(method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>): Promise<T> => {
      const res = await t.app.inject({ method, url, headers: ownerB.auth, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json<T>();
    };
    // Org B's applicant tracking: an application with a résumé, a second candidate, a note, a custom field.
    const openJob = await publishJob(t, orgB);
    const resume = { fileName: 'cv.pdf', contentBase64: Buffer.from(await makePdf('Org B applicant')).toString('base64') };
    const applied = await t.app.inject({ method: 'POST', url: `/v1/boards/${ownerB.orgSlug}/jobs/${openJob.id}/applications`, payload: { name: 'B Applicant', email: 'b-applicant@example.test', resume } });
    assert.equal(applied.statusCode, 201, applied.body);
    const { candidateId, applicationId } = await addApplicant(t, ownerB.orgId, job.id, { email: 'b-applicant@example.test' });
    const attachments = await asB<{ data: { id: string }[] }>('GET', `/v1/candidates/${candidateId}/attachments`);
    const other = await asB<{ id: string }>('POST', '/v1/candidates', { name: 'B Other', emails: ['b-other@example.test'] });
    const note = await asB<{ id: string }>('POST', `/v1/candidates/${candidateId}/notes`, { body: 'Org B only' });
    const templates = await asB<{ data: { id: string }[] }>('GET', '/v1/pipeline-templates');
    const reasons = await asB<{ data: { id: string }[] }>('GET', '/v1/rejection-reasons');
    const field = await asB<{ id: string }>('POST', '/v1/candidate-fields', { key: 'b_field', label: 'B field', type: 'text' });
    const interview = await asB<{ id: string }>('POST', `/v1/applications/${applicationId}/interviews`, {
      start: '2030-01-01T09:00:00Z', end: '2030-01-01T10:00:00Z', timeZone: 'Europe/Berlin', kind: 'phone', interviewers: [memberB.userId],
    });
    // The interviewer's submitted scorecard: org A must not reach it, nor write one on B's interview.
    const submitted = await t.app.inject({ method: 'POST', url: `/v1/interviews/${interview.id}/scorecard/submit`, headers: memberB.auth, payload: { recommendation: 'yes', notes: 'Org B only' } });
    assert.equal(submitted.statusCode, 200, submitted.body);
    // The other candidate asks for erasure from their status page, so org B has a pending request.
    const statusLink = await asB<{ apiUrl: string }>('POST', `/v1/candidates/${other.id}/status-link`);
    const asked = await t.app.inject({ method: 'POST', url: `${new URL(statusLink.apiUrl).pathname}/erasure-request`, payload: {} });
    assert.equal(asked.statusCode, 202, asked.body);
    const erasureRequests = await asB<{ data: { id: string }[] }>('GET', '/v1/erasure-requests');
    const link = await asB<{ link: { id: string } }>('POST', `/v1/applications/${applicationId}/scheduling-links`, {
      interviewers: [memberB.userId], durationMinutes: 30, kind: 'phone', from: '2030-01-01T00:00:00Z', to: '2030-01-10T00:00:00Z',
    });
    const offer = await asB<{ id: string }>('POST', `/v1/applications/${applicationId}/offers`, {
      salary: { amount: 90000, currency: 'EUR', period: 'year' }, startDate: '2030-02-01', approvers: [ownerB.userId],
    });
    await asB('POST', `/v1/offers/${offer.id}/submit`);
    // Org B's events become deliveries to its webhook (each attempt fails fast: connection refused).
    await t.container.webhooks.sweep(new Date(Date.now() + 3_000));
    const webhookId = webhook.json<{ id: string }>().id;
    const deliveries = await asB<{ data: { id: string }[] }>('GET', `/v1/webhooks/${webhookId}/deliveries?limit=1`);
    const first = <T>(list: { data: T[] }, what: string): T => {
      const item = list.data[0];
      if (!item) throw new Error(`org B has no ${what}`);
      return item;
    };
    b = {
      jobId: job.id, keyId: key.key.id, invitationId: invitation.invitation.id, memberId: memberB.userId, sessionId: ownerB.sessionId,
      candidateId, otherCandidateId: other.id, applicationId, attachmentId: first(attachments, 'attachment').id, noteId: note.id, interviewId: interview.id, scorecardId: submitted.json<{ id: string }>().id,
      schedulingLinkId: link.link.id, offerId: offer.id,
      templateId: first(templates, 'template').id, reasonId: first(reasons, 'rejection reason').id, candidateFieldId: field.id,
      erasureRequestId: first(erasureRequests, 'erasure request').id,
      webhookId, deliveryId: first(deliveries, 'webhook delivery').id,
    };
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
          method: op.method as 'GET', url: urlOf(op, entry, b), headers: ownerA.auth,
          ...(entry.body !== undefined ? { payload: entry.body as Record<string, unknown> } : {}),
        });
        assert.equal(res.statusCode, 404, `${op.key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      } else if (entry.kind === 'stream') {
        await createJob(t, { id: ownerA.orgId, slug: ownerA.orgSlug, apiKey: '', auth: ownerA.auth });
        const res = await t.app.inject({ method: 'GET', url: op.path, headers: { ...ownerA.auth, 'last-event-id': `evt_${'0'.repeat(32)}` }, payloadAsStream: true });
        assert.equal(res.statusCode, 200, op.key);
        const body = res.stream();
        let text = '';
        for await (const chunk of body) {
          text += String(chunk);
          if (text.includes(': live\n')) break;
        }
        body.destroy();
        assert.match(text, /^id: evt_/m, `${op.key} replays org A's own events`);
        for (const id of bIds) assert.ok(!text.includes(id), `${op.key} leaks ${id}`);
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
        const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({ method: op.method as 'GET', url: urlOf(op, entry, b), headers, payload: (entry.kind === 'resource' || entry.kind === 'own') && entry.body ? entry.body as Record<string, unknown> : undefined });
        assert.equal(res.statusCode, 403, `${op.key} as ${headers.authorization.slice(0, 12)}: ${res.statusCode}`);
        checked++;
      }
    }
    assert.ok(checked > operations.length, `checked ${checked} forbidden calls`);
  });
});
