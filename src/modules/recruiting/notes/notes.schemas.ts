import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../../http/schemas.ts';

export const NoteVisibilitySchema = Type.Union([Type.Literal('team'), Type.Literal('private')], {
  description: 'team: everyone who can see the candidate; private: only its author and the org\'s owners and admins (API keys see team notes only)',
});
const Body = Type.String({ minLength: 1, maxLength: 20_000, description: 'Plain text' });
const Mentions = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 50, description: 'User ids of org members to notify; a private note mentions nobody',
});

export const NoteSchema = Type.Object({
  id: Type.String({ examples: ['note_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  candidateId: Type.String(),
  applicationId: Nullable(Type.String()),
  author: Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('api-key'), Type.Literal('system')]), id: Nullable(Type.String()) }),
  body: Type.String(),
  mentions: Type.Array(Type.String()),
  visibility: NoteVisibilitySchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'Note' });
export type Note = Static<typeof NoteSchema>;

export const CreateNoteBodySchema = Type.Object({
  body: Body,
  applicationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'One of the candidate\'s applications, when the note is about it' })),
  mentions: Type.Optional(Mentions),
  visibility: Type.Optional(Type.Union([Type.Literal('team'), Type.Literal('private')], { default: 'team' })),
}, { additionalProperties: false });
export type CreateNoteInput = Static<typeof CreateNoteBodySchema>;

export const UpdateNoteBodySchema = Type.Object({
  body: Type.Optional(Body),
  mentions: Type.Optional(Mentions),
  visibility: Type.Optional(NoteVisibilitySchema),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateNoteInput = Static<typeof UpdateNoteBodySchema>;

export const NoteIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListNotesQuerySchema = Type.Object({
  applicationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only the notes on this application' })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });

/** Where a page of notes ends (newest first): the last note's creation time and id. */
export interface NotePosition {
  createdAt: string;
  id: string;
}
