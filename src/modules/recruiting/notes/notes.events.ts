import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { NoteVisibilitySchema } from './notes.schemas.ts';

// No body in any payload: events travel to webhooks and mail, and a private note's text must not.
const about = { noteId: Type.String(), candidateId: Type.String(), applicationId: Type.Union([Type.String(), Type.Null()]) };

/** Notes on candidates; the mentioned people are notified from these. */
export const noteEvents = [
  {
    type: 'note.created', version: 1, description: 'Someone wrote a note on a candidate (or one of their applications), mentioning `mentions`.',
    payload: Type.Object({
      ...about, mentions: Type.Array(Type.String()), visibility: NoteVisibilitySchema,
      author: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
    }),
  },
  {
    type: 'note.updated', version: 1, description: 'A note changed; `newMentions` are the people it mentions now and did not before.',
    payload: Type.Object({ ...about, mentions: Type.Array(Type.String()), newMentions: Type.Array(Type.String()), visibility: NoteVisibilitySchema, changed: Type.Array(Type.String()) }),
  },
  { type: 'note.deleted', version: 1, description: 'A note was deleted.', payload: Type.Object(about) },
] as const satisfies readonly EventDefinition[];
