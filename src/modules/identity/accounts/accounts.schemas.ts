import { Type, type Static } from 'typebox';
import { RoleSchema } from '../../access/index.ts';
import { OrgSchema, OrgSlugSchema } from '../../orgs/index.ts';

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });
/** Length and strength are checked by the password policy, which explains what is wrong. */
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 1024 });

export const UserSchema = Type.Object({
  id: Type.String({ examples: ['usr_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  email: Type.String(),
  name: Type.String(),
  emailVerified: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'User' });
export type User = Static<typeof UserSchema>;

export const SignUpBodySchema = Type.Object({
  email: EmailSchema,
  password: PasswordSchema,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  orgName: Type.String({ minLength: 1, maxLength: 200, description: 'The organization you create and own' }),
  orgSlug: Type.Optional(OrgSlugSchema),
}, { additionalProperties: false });
export type SignUpInput = Static<typeof SignUpBodySchema>;

export const LoginBodySchema = Type.Object({
  email: EmailSchema,
  password: PasswordSchema,
  org: Type.Optional(Type.String({ maxLength: 63, description: 'Slug of the organization to act in; defaults to the first one you joined' })),
}, { additionalProperties: false });
export type LoginInput = Static<typeof LoginBodySchema>;

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

export const MeSchema = Type.Object({
  user: UserSchema,
  org: OrgSchema,
  role: RoleSchema,
  memberships: Type.Array(Type.Object({ orgId: Type.String(), role: RoleSchema })),
});

export const ChangePasswordBodySchema = Type.Object({
  currentPassword: PasswordSchema,
  newPassword: PasswordSchema,
}, { additionalProperties: false });

const LinkToken = Type.String({ minLength: 1, maxLength: 200, description: 'The token from the emailed link' });
export const ConfirmEmailBodySchema = Type.Object({ token: LinkToken }, { additionalProperties: false });
export const PasswordResetBodySchema = Type.Object({ email: EmailSchema }, { additionalProperties: false });
export const ConfirmPasswordResetBodySchema = Type.Object({ token: LinkToken, newPassword: PasswordSchema }, { additionalProperties: false });
