import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import { cursorId, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { EventsRepo } from './events.repo.ts';
import type { DomainEvent, ListEventsQuery, NewDomainEvent } from './events.schemas.ts';

export type RecordEvent = (event: NewDomainEvent) => void;
export type CommittedListener = (events: readonly NewDomainEvent[]) => void;

export interface EventsServiceDeps {
  database: Pick<Database, 'tenant' | 'unscopedTransaction'>;
  repo: EventsRepo;
  log: { error(details: object, message: string): void };
}

export function createEventsService({ database, repo, log }: EventsServiceDeps) {
  const listeners = new Set<CommittedListener>();

  return {
    /**
     * Runs fn in one transaction and writes every event it records in that same transaction
     * (nothing committed without its event, no event without its commit); in-process listeners
     * hear about the events only after the commit. The transaction is the org's (row-level
     * security applies), or null for the rare sweep that crosses organizations.
     */
    async withEvents<T>(orgId: string | null, fn: (tx: DbExecutor, record: RecordEvent) => Promise<T>): Promise<T> {
      const recorded: NewDomainEvent[] = [];
      const work = async (tx: DbExecutor) => {
        const value = await fn(tx, (event) => recorded.push(event));
        await repo.insert(recorded.map((e) => ({ id: newId('evt'), ...e })), tx);
        return value;
      };
      const result = orgId === null ? await database.unscopedTransaction(work) : await database.tenant(orgId, work);
      for (const listener of listeners) {
        // The write is committed: a failing listener must not turn it into an error response.
        try {
          listener(recorded);
        } catch (err) {
          log.error({ err }, 'domain event listener failed');
        }
      }
      return result;
    },

    onCommitted(listener: CommittedListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async list(orgId: string, query: ListEventsQuery): Promise<{ data: DomainEvent[]; nextCursor: string | null }> {
      const limit = query.limit ?? 20;
      const afterId = query.cursor ? cursorId(decodeCursor(query.cursor, 'events', 1)) : undefined;
      const rows = await database.tenant(orgId, (tx) => repo.list(orgId, { type: query.type, subjectId: query.subjectId, afterId, limit: limit + 1 }, tx));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page.map((r) => ({ id: r.id, type: r.type, subjectId: r.subjectId, payload: r.payload, occurredAt: r.occurredAt.toISOString() })),
        nextCursor: rows.length > limit && last ? encodeCursor('events', [last.id]) : null,
      };
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
