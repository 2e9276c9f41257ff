import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../app-error.ts';

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type HttpPart = FieldError['in'];

function makeAjv(coerce: boolean): Ajv {
  // Bodies are strict: unknown fields are rejected (never silently dropped) and "5" is not 5.
  // Query strings and params arrive as text, so they alone are coerced.
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: coerce ? 'array' : false, strict: false });
  addFormats(ajv);
  return ajv;
}

interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** PostgreSQL text cannot hold U+0000: refuse it at the edge instead of failing in the database. */
function findNul(value: unknown, pointer: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? pointer : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${pointer}/${i}`);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNul(inner, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      if (found !== null) return found;
    }
  }
  return null;
}

export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const compiled: ValidateFunction = ajv.compile(schema as object);
    const validate: Validator = (data) => {
      const ok = compiled(data);
      validate.errors = compiled.errors;
      if (!ok) return false;
      const nul = findNul(data, '');
      if (nul === null) return true;
      validate.errors = [{ instancePath: nul, schemaPath: '#', keyword: 'nul', message: 'must not contain NUL (U+0000) characters', params: {} }];
      return false;
    };
    return validate;
  };
}

type AjvError = Pick<ErrorObject, 'instancePath' | 'keyword' | 'params' | 'message'>;

function pointerOf(e: AjvError): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') return `${e.instancePath}/${params.missingProperty}`;
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') return `${e.instancePath}/${params.additionalProperty}`;
  return e.instancePath;
}

/** One readable sentence from every ajv error at one pointer (a union fails once per branch). */
function describe(errors: AjvError[]): string {
  if (errors.some((e) => e.keyword === 'additionalProperties')) return 'is not a known field';
  const allowed = errors.filter((e) => e.keyword === 'const' || e.keyword === 'enum')
    .flatMap((e) => {
      const params = e.params as { allowedValue?: unknown; allowedValues?: unknown[] };
      return params.allowedValues ?? [params.allowedValue];
    });
  if (allowed.length > 0) return `must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  const types = errors.filter((e) => e.keyword === 'type').map((e) => String((e.params as { type?: unknown }).type));
  const specific = errors.find((e) => !['type', 'anyOf', 'oneOf', 'const', 'enum'].includes(e.keyword));
  if (specific) return specific.message ?? 'is invalid';
  if (types.length > 0) return `must be ${[...new Set(types)].join(' or ')}`;
  return errors[0]?.message ?? 'is invalid';
}

/** ajv errors → one entry per bad field, each located by a JSON pointer. */
export function toFieldErrors(errors: readonly AjvError[], part: string | undefined): FieldError[] {
  const where: HttpPart = part === 'querystring' || part === 'params' || part === 'headers' ? part : 'body';
  const byPointer = new Map<string, AjvError[]>();
  for (const e of errors) {
    const pointer = pointerOf(e);
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), e]);
  }
  return [...byPointer].map(([pointer, list]) => ({ in: where, pointer, detail: describe(list) }));
}
