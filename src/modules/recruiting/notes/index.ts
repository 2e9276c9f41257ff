// Notes: what the team writes about a candidate or one of their applications, with mentions and private notes.
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import { createNotesRepo } from './notes.repo.ts';
import { notesRoutes } from './notes.routes.ts';
import { createNotesService } from './notes.service.ts';

export { noteEvents } from './notes.events.ts';
export { NoteSchema, type Note } from './notes.schemas.ts';
export { createNotesRepo, type NoteRow, type NotesRepo } from './notes.repo.ts';

/**
 * Rebuilds a candidate's notes search text in the caller's transaction: for an area that moves notes
 * between candidates (merging) or otherwise changes them without this area's service.
 */
export const refreshSearchNotes = createNotesRepo().refreshSearchNotes;

export function createNotesArea(deps: {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  isMember: (orgId: string, userId: string) => Promise<boolean>;
  clock?: () => Date;
}) {
  const service = createNotesService({ ...deps, repo: createNotesRepo() });
  return { service, routes: [notesRoutes(service)] };
}
export type NotesArea = ReturnType<typeof createNotesArea>;
