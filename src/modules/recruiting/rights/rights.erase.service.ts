import { AppError, notFound } from '../../../app-error.ts';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { FileStore } from '../../../infra/files/file-store.ts';
import { auditActor, authorize, requireWholeOrg, type Caller } from '../../access/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EventsService, RedactSubjects } from '../../events/index.ts';
import type { RightsEraseRepo } from './rights.erase.repo.ts';
import { isErased } from './rights.export.service.ts';
import type { EraseInput, Erasure } from './rights.schemas.ts';

export interface EraseServiceDeps {
  events: Pick<EventsService, 'withEvents'>;
  redactEvents: RedactSubjects;
  audit: Pick<AuditService, 'record'>;
  repo: RightsEraseRepo;
  files: Pick<FileStore, 'delete'>;
  log: { warn(details: object, message: string): void };
  clock: () => Date;
}

/** Decides, with the candidate locked, whether the erasure goes ahead (a retention run re-checks that they are still due). */
export type EraseCondition = (tx: DbExecutor, orgId: string, candidateId: string) => Promise<boolean>;

export function createEraseService({ events, redactEvents, audit, repo, files, log, clock }: EraseServiceDeps) {
  /** Deletes the bytes; how many could not be deleted (logged by key, which names no person). */
  async function deleteFiles(storeKeys: readonly string[]): Promise<number> {
    const results = await Promise.allSettled(storeKeys.map((key) => files.delete(key)));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ key: storeKeys[i], err: r.reason as unknown }] : []));
    for (const { key, err } of failed) log.warn({ err, storeKey: key }, 'could not delete an erased candidate\'s file');
    return failed.length;
  }

  /** As erase() below, but only if `condition` holds once the candidate is locked: null (and nothing changed) when it does not. */
  async function eraseIf({ principal, origin }: Caller, id: string, input: EraseInput, condition: EraseCondition | null): Promise<Erasure | null> {
    const access = authorize(principal, 'candidates:write');
    requireWholeOrg(access, 'erase a candidate');
    const reason = input.reason.trim();
    if (!reason) throw new AppError('validation-failed', 'Say why the candidate is erased', { fields: [{ field: 'reason', detail: 'must not be blank' }] });
    const { orgId } = access;
    const now = clock();
    const done = await events.withEvents(orgId, async (tx, record) => {
      const target = await repo.lock(tx, orgId, id);
      if (!target) throw notFound('Candidate');
      if (target.mergedInto) throw new AppError('not-found', `Candidate ${id} was merged into ${target.mergedInto}; erase that candidate`);
      if (condition && !(await condition(tx, orgId, id))) return null;
      const alreadyErased = isErased(target, await repo.emailCount(tx, id));
      const erasedCandidateIds = [id, ...(await repo.lockMergedInto(tx, orgId, id))];
      const rows = await repo.scrub(tx, orgId, erasedCandidateIds, now);
      // The events about the person, their applications and notes; earlier candidate.erased events hold ids only.
      const eventsRedacted = await redactEvents(tx, orgId, [...erasedCandidateIds, ...rows.applicationIds, ...rows.noteIds, ...rows.interviewIds, ...rows.schedulingLinkIds], ['candidate.erased']);
      await audit.record({
        orgId, action: 'candidate.erased', actor: auditActor(principal.actor), origin, target: { type: 'candidate', id },
        data: { reason, erasedCandidateIds, alreadyErased },
      }, tx);
      record({ orgId, type: 'candidate.erased', subjectId: id, payload: { candidateId: id, erasedCandidateIds } });
      return { alreadyErased, erasedCandidateIds, rows, eventsRedacted };
    });
    if (!done) return null;
    // After the commit, so a rolled-back erasure never loses files its rows still name. A failed delete
    // is retried by erasing again: the rows keep their file-store keys, which name no person.
    const failed = await deleteFiles(done.rows.storeKeys);
    if (failed > 0) {
      throw new AppError('service-unavailable', `The candidate is erased, but ${failed} of their files could not be deleted from the file store; erase again to retry`);
    }
    return {
      candidateId: id, erasedCandidateIds: done.erasedCandidateIds, alreadyErased: done.alreadyErased, erasedAt: now.toISOString(),
      applications: done.rows.applicationIds.length, notesDeleted: done.rows.noteIds.length, filesDeleted: done.rows.storeKeys.length,
      eventsRedacted: done.eventsRedacted,
    };
  }

  return {
    /**
     * Erases a candidate's personal data (the right to erasure) in one transaction: the record stays,
     * anonymized, with its applications' job, stage, status, source and dates, so pipelines and reports
     * keep their counts. Records merged into it are erased with it. Erasing again is harmless (200):
     * it clears whatever was added since. It acts on every application of the person, so it needs
     * candidates:write over the whole org (recruiters, admins, owners, API keys; never a hiring manager).
     */
    async erase(caller: Caller, id: string, input: EraseInput): Promise<Erasure> {
      const done = await eraseIf(caller, id, input, null);
      if (!done) throw notFound('Candidate');
      return done;
    },

    eraseIf,
  };
}
export type EraseService = ReturnType<typeof createEraseService>;
