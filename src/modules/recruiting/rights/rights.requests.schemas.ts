import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../../http/schemas.ts';

const Actor = Type.Object({ type: Type.String({ description: 'user, api-key or system' }), id: Nullable(Type.String()) });

export const ErasureRequestSchema = Type.Object({
  id: Type.String(),
  candidateId: Type.String(),
  status: Type.Enum(['pending', 'erased', 'declined'] as const, { description: 'erased once the candidate was erased, by this request or otherwise' }),
  reason: Nullable(Type.String({ description: 'The candidate\'s own words; cleared when they are erased' })),
  requestedAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  decidedBy: Nullable(Actor),
  declineNote: Nullable(Type.String()),
}, { $id: 'ErasureRequest' });
export type ErasureRequest = Static<typeof ErasureRequestSchema>;

export const ErasureRequestIdParamsSchema = Type.Object({ id: Type.String({ pattern: '^erq_[0-9a-f]{32}$' }) });

export const ListErasureRequestsQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(['pending', 'erased', 'declined'] as const, { default: 'pending' })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });

export const DeclineErasureRequestBodySchema = Type.Object({
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Why it was declined (e.g. a legal hold); the candidate reads it on their status page, so write it to them' })),
}, { additionalProperties: false });
