import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import { authorize, type Principal } from '../access/index.ts';
import { definitionOf, isEventType, type EventType, type NewDomainEvent } from './events.catalogue.ts';
import type { EventsRepo } from './events.repo.ts';
import type { DomainEvent, ListEventsQuery } from './events.schemas.ts';

/** Records one catalogue event: its payload must match the schema of its type (checked at compile time). */
export type RecordEvent = (event: NewDomainEvent) => void;
/** A recorded event once committed, with the id and time GET /v1/events shows. */
export type CommittedEvent<T extends EventType = EventType> = NewDomainEvent<T> & { id: string; version: number; occurredAt: Date };
export type EventListener<T extends EventType> = (event: CommittedEvent<T>) => void;

export interface EventsServiceDeps {
  database: Pick<Database, 'tenant' | 'unscopedTransaction'>;
  repo: Pick<EventsRepo, 'insert' | 'list'>;
  log: { error(details: object, message: string): void };
}

/** Where a page of events ends: the last event's id (ids are time-ordered). */
export interface EventPosition {
  id: string;
}

export function createEventsService({ database, repo, log }: EventsServiceDeps) {
  const listeners = new Map<EventType, Set<(event: CommittedEvent) => void>>();

  return {
    /**
     * Runs fn in one transaction and writes every event it records in that same transaction
     * (nothing committed without its event, no event without its commit); in-process listeners
     * hear about the events only after the commit. The transaction is the org's (row-level
     * security applies), or null for the rare sweep that crosses organizations.
     */
    async withEvents<T>(orgId: string | null, fn: (tx: DbExecutor, record: RecordEvent) => Promise<T>): Promise<T> {
      let committed: CommittedEvent[] = [];
      const work = async (tx: DbExecutor) => {
        const recorded: NewDomainEvent[] = [];
        const value = await fn(tx, (event) => recorded.push(event));
        // The time is set here rather than by the database, so listeners hear the stored value.
        const occurredAt = new Date();
        committed = recorded.map((e) => ({ ...e, id: newId('evt'), version: definitionOf(e.type).version, occurredAt }));
        await repo.insert(committed, tx);
        return value;
      };
      const result = orgId === null ? await database.unscopedTransaction(work) : await database.tenant(orgId, work);
      for (const event of committed) {
        for (const listener of listeners.get(event.type) ?? []) {
          // The write is committed: a failing listener must not turn it into an error response.
          try {
            listener(event);
          } catch (err) {
            log.error({ err, type: event.type }, 'domain event listener failed');
          }
        }
      }
      return result;
    },

    /** Hears each committed event of the named types, in this process; returns the unsubscribe. */
    onCommitted<T extends EventType>(types: readonly T[], listener: EventListener<T>): () => void {
      // Only events of the named types reach the listener, so widening its parameter is safe.
      const heard = listener as (event: CommittedEvent) => void;
      for (const type of types) {
        const set = listeners.get(type) ?? new Set();
        set.add(heard);
        listeners.set(type, set);
      }
      return () => {
        for (const type of types) listeners.get(type)?.delete(heard);
      };
    },

    /** Oldest first; `after` is the position a previous page returned as `next`. */
    async list(principal: Principal, query: Omit<ListEventsQuery, 'cursor'> & { after?: EventPosition }): Promise<{ data: DomainEvent[]; next: EventPosition | null }> {
      const { orgId } = authorize(principal, 'events:read');
      const limit = query.limit ?? 20;
      const afterId = query.after?.id;
      // A type outside the catalogue was never recorded: an empty page, as before the catalogue.
      const { type } = query;
      if (type !== undefined && !isEventType(type)) return { data: [], next: null };
      const rows = await database.tenant(orgId, (tx) => repo.list(orgId, { type, subjectId: query.subjectId, afterId, limit: limit + 1 }, tx));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page.map((r) => ({ id: r.id, type: r.type, version: r.version, subjectId: r.subjectId, payload: r.payload, occurredAt: r.occurredAt.toISOString() })),
        next: rows.length > limit && last ? { id: last.id } : null,
      };
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
