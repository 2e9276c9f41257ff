import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../../http/auth.ts';
import { callerOf } from '../../access/index.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { RetentionPolicyBodySchema, RetentionPolicySchema } from './retention.schemas.ts';
import type { RetentionService } from './retention.service.ts';

const manage = { access: { permission: 'org:manage' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef };

export function retentionRoutes(service: RetentionService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['candidates'] };

    app.get('/v1/retention-policy', {
      config: manage,
      schema: {
        ...tags, summary: 'The organization\'s candidate data retention policy',
        description: 'Until one is saved: the defaults (off; 6 months; 24 months with consent), at version 0. Owners and admins.',
        response: { 200: RetentionPolicySchema, ...errors },
      },
    }, async (request, reply) => {
      const policy = await service.get(principalOf(request));
      return reply.header('etag', versionEtag(policy.version)).send(policy);
    });

    app.put('/v1/retention-policy', {
      config: manage,
      schema: {
        ...tags, summary: 'Set the organization\'s candidate data retention policy',
        description: 'While `enabled`, a daily task (and `hireline retention run`) anonymizes every candidate whose applications are all rejected '
          + 'or withdrawn, the last more than `anonymizeAfterMonths` ago, unless they agreed when applying to be kept for future roles less than '
          + '`keepConsentedMonths` ago. Anonymizing is the erasure of `POST /v1/candidates/{id}/erase`, recorded in the audit log with the reason '
          + '"retention policy" and the system as actor. Candidates without applications, and hired ones, are never anonymized by it. '
          + 'Each change is in the audit log. An If-Match naming another version is a 409 version-conflict. Owners and admins.',
        headers: IfMatchHeadersSchema, body: RetentionPolicyBodySchema, response: { 200: RetentionPolicySchema, ...errors, 409: problemRef },
      },
    }, async (request, reply) => {
      const policy = await service.put(callerOf(request), request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(policy.version)).send(policy);
    });
  };
}
