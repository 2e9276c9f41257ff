import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../http/auth.ts';
import { cursorId, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { commonErrorResponses, Page } from '../../http/schemas.ts';
import { AuditEventSchema, ListAuditQuerySchema } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(service: AuditService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/audit-events', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['identity'], summary: 'Security events of your organization, newest first',
        description: 'Logins, failed logins, sessions ended, API keys created or revoked, role changes, candidate erasures (with the reason given). Append-only.',
        querystring: ListAuditQuerySchema, response: { 200: Page(AuditEventSchema), ...commonErrorResponses },
      },
    }, async (request) => {
      const { cursor, ...query } = request.query;
      const after = cursor ? { id: cursorId(decodeCursor(cursor, 'audit', 1)) } : undefined;
      const { data, next } = await service.list(principalOf(request), { ...query, after });
      return { data, nextCursor: next ? encodeCursor('audit', [next.id]) : null };
    });
  };
}
