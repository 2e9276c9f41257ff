import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { cursorId, cursorTimestamp, decodeCursor, encodeCursor } from '../../../http/cursor.ts';
import { commonErrorResponses, Page, problemRef } from '../../../http/schemas.ts';
import { CreateNoteBodySchema, ListNotesQuerySchema, NoteIdParamsSchema, NoteSchema, UpdateNoteBodySchema, type NotePosition } from './notes.schemas.ts';
import type { NotesService } from './notes.service.ts';

const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const read = { access: { permission: 'candidates:read' } } as const;
const write = { access: { permission: 'candidates:write' } } as const;

const cursor = {
  decode(raw: string): NotePosition {
    const values = decodeCursor(raw, 'notes', 2);
    return { createdAt: cursorTimestamp(values[0]), id: cursorId(values) };
  },
  encode: (position: NotePosition): string => encodeCursor('notes', [position.createdAt, position.id]),
};

export function notesRoutes(service: NotesService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['notes'] };

    app.post('/v1/candidates/:id/notes', {
      config: write,
      schema: {
        ...tags, summary: 'Write a note on a candidate', params: NoteIdParamsSchema, body: CreateNoteBodySchema, response: { 201: NoteSchema, ...errors, 409: problemRef },
        description: 'Plain text; `mentions` are user ids of org members (each one is notified through the `note.created` event). '
          + 'A private note is seen only by its author and the org\'s owners and admins.',
      },
    }, async (request, reply) => {
      const note = await service.create(principalOf(request), request.params.id, request.body);
      return reply.code(201).header('location', `/v1/notes/${note.id}`).send(note);
    });

    app.get('/v1/candidates/:id/notes', {
      config: read,
      schema: {
        ...tags, summary: 'A candidate\'s notes, newest first', description: 'Private notes appear only to their author and to owners and admins; API keys see team notes.',
        params: NoteIdParamsSchema, querystring: ListNotesQuerySchema, response: { 200: Page(NoteSchema), ...errors },
      },
    }, async (request) => {
      const { cursor: raw, ...query } = request.query;
      const { data, next } = await service.list(principalOf(request), request.params.id, { ...query, after: raw ? cursor.decode(raw) : undefined });
      return { data, nextCursor: next ? cursor.encode(next) : null };
    });

    app.get('/v1/notes/:id', {
      config: read,
      schema: { ...tags, summary: 'Get a note', params: NoteIdParamsSchema, response: { 200: NoteSchema, ...errors } },
    }, async (request) => service.get(principalOf(request), request.params.id));

    app.patch('/v1/notes/:id', {
      config: write,
      schema: {
        ...tags, summary: 'Change a note (its author, or an admin)', params: NoteIdParamsSchema, body: UpdateNoteBodySchema, response: { 200: NoteSchema, ...errors },
      },
    }, async (request) => service.update(principalOf(request), request.params.id, request.body));

    app.delete('/v1/notes/:id', {
      config: write,
      schema: { ...tags, summary: 'Delete a note (its author, or an admin)', params: NoteIdParamsSchema, response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      await service.remove(principalOf(request), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
