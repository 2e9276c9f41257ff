import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery } from '../../http/schemas.ts';

export const auditActions = [
  'auth.signup', 'auth.login', 'auth.login_failed', 'auth.locked_out', 'auth.logout', 'auth.logout_everywhere',
  'auth.refresh_reused', 'auth.password_changed', 'auth.password_reset_requested', 'auth.password_reset', 'auth.email_verified',
  'session.revoked', 'sso.configured', 'sso.removed', 'sso.identity_linked', 'sso.user_provisioned', 'sso.login_failed',
  'api_key.created', 'api_key.revoked', 'member.role_changed', 'member.removed',
  'invitation.created', 'invitation.revoked', 'invitation.accepted',
  // A candidate's personal data erased at their request: who asked for it, when and why (data.reason).
  'candidate.erased',
  // Who changed when candidates are anonymized (data: the policy as saved).
  'retention_policy.updated',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const AuditEventSchema = Type.Object({
  id: Type.String({ examples: ['aud_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  action: Type.Enum(auditActions),
  actor: Type.Object({ type: Type.Enum(['user', 'api-key', 'anonymous', 'system']), id: Type.Union([Type.String(), Type.Null()]) }),
  target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  occurredAt: Type.String({ format: 'date-time' }),
}, { $id: 'AuditEvent' });
export type AuditEvent = Static<typeof AuditEventSchema>;

export const ListAuditQuerySchema = Type.Object({
  action: Type.Optional(Type.Enum(auditActions)),
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Only events at or after this time' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Only events before this time' })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });
export type ListAuditQuery = Static<typeof ListAuditQuerySchema>;
/** Where a page of the audit trail ends: the next page starts after (before, in time) this event. */
export interface AuditPosition {
  id: string;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface NewAuditEvent {
  orgId: string | null;
  action: AuditAction;
  actor: { type: AuditEvent['actor']['type']; id: string | null };
  target?: { type: string; id: string };
  origin?: RequestOrigin;
  data?: Record<string, unknown>;
}
