import { AppError, notFound } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { auditActor, authorize, requireWholeOrg, type Caller, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { EraseService } from './rights.erase.service.ts';
import type { ErasureRequestPosition, ErasureRequestRow, ErasureRequestsRepo } from './rights.requests.repo.ts';
import type { ErasureRequestStatus } from './rights.requests.table.ts';
import type { ErasureRequest } from './rights.requests.schemas.ts';
import type { Erasure } from './rights.schemas.ts';

export interface ErasureRequestsDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: ErasureRequestsRepo;
  erasure: Pick<EraseService, 'erase'>;
  clock: () => Date;
}

export const toErasureRequest = (row: ErasureRequestRow): ErasureRequest => ({
  id: row.id, candidateId: row.candidateId, status: row.status, reason: row.reason, requestedAt: row.requestedAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null, decidedBy: row.decidedByType ? { type: row.decidedByType, id: row.decidedById } : null,
  declineNote: row.declineNote,
});

/** Deciding on a request acts on the candidate's whole record, so it takes what erasing takes. */
function decider(principal: Principal, what: string): string {
  const access = authorize(principal, 'candidates:write');
  requireWholeOrg(access, what);
  return access.orgId;
}

export function createErasureRequestsService({ database, events, repo, erasure, clock }: ErasureRequestsDeps) {
  return {
    /**
     * Records the candidate's request (their status page calls this once it knows who they are).
     * Asking again while one is pending answers that one, unchanged.
     */
    async request(orgId: string, candidateId: string, reason: string | null): Promise<{ request: ErasureRequest; created: boolean }> {
      const words = reason?.trim() || null;
      return events.withEvents(orgId, async (tx, record) => {
        const inserted = await repo.insertPending(tx, orgId, candidateId, words, clock());
        if (!inserted) {
          const pending = await repo.latestFor(tx, orgId, candidateId);
          if (!pending) throw new Error('a pending erasure request conflicted but none was found');
          return { request: toErasureRequest(pending), created: false };
        }
        record({ orgId, type: 'candidate.erasure_requested', subjectId: candidateId, payload: { requestId: inserted.id, candidateId } });
        return { request: toErasureRequest(inserted), created: true };
      });
    },

    /** The candidate's latest request, for their status page. */
    async latest(orgId: string, candidateId: string): Promise<ErasureRequest | null> {
      const row = await database.tenant(orgId, (tx) => repo.latestFor(tx, orgId, candidateId));
      return row ? toErasureRequest(row) : null;
    },

    async list(principal: Principal, query: { status: ErasureRequestStatus; after?: ErasureRequestPosition; limit: number }): Promise<{ data: ErasureRequest[]; next: ErasureRequestPosition | null }> {
      const orgId = decider(principal, 'read erasure requests');
      const rows = await database.tenant(orgId, (tx) => repo.list(tx, orgId, { ...query, limit: query.limit + 1 }));
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return { data: page.map(toErasureRequest), next: rows.length > query.limit && last ? { requestedAt: last.requestedAt.toISOString(), id: last.id } : null };
    },

    /**
     * Erases the candidate with the existing erase service, by the confirming caller; the reason the
     * audit log keeps names the request (its id and date). The candidate's own words are left out:
     * they may name them, and the erasure clears them from the request too.
     */
    async confirm(caller: Caller, id: string): Promise<{ request: ErasureRequest; erasure: Erasure }> {
      const orgId = decider(caller.principal, 'confirm an erasure request');
      const found = await database.tenant(orgId, (tx) => repo.find(tx, orgId, id));
      if (!found) throw notFound('Erasure request');
      if (found.status !== 'pending') throw new AppError('invalid-state-transition', `The erasure request is already ${found.status}`);
      const reason = `Requested by the candidate on their status page on ${found.requestedAt.toISOString().slice(0, 10)} (${found.id})`;
      const done = await erasure.erase(caller, found.candidateId, { reason });
      const actor = auditActor(caller.principal.actor);
      const row = await database.tenant(orgId, (tx) => repo.update(tx, id, { status: 'erased', decidedByType: actor.type, decidedById: actor.id }));
      return { request: toErasureRequest(row), erasure: done };
    },

    async decline(principal: Principal, id: string, note: string | null): Promise<ErasureRequest> {
      const orgId = decider(principal, 'decline an erasure request');
      const actor = auditActor(principal.actor);
      return events.withEvents(orgId, async (tx, record) => {
        const found = await repo.lock(tx, orgId, id);
        if (!found) throw notFound('Erasure request');
        if (found.status !== 'pending') throw new AppError('invalid-state-transition', `The erasure request is already ${found.status}`);
        const row = await repo.update(tx, id, { status: 'declined', decidedAt: clock(), decidedByType: actor.type, decidedById: actor.id, declineNote: note?.trim() || null });
        record({ orgId, type: 'candidate.erasure_request_declined', subjectId: found.candidateId, payload: { requestId: id, candidateId: found.candidateId } });
        return toErasureRequest(row);
      });
    },
  };
}
export type ErasureRequestsService = ReturnType<typeof createErasureRequestsService>;
