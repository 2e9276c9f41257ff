import type { Static } from 'typebox';
import { AppError, type FieldProblem } from '../app-error.ts';
import type { FieldErrorSchema } from './schemas.ts';

/** A bad value located in the request: which part, and a JSON pointer (RFC 6901) within it. */
export type FieldError = Static<typeof FieldErrorSchema>;
export type RequestPart = FieldError['in'];

export const escapePointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** A service's field path → a JSON pointer: 'salary.min' → '/salary/min'. */
export const pointerOf = (field: string): string => (field === '' ? '' : `/${field.split('.').map(escapePointer).join('/')}`);

/**
 * A validation failure the HTTP layer finds itself (a schema, a header, a rule between query
 * parameters), already located in the request; services throw AppError with `fields` instead.
 */
export class RequestValidationError extends AppError {
  constructor(detail: string, readonly errors: readonly FieldError[]) {
    super('validation-failed', detail);
  }
}

/** Where an operation's input came from: the body where a method has one, else the query string. */
export const inputPart = (method: string): RequestPart => (method === 'GET' || method === 'HEAD' ? 'querystring' : 'body');

/** The problem's `errors`: as the HTTP layer located them, or a service's fields located in `part`. */
export function locateFields(error: AppError, part: RequestPart): FieldError[] | undefined {
  if (error instanceof RequestValidationError) return [...error.errors];
  return error.extras.fields?.map(({ field, detail }: FieldProblem) => ({ in: part, pointer: pointerOf(field), detail }));
}
