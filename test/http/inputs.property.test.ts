import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { createJob, json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

/** The parts of a JSON Schema in the document this test reads. */
interface Schema {
  $ref?: string; type?: string | string[]; const?: unknown; enum?: unknown[]; examples?: unknown; anyOf?: Schema[]; format?: string;
  properties?: Record<string, Schema>; required?: string[]; items?: Schema; minItems?: number; minimum?: number; minLength?: number;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const job = 'job_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b';
// Runs per input (a path param, a query param or a body field): bounded so the file stays well under a minute.
const RUNS = 6;
const badDates = ['0000-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-02-30', '2016-12-31T23:59:60Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-01:00', '+010000-01-01T00:00:00.000Z'];
const badNumbers = [1e308, -1e308, 3.5e38, 1e-50, -0, 2 ** 53 + 1, 1.5];
const loneSurrogates = ['\uD800', 'a\uDC00', '\uDBFF\uDBFF'];

const ts = '2024-05-01T10:00:00.000Z';
/** Per listing, a valid value for each cursor slot; the generator swaps some slots for bad ones. */
const cursorShapes: [string, unknown[]][] = [
  ['board:rank', [0.5, ts, job]], ['board:recent', [ts, job]], ['jobs:-createdAt', [ts, job]], ['jobs:updatedAt', [ts, job]],
  ['jobs:title', ['Engineer', job]], ['audit', ['aud_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b']], ['events', ['evt_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b']],
];
const badSlot = fc.constantFrom<unknown>(...badNumbers, ...badDates, ...loneSurrogates, 'not-an-id', `${job}\u0000`, null, 7, {});

/** Cursors that are not JSON at all, or well-formed encodings of values out of the database's range. */
const badCursor = fc.oneof(
  fc.base64String({ maxLength: 64 }).map((s) => s.replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')),
  fc.constantFrom(...cursorShapes).chain(([tag, valid]) => fc.tuple(...valid.map((v) => fc.oneof(fc.constant(v), badSlot)))
    .map((values) => b64([tag, ...values]))),
);

/** Percent-encodes text byte by byte (lone surrogates are sent in their WTF-8 form, as a careless client would). */
const pct = (s: string) => [...s].map((ch) => {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((x) => `%${x.toString(16).toUpperCase()}`).join('');
  return /^[\w.~-]$/.test(ch) ? ch : [...Buffer.from(ch)].map((x) => `%${x.toString(16).toUpperCase()}`).join('');
}).join('');

/** The classes that broke before, weighted towards the ones a field of this schema could hit. */
function badValues(schema: Schema | undefined, name: string): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  const generic = fc.oneof(
    fc.constantFrom<unknown>(...badDates, ...badNumbers, ...loneSurrogates, 'x'.repeat(600), '', null, [], {}, true),
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.double(),
  );
  const specific = name === 'cursor' ? badCursor
    : schema?.format === 'date-time' || /At$|Through$|since|until/.test(name) ? fc.constantFrom<unknown>(...badDates)
      : type === 'number' || type === 'integer' ? fc.constantFrom<unknown>(...badNumbers, Number.NaN, Number.POSITIVE_INFINITY)
        : fc.oneof(fc.constantFrom<unknown>(...loneSurrogates), fc.string({ maxLength: 20, unit: 'binary' }).map((x) => `${x}\uD800`));
  return fc.oneof({ arbitrary: specific, weight: 3 }, { arbitrary: generic, weight: 1 });
}

/** As a URL fragment: malformed percent-encoding and oversized values besides the encoded classes. */
const inUrl = (values: fc.Arbitrary<unknown>): fc.Arbitrary<string> => fc.oneof(
  { arbitrary: values.map((v) => (typeof v === 'string' && /^[\w-]+$/.test(v) ? v : pct(typeof v === 'string' ? v : String(v)))), weight: 4 },
  { arbitrary: fc.constantFrom('%ff', '%ED%A0%80', '%E0%A4%A', '%', '%00', 'a'.repeat(300), '..%2F..'), weight: 1 },
);

describe('bad input is never a 5xx, always problem+json: every operation of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenAPIV3_1.Document;
  let fixture: Record<string, string>;

  before(async () => {
    t = await startTestApp();
    doc = json(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    const draft = await createJob(t, t.org);
    await publishJob(t, t.org);
    fixture = { id: draft.id, userId: 'usr_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b', orgSlug: t.org.slug };
  });
  after(() => t.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    const ref = schema?.$ref;
    if (!ref) return schema;
    return doc.components?.schemas?.[ref.replace(/^#\/components\/schemas\//, '').replace(/#$/, '')] as Schema | undefined;
  };

  /** A plausible valid value, so that one bad field reaches as deep as it can. */
  const sample = (raw: Schema | undefined, depth = 0): unknown => {
    const schema = resolve(raw);
    if (!schema || depth > 6) return null;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    if (schema.examples && Array.isArray(schema.examples)) return schema.examples[0];
    if (schema.anyOf) return sample(schema.anyOf[0] as Schema, depth + 1);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'object') {
      return Object.fromEntries((schema.required ?? []).map((k) => [k, sample(schema.properties?.[k] as Schema, depth + 1)]));
    }
    if (type === 'array') return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items as Schema, depth + 1));
    if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
    if (type === 'boolean') return false;
    if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
    if (schema.format === 'email') return 'someone@example.test';
    // Port 9 refuses at once, so an operation that dials a URL (SSO discovery) fails fast.
    if (schema.format === 'uri') return 'http://127.0.0.1:9/';
    return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  };

  /** JSON pointers of every field of a body schema, nested objects and first array items included. */
  const fields = (raw: Schema | undefined, prefix = '', depth = 0): string[] => {
    const schema = resolve(raw);
    if (!schema || depth > 4) return [];
    const branch = schema.anyOf?.map((s) => resolve(s as Schema)).find((s) => s?.type === 'object' || s?.type === 'array');
    if (branch) return fields(branch, prefix, depth + 1);
    if (schema.type === 'array') return [`${prefix}/0`, ...fields(schema.items as Schema, `${prefix}/0`, depth + 1)];
    return Object.entries(schema.properties ?? {}).flatMap(([k, s]) => [`${prefix}/${k}`, ...fields(s as Schema, `${prefix}/${k}`, depth + 1)]);
  };

  const schemaAt = (raw: Schema | undefined, pointer: string): Schema | undefined => pointer.split('/').slice(1).reduce<Schema | undefined>((s, key) => {
    const at = resolve(s);
    const branch = at?.anyOf?.map((x) => resolve(x as Schema)).find((x) => x?.type === 'object' || x?.type === 'array') ?? at;
    return resolve((/^\d+$/.test(key) ? branch?.items : branch?.properties?.[key]) as Schema | undefined);
  }, raw);

  const setAt = (target: unknown, pointer: string, value: unknown): unknown => {
    const [head, ...rest] = pointer.split('/').slice(1);
    if (head === undefined) return value;
    const base: Record<string, unknown> = Array.isArray(target) ? { ...target } : { ...(target as Record<string, unknown> | null ?? {}) };
    base[head] = setAt(base[head], rest.length ? `/${rest.join('/')}` : '', value);
    return Array.isArray(target) || /^\d+$/.test(head) ? Object.assign([], base) : base;
  };

  const assertProblemOrSuccess = (res: LightMyRequestResponse, what: string) => {
    assert.ok(res.statusCode < 500, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (res.statusCode < 400) return;
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    const body = json<{ type?: string }>(res);
    assert.ok(body.type?.startsWith('https://hireline.dev/problems/'), `${what}: type ${body.type}`);
  };

  test('path params, query params and body fields, with the classes that broke before', async () => {
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
        const op = item?.[method];
        return op ? [{ path, method, op }] : [];
      }));
    assert.ok(operations.length >= 40, `found ${operations.length} operations`);
    let checked = 0;
    for (const { path, method, op } of operations) {
      const params = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      const bodySchema = (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content['application/json']?.schema as Schema | undefined;
      const targets = [
        ...params.filter((p) => p.in === 'path' || p.in === 'query').map((p) => ({ in: p.in, name: p.name, schema: p.schema as Schema })),
        ...fields(bodySchema).map((pointer) => ({ in: 'body', name: pointer, schema: schemaAt(bodySchema, pointer) })),
      ];
      const baseBody = bodySchema ? sample(bodySchema) : undefined;
      for (const target of targets) {
        const last = target.name.split('/').at(-1) ?? '';
        const values = target.in === 'body' ? badValues(target.schema, last).map((v) => JSON.stringify(setAt(baseBody, target.name, v)))
          : inUrl(badValues(target.schema, last));
        // A cursor belongs to one listing and, on the board, to searching or not: those get more runs, with and without q.
        const isCursor = target.in === 'query' && target.name === 'cursor';
        const withQ = isCursor && params.some((p) => p.in === 'query' && p.name === 'q') ? fc.boolean() : fc.constant(false);
        await fc.assert(fc.asyncProperty(values, withQ, async (value, q) => {
          const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (target.in === 'path' && target.name === name ? value : fixture[name] ?? job));
          const query = target.in === 'query' ? `?${q ? 'q=engineer&' : ''}${target.name}=${value}` : '';
          const body = target.in === 'body' ? value : baseBody !== undefined ? JSON.stringify(baseBody) : undefined;
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET', url: `${url}${query}`,
            headers: { ...t.org.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(body !== undefined ? { payload: body } : {}),
          });
          assertProblemOrSuccess(res, `${method.toUpperCase()} ${path} ${target.in} ${target.name}`);
        }), { numRuns: isCursor ? RUNS * 10 : RUNS });
        checked++;
      }
    }
    assert.ok(checked >= 100, `checked ${checked} inputs`);
  });
});
