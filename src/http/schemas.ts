import { Type, type Static, type TSchema } from 'typebox';
import { errorCodes } from '../app-error.ts';

export const FieldErrorSchema = Type.Object({
  in: Type.Union([Type.Literal('body'), Type.Literal('querystring'), Type.Literal('params'), Type.Literal('headers')]),
  pointer: Type.String({ description: 'JSON pointer (RFC 6901) to the field within that part' }),
  detail: Type.String(),
});

/** RFC 9457 problem details, as every error response is written. */
export const ProblemSchema = Type.Object({
  type: Type.String({ format: 'uri', description: 'Stable URI naming the problem type' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.String({ description: 'The request path' }),
  code: Type.Enum(errorCodes),
  requestId: Type.String(),
  errors: Type.Optional(Type.Array(FieldErrorSchema)),
  missing: Type.Optional(Type.Array(Type.String(), { description: 'Fields a job needs before it can be published' })),
  retryAfter: Type.Optional(Type.Integer({ description: 'Seconds to wait before retrying (also sent as Retry-After)' })),
}, { $id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = Static<typeof ProblemSchema>;

export const problemRef = Type.Unsafe<Problem>({ $ref: 'Problem#' });

/** Error responses shared by every route; routes add their own success (and extra error) responses. */
export const commonErrorResponses = {
  400: problemRef,
  413: problemRef,
  415: problemRef,
  500: problemRef,
} as const;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Opaque; pass as `cursor` for the next page' }),
  });

export const LimitQuery = Type.Integer({ minimum: 1, maximum: 100, default: 20 });
export const CursorQuery = Type.String({ minLength: 1, maxLength: 512, description: 'Opaque cursor from a previous page' });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
