import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { setSessionCookies } from '../../../http/session-cookies.ts';
import { TokenPairSchema, type TokenPair } from './accounts.schemas.ts';

/** How a sign-in hands over its tokens: in the body (API clients) or as HttpOnly cookies (browsers). */
export const DeliveryQuerySchema = Type.Object({
  delivery: Type.Optional(Type.Enum(['body', 'cookie'], {
    description: '`cookie` sets HttpOnly session cookies instead of returning the tokens, and returns a `csrfToken` '
      + 'to send as `X-CSRF-Token` on every state-changing request. Default `body`.',
  })),
}, { additionalProperties: false });
export type Delivery = Static<typeof DeliveryQuerySchema>['delivery'];

/** A copy without `$id`: the serializer refuses one response in which two schemas claim the same id. */
const anonymous = <T extends TSchema>(schema: T): T => {
  const { $id: _id, ...rest } = schema as T & { $id?: string };
  return rest as T;
};
const { tokenType: _bearer, accessToken: _access, refreshToken: _refresh, user, org, ...sessionProperties } = TokenPairSchema.properties;
export const CookieSessionSchema = Type.Object({
  tokenType: Type.Literal('Cookie'),
  ...sessionProperties,
  user: anonymous(user),
  org: anonymous(org),
  csrfToken: Type.String({ description: 'Send as `X-CSRF-Token` on POST, PUT, PATCH and DELETE' }),
}, { $id: 'CookieSession' });

const RefreshedPairSchema = Type.Omit(TokenPairSchema, ['user', 'org', 'role']);
const RefreshedCookieSchema = Type.Omit(CookieSessionSchema, ['user', 'org', 'role']);
export const SignedInSchema = Type.Union([TokenPairSchema, CookieSessionSchema]);
export const RefreshedSchema = Type.Union([RefreshedPairSchema, RefreshedCookieSchema]);

type Issued = Pick<TokenPair, 'accessToken' | 'refreshToken' | 'expiresIn' | 'refreshExpiresAt'>;
type Delivered<T extends Issued> = T | (Omit<T, 'accessToken' | 'refreshToken' | 'tokenType'> & { tokenType: 'Cookie'; csrfToken: string });

/** Returns what the response body carries; in cookie mode the tokens go only into cookies. */
export function deliver<T extends Issued>(request: FastifyRequest, reply: FastifyReply, issued: T, delivery: Delivery): Delivered<T> {
  reply.header('cache-control', 'no-store');
  if (delivery !== 'cookie') return issued;
  const { accessToken, refreshToken, tokenType: _type, ...rest } = issued as T & { tokenType?: string };
  const csrfToken = setSessionCookies(request, reply, {
    accessToken, refreshToken, expiresIn: issued.expiresIn, refreshExpiresAt: new Date(issued.refreshExpiresAt),
  });
  return { ...rest, tokenType: 'Cookie', csrfToken };
}
