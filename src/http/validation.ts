import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { escapePointer, type FieldError, type RequestPart } from './field-errors.ts';
import { addStrictFormats } from './formats.ts';

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function makeAjv(coerce: boolean): Ajv {
  // Bodies are strict: unknown fields are rejected (never silently dropped) and "5" is not 5.
  // Query strings and params arrive as text, so they alone are coerced.
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: coerce ? 'array' : false, strict: false });
  addFormats(ajv);
  addStrictFormats(ajv);
  return ajv;
}

interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// In a `u` regex a valid surrogate pair is one code point, so only a lone surrogate is in category Cs.
const loneSurrogate = /\p{Cs}/u;

const badText = (s: string): string | null => {
  // PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form: refuse both at the edge.
  if (s.includes('\u0000')) return 'must not contain NUL (U+0000) characters';
  return !loneSurrogate.test(s) ? null : 'must be well-formed Unicode (no lone UTF-16 surrogates)';
};

/** The first string (value or object key) that cannot be stored as text, with the reason; null when all can. */
export function findBadText(value: unknown, pointer = ''): { pointer: string; detail: string } | null {
  if (typeof value === 'string') {
    const detail = badText(value);
    return detail ? { pointer, detail } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], `${pointer}/${i}`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      const keyDetail = badText(key);
      if (keyDetail) return { pointer: at, detail: `name ${keyDetail}` };
      const found = findBadText(inner, at);
      if (found) return found;
    }
  }
  return null;
}

export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    // Compiled on a route's first request, not for every route at start: a process (and each test
    // file) pays only for the routes it serves. Every route's schema is compiled by the OpenAPI
    // bad-input test, so a schema ajv refuses still fails the suite.
    let compiled: ValidateFunction | null = null;
    const validate: Validator = (data) => {
      compiled ??= ajv.compile(schema as object);
      const ok = compiled(data);
      validate.errors = compiled.errors;
      if (!ok) return false;
      const bad = findBadText(data);
      if (!bad) return true;
      validate.errors = [{ instancePath: bad.pointer, schemaPath: '#', keyword: 'text', message: bad.detail, params: {} }];
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
  const where: RequestPart = part === 'querystring' || part === 'params' || part === 'headers' ? part : 'body';
  const byPointer = new Map<string, AjvError[]>();
  for (const e of errors) {
    const pointer = pointerOf(e);
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), e]);
  }
  return [...byPointer].map(([pointer, list]) => ({ in: where, pointer, detail: describe(list) }));
}
