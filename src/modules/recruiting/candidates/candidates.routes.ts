import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../app-error.ts';
import { principalOf } from '../../../http/auth.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, Page, problemRef } from '../../../http/schemas.ts';
import type { CandidateFieldsService } from './candidate-fields.service.ts';
import { candidateCursor, duplicateCursor } from './candidates.cursor.ts';
import type { CandidatesImport } from './candidates.import.ts';
import type { MergeService } from './candidates.merge.service.ts';
import {
  CandidateIdParamsSchema, CandidateSchema, CandidateSummarySchema, CreateCandidateBodySchema, CreateFieldBodySchema, DuplicatePairSchema,
  DuplicatesQuerySchema, FieldDefinitionSchema, ImportResultSchema, ListCandidatesQuerySchema, MergeBodySchema, UpdateCandidateBodySchema,
} from './candidates.schemas.ts';
import type { CandidatesService } from './candidates.service.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const write = { access: { permission: 'candidates:write' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };

export interface CandidateRoutesDeps {
  candidates: CandidatesService;
  merges: MergeService;
  fields: CandidateFieldsService;
  imports: CandidatesImport;
}

export function candidatesRoutes({ candidates, merges, fields, imports }: CandidateRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['candidates'] };

    app.post('/v1/candidates', {
      config: write,
      schema: {
        ...base, summary: 'Add a candidate by hand', description: 'An email that already belongs to a candidate of the org is a 409 `candidate-exists` naming that candidate.',
        body: CreateCandidateBodySchema, response: { 201: CandidateSchema, ...errors, 409: problemRef },
      },
    }, async (request, reply) => {
      const candidate = await candidates.create(principalOf(request), request.body);
      return reply.code(201).header('location', `/v1/candidates/${candidate.id}`).header('etag', versionEtag(candidate.version)).send(candidate);
    });

    app.get('/v1/candidates', {
      config: read,
      schema: {
        ...base, summary: 'Search and list candidates, or pull what changed',
        description: 'Newest first. With `updatedSince`, oldest change first for incremental sync (see the parameter). '
          + 'Hiring managers and interviewers see only candidates with an application to a job whose hiring team they are on.',
        querystring: ListCandidatesQuerySchema, response: { 200: Page(CandidateSummarySchema), ...errors },
      },
    }, async (request) => {
      const { cursor, ...query } = request.query;
      const sync = query.updatedSince !== undefined;
      const { data, next } = await candidates.list(principalOf(request), { ...query, after: cursor ? candidateCursor.decode(cursor, sync) : undefined });
      return { data, nextCursor: next ? candidateCursor.encode(next, sync) : null };
    });

    app.get('/v1/candidates/duplicates', {
      config: read,
      schema: {
        ...base, summary: 'Possible duplicates to review', description: 'Pairs with the same name and phone but different emails. Needs whole-org reach.',
        querystring: DuplicatesQuerySchema, response: { 200: Page(DuplicatePairSchema), ...errors },
      },
    }, async (request) => {
      const { cursor, limit } = request.query;
      const { data, next } = await merges.duplicates(principalOf(request), cursor ? duplicateCursor.decode(cursor) : undefined, limit ?? 20);
      return { data, nextCursor: next ? duplicateCursor.encode(next) : null };
    });

    app.get('/v1/candidates/:id', {
      config: read,
      schema: {
        ...base, summary: 'Get a candidate with their applications',
        description: 'A candidate merged into another answers 404 with a detail naming the one it was merged into.',
        params: CandidateIdParamsSchema, response: { 200: CandidateSchema, ...errors },
      },
    }, async (request, reply) => {
      const candidate = await candidates.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(candidate.version)).send(candidate);
    });

    app.patch('/v1/candidates/:id', {
      config: write,
      schema: {
        ...base, summary: 'Update a candidate', description: 'Send `If-Match` with the ETag you read to avoid overwriting someone else\'s change. '
          + '`emails` and `phones` replace the lists; `customFields` changes only the keys it names (null clears one).',
        params: CandidateIdParamsSchema, headers: IfMatchHeadersSchema, body: UpdateCandidateBodySchema,
        response: { 200: CandidateSchema, ...errors, 409: problemRef, 412: problemRef },
      },
    }, async (request, reply) => {
      const candidate = await candidates.update(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(candidate.version)).send(candidate);
    });

    app.post('/v1/candidates/:id/merge', {
      config: write,
      schema: {
        ...base, summary: 'Merge another candidate into this one',
        description: 'Moves the other\'s emails, phones, applications, attachments and notes here, keeps this one\'s fields (filling empty ones) '
          + 'and marks the other merged (it stays, with `mergedInto`). Needs whole-org reach.',
        params: CandidateIdParamsSchema, body: MergeBodySchema, response: { 200: CandidateSchema, ...errors, 409: problemRef },
      },
    }, async (request, reply) => {
      const candidate = await merges.merge(principalOf(request), request.params.id, request.body.candidateId);
      return reply.header('etag', versionEtag(candidate.version)).send(candidate);
    });

    app.get('/v1/candidate-fields', {
      config: read,
      schema: { ...base, summary: 'The org\'s custom candidate fields', response: { 200: Type.Object({ data: Type.Array(FieldDefinitionSchema) }), ...errors } },
    }, async (request) => ({ data: await fields.list(principalOf(request)) }));

    app.post('/v1/candidate-fields', {
      config: write,
      schema: {
        ...base, summary: 'Define a custom candidate field', description: 'Needs candidates:write with whole-org reach.',
        body: CreateFieldBodySchema, response: { 201: FieldDefinitionSchema, ...errors, 409: problemRef },
      },
    }, async (request, reply) => reply.code(201).send(await fields.create(principalOf(request), request.body)));

    app.delete('/v1/candidate-fields/:id', {
      config: write,
      schema: {
        ...base, summary: 'Remove a custom candidate field and its values', params: CandidateIdParamsSchema,
        response: { 204: Type.Null(), ...errors },
      },
    }, async (request, reply) => {
      await fields.remove(principalOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    // Its own plugin, so text/csv is accepted here and nowhere else.
    await app.register(async (csvRoutes) => {
      const refuse = (given: string | undefined) =>
        new AppError('unsupported-media-type', `Content-Type ${(given ?? 'none').slice(0, 100)} is not accepted; send the file as text/csv`);
      csvRoutes.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      csvRoutes.addContentTypeParser('*', (request, _payload, done) => done(refuse(request.headers['content-type'])));
      // JSON's parser is the app's, inherited here: refuse it before it reaches the handler.
      csvRoutes.addHook('preValidation', async (request) => {
        if (!/^text\/csv\b/i.test(request.headers['content-type'] ?? '')) throw refuse(request.headers['content-type']);
      });
      csvRoutes.post('/v1/candidates/import', {
        config: write,
        schema: {
          ...base, summary: 'Import candidates from CSV',
          description: 'A header row naming columns (name, email, phone, location, tags separated by ;, source, linkedin, github, portfolio, and custom field keys), '
            + 'then one candidate per row. A row whose email already belongs to a candidate is reported as matched and left as it was. '
            + 'Each row is its own transaction: bad rows are listed in `errors` by line and do not stop the others.',
          body: { content: { 'text/csv': { schema: Type.String({ minLength: 1 }) } } },
          response: { 200: ImportResultSchema, ...errors },
        },
      }, async (request) => imports.importCsv(principalOf(request), String(request.body)));
    });
  };
}
