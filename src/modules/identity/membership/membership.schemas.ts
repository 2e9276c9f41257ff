import { Type, type Static } from 'typebox';
import { RoleSchema } from '../../access/index.ts';
import { EmailSchema, PasswordSchema } from '../accounts/index.ts';

export const MemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  joinedAt: Type.String({ format: 'date-time' }),
}, { $id: 'Member' });
export type Member = Static<typeof MemberSchema>;

export const MemberParamsSchema = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });
export const UpdateMemberBodySchema = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const InvitationSchema = Type.Object({
  id: Type.String({ examples: ['inv_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  email: Type.String(),
  role: RoleSchema,
  status: Type.Enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}, { $id: 'Invitation' });
export type Invitation = Static<typeof InvitationSchema>;

export const CreateInvitationBodySchema = Type.Object({ email: EmailSchema, role: RoleSchema }, { additionalProperties: false });

export const CreatedInvitationSchema = Type.Object({
  invitation: InvitationSchema,
  token: Type.String({ description: 'Single-use, valid 7 days, shown only here: send it to the invitee' }),
});

export const AcceptInvitationBodySchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  password: PasswordSchema,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Required when the email has no account yet' })),
}, { additionalProperties: false });
export type AcceptInvitationInput = Static<typeof AcceptInvitationBodySchema>;

export const InvitationParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
