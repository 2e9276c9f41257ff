import { Type, type Static } from 'typebox';
import { OrgSchema, OrgSlugSchema } from '../orgs/orgs.schemas.ts';
import { roles } from './identity.permissions.ts';

export const RoleSchema = Type.Enum(roles);

const Email = Type.String({ format: 'email', maxLength: 254 });
/** Length and strength are checked by the password policy, which explains what is wrong. */
const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const UserSchema = Type.Object({
  id: Type.String({ examples: ['usr_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  email: Type.String(),
  name: Type.String(),
  emailVerified: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'User' });
export type User = Static<typeof UserSchema>;

export const SignUpBodySchema = Type.Object({
  email: Email,
  password: Password,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  orgName: Type.String({ minLength: 1, maxLength: 200, description: 'The organization you create and own' }),
  orgSlug: Type.Optional(OrgSlugSchema),
}, { additionalProperties: false });
export type SignUpInput = Static<typeof SignUpBodySchema>;

export const LoginBodySchema = Type.Object({
  email: Email,
  password: Password,
  org: Type.Optional(Type.String({ maxLength: 63, description: 'Slug of the organization to act in; defaults to the first one you joined' })),
}, { additionalProperties: false });
export type LoginInput = Static<typeof LoginBodySchema>;

export const RefreshBodySchema = Type.Object({
  refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Omit in cookie mode: the refresh cookie is used' })),
}, { additionalProperties: false });

export const TokenPairSchema = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String({ description: 'JWT (EdDSA); send as `Authorization: Bearer …`' }),
  expiresIn: Type.Integer({ description: 'Seconds the access token is valid' }),
  refreshToken: Type.String({ description: 'Opaque; works once, and a reused one ends the session' }),
  refreshExpiresAt: Type.String({ format: 'date-time' }),
  sessionId: Type.String(),
  user: UserSchema,
  org: OrgSchema,
  role: RoleSchema,
}, { $id: 'TokenPair' });
export type TokenPair = Static<typeof TokenPairSchema>;

export const SessionSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  method: Type.Enum(['password', 'sso']),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: 'The session this request was made with' }),
}, { $id: 'Session' });
export type Session = Static<typeof SessionSchema>;

export const MeSchema = Type.Object({
  user: UserSchema,
  org: OrgSchema,
  role: RoleSchema,
  memberships: Type.Array(Type.Object({ orgId: Type.String(), role: RoleSchema })),
});

export const ChangePasswordBodySchema = Type.Object({
  currentPassword: Password,
  newPassword: Password,
}, { additionalProperties: false });

export const MemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  joinedAt: Type.String({ format: 'date-time' }),
}, { $id: 'Member' });
export type Member = Static<typeof MemberSchema>;

export const MemberParamsSchema = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });
export const SessionParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
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

export const CreateInvitationBodySchema = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false });

export const CreatedInvitationSchema = Type.Object({
  invitation: InvitationSchema,
  token: Type.String({ description: 'Single-use, valid 7 days, shown only here: send it to the invitee' }),
});

export const AcceptInvitationBodySchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  password: Password,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Required when the email has no account yet' })),
}, { additionalProperties: false });
export type AcceptInvitationInput = Static<typeof AcceptInvitationBodySchema>;

export const InvitationParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const LinkToken = Type.String({ minLength: 1, maxLength: 200, description: 'The token from the emailed link' });
export const ConfirmEmailBodySchema = Type.Object({ token: LinkToken }, { additionalProperties: false });
export const PasswordResetBodySchema = Type.Object({ email: Email }, { additionalProperties: false });
export const ConfirmPasswordResetBodySchema = Type.Object({ token: LinkToken, newPassword: Password }, { additionalProperties: false });
