import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { NoteRow, NotesRepo, NoteViewer } from './notes.repo.ts';
import type { CreateNoteInput, Note, NotePosition, UpdateNoteInput } from './notes.schemas.ts';

export interface NotesServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: NotesRepo;
  /** Whether a user belongs to the org; the identity module answers. */
  isMember: (orgId: string, userId: string) => Promise<boolean>;
  clock?: () => Date;
}

export const toNote = (row: NoteRow): Note => ({
  id: row.id, candidateId: row.candidateId, applicationId: row.applicationId, author: { type: row.authorType, id: row.authorId },
  body: row.body, mentions: row.mentions, visibility: row.visibility, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
});

/**
 * Who sees private notes: their author, and the org's owners and admins (and the system itself). An API
 * key sees team notes only, beyond those it wrote: a key is an integration that syncs candidates out of
 * Hireline, and a note someone marked private must not leave with it.
 */
function viewerOf(principal: Principal): NoteViewer {
  const { actor } = principal;
  const author = auditActor(actor);
  const seesAllPrivate = actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'owner' || actor.role === 'admin'));
  return { seesAllPrivate, authorType: author.type, authorId: author.id };
}

const invalid = (detail: string, fields: FieldProblem[]) => new AppError('validation-failed', detail, { fields });

function checkBody(body: string): string {
  if (!body.trim()) throw invalid('The note is blank', [{ field: 'body', detail: 'must not be blank' }]);
  return body;
}

export function createNotesService({ database, events, repo, isMember, clock = () => new Date() }: NotesServiceDeps) {
  /** Each mentioned id must be a member of the org (400 naming the first that is not); duplicates count once. */
  async function checkMentions(orgId: string, mentions: readonly string[] | undefined): Promise<string[]> {
    if (!mentions) return [];
    const problems: FieldProblem[] = [];
    for (const [i, userId] of mentions.entries()) {
      if (!(await isMember(orgId, userId))) problems.push({ field: `mentions.${i}`, detail: 'is not a member of this organization' });
    }
    if (problems.length > 0) throw invalid('Only members of the organization can be mentioned', problems);
    return [...new Set(mentions)];
  }

  function checkPrivateMentions(visibility: Note['visibility'], mentions: readonly string[]): void {
    if (visibility === 'private' && mentions.length > 0) {
      throw invalid('A private note is seen only by its author and admins, so it mentions nobody', [{ field: 'mentions', detail: 'must be empty on a private note' }]);
    }
  }

  async function candidateFor(tx: DbExecutor, access: JobAccess, candidateId: string, lock: boolean) {
    const candidate = await repo.visibleCandidate(tx, access, candidateId, lock);
    if (!candidate) throw notFound('Candidate');
    return candidate;
  }

  /** The note for a change: readable by the caller (404 otherwise), and theirs unless they are an admin (403). */
  async function changeable(tx: DbExecutor, principal: Principal, access: JobAccess, id: string): Promise<NoteRow> {
    const viewer = viewerOf(principal);
    const found = await repo.findReadable(tx, access, viewer, id);
    if (!found) throw notFound('Note');
    await candidateFor(tx, access, found.candidateId, true);
    const mine = found.authorType === viewer.authorType && found.authorId === viewer.authorId;
    if (!mine && !viewer.seesAllPrivate) throw new AppError('forbidden', 'Only the note\'s author or an admin can change it');
    return found;
  }

  return {
    async create(principal: Principal, candidateId: string, input: CreateNoteInput): Promise<Note> {
      const access = authorize(principal, 'candidates:write');
      const { orgId } = access;
      const body = checkBody(input.body);
      const visibility = input.visibility ?? 'team';
      const mentions = await checkMentions(orgId, input.mentions);
      checkPrivateMentions(visibility, mentions);
      const author = auditActor(principal.actor);
      return events.withEvents(orgId, async (tx, record) => {
        const candidate = await candidateFor(tx, access, candidateId, true);
        if (candidate.mergedInto) throw new AppError('conflict', `The candidate was merged into ${candidate.mergedInto}; add the note there`);
        const applicationId = input.applicationId ?? null;
        if (applicationId && !(await repo.applicationOfCandidate(tx, access, applicationId, candidateId))) {
          throw invalid('The application is not one of this candidate\'s', [{ field: 'applicationId', detail: 'is not an application of this candidate' }]);
        }
        const now = clock();
        const row = await repo.insert(tx, { orgId, candidateId, applicationId, authorType: author.type, authorId: author.id, body, mentions, visibility, createdAt: now, updatedAt: now });
        if (visibility === 'team') await repo.refreshSearchNotes(tx, orgId, candidateId);
        record({ orgId, type: 'note.created', subjectId: row.id, payload: { noteId: row.id, candidateId, applicationId, mentions, visibility, author } });
        return toNote(row);
      });
    },

    /** A page of the candidate's notes the caller may read, newest first. */
    async list(principal: Principal, candidateId: string, query: { applicationId?: string; after?: NotePosition; limit?: number }): Promise<{ data: Note[]; next: NotePosition | null }> {
      const access = authorize(principal, 'candidates:read');
      const limit = query.limit ?? 20;
      const rows = await database.tenant(access.orgId, async (tx) => {
        await candidateFor(tx, access, candidateId, false);
        return repo.list(tx, access, viewerOf(principal), { candidateId, applicationId: query.applicationId, after: query.after, limit: limit + 1 });
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { data: page.map(toNote), next: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null };
    },

    async get(principal: Principal, id: string): Promise<Note> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        const row = await repo.findReadable(tx, access, viewerOf(principal), id);
        if (!row) throw notFound('Note');
        await candidateFor(tx, access, row.candidateId, false);
        return toNote(row);
      });
    },

    async update(principal: Principal, id: string, input: UpdateNoteInput): Promise<Note> {
      const access = authorize(principal, 'candidates:write');
      const { orgId } = access;
      const body = input.body === undefined ? undefined : checkBody(input.body);
      const mentions = input.mentions === undefined ? undefined : await checkMentions(orgId, input.mentions);
      return events.withEvents(orgId, async (tx, record) => {
        const current = await changeable(tx, principal, access, id);
        const visibility = input.visibility ?? current.visibility;
        checkPrivateMentions(visibility, mentions ?? current.mentions);
        const row = await repo.update(tx, orgId, id, {
          ...(body !== undefined ? { body } : {}), ...(mentions !== undefined ? { mentions } : {}), ...(input.visibility ? { visibility } : {}), updatedAt: clock(),
        });
        // Private notes never reach the search text, so a change to or from private rebuilds it as well.
        if (current.visibility === 'team' || row.visibility === 'team') await repo.refreshSearchNotes(tx, orgId, row.candidateId);
        const newMentions = row.mentions.filter((m) => !current.mentions.includes(m));
        record({
          orgId, type: 'note.updated', subjectId: id,
          payload: { noteId: id, candidateId: row.candidateId, applicationId: row.applicationId, mentions: row.mentions, newMentions, visibility: row.visibility, changed: Object.keys(input) },
        });
        return toNote(row);
      });
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const access = authorize(principal, 'candidates:write');
      const { orgId } = access;
      await events.withEvents(orgId, async (tx, record) => {
        const current = await changeable(tx, principal, access, id);
        await repo.delete(tx, orgId, id);
        if (current.visibility === 'team') await repo.refreshSearchNotes(tx, orgId, current.candidateId);
        record({ orgId, type: 'note.deleted', subjectId: id, payload: { noteId: id, candidateId: current.candidateId, applicationId: current.applicationId } });
      });
    },
  };
}
export type NotesService = ReturnType<typeof createNotesService>;
