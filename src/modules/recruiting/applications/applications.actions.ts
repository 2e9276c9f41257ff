import { AppError, notFound } from '../../../app-error.ts';
import { isDatabaseUnavailable, type DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService, RecordEvent } from '../../events/index.ts';
import type { CandidatesRepo } from '../candidates/index.ts';
import type { CandidateEmails, MailContext } from '../emails/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import type { HistoryActor } from './applications.create.ts';
import { toApplication, type ApplicationPatch, type ApplicationRow, type ApplicationsRepo, type ApplicationWithStage, type HistoryEntry } from './applications.repo.ts';
import type { Application } from './applications.schemas.ts';
import { planAction, type ActionContext, type ActionInput, type ActionPlan } from './applications.transitions.ts';

export interface ApplicationActionsDeps {
  events: Pick<EventsService, 'withEvents'>;
  repo: ApplicationsRepo;
  stagesOf: PipelinesRepo['stagesOf'];
  candidates: Pick<CandidatesRepo, 'touch'>;
  log: { error(details: object, message: string): void };
  /** The rejection email (after the org's delay, if it sends them) and its cancellation when the application opens again. */
  emails?: Pick<CandidateEmails, 'prepare' | 'rejected' | 'reopened'>;
  clock?: () => Date;
}

/** One item of a bulk action: the application as it is now, or why this one was left as it was. */
export type BulkResult =
  | { applicationId: string; ok: true; application: Application }
  | { applicationId: string; ok: false; problem: { code: AppError['code']; detail: string } };

/** Rows per history insert: well under PostgreSQL's 65,535 bound parameters. */
const HISTORY_BATCH = 1000;

export type BulkInput = Extract<ActionInput, { kind: 'move' } | { kind: 'reject' }>;

/** Undefined accepts any version; otherwise the application must be at one of them, so no move is lost to a concurrent one. */
function checkVersion(current: ApplicationWithStage, expected: readonly number[] | undefined): void {
  if (expected === undefined || expected.includes(current.row.version)) return;
  const named = expected.length > 0 ? `not ${expected.join(' or ')}` : 'and If-Match names no strong ETag of it';
  throw new AppError('version-conflict', `The application is at version ${current.row.version}, ${named}; fetch it again and retry`);
}

export function createApplicationActions({ events, repo, stagesOf, candidates, log, emails, clock = () => new Date() }: ApplicationActionsDeps) {
  /** The lookups an action needs beyond the application itself: done once for a whole bulk request. */
  async function contextFor(tx: DbExecutor, orgId: string, input: ActionInput, jobId: string | null): Promise<ActionContext> {
    if (input.kind === 'reject' && !(await repo.findActiveReason(tx, orgId, input.reasonId))) {
      throw new AppError('validation-failed', 'The rejection reason is not one of the organization\'s active reasons', {
        fields: [{ field: 'reasonId', detail: 'not an active rejection reason' }],
      });
    }
    const stageId = input.kind === 'move' || input.kind === 'reopen' ? input.stageId : undefined;
    const target = stageId === undefined ? undefined : await repo.stageById(tx, orgId, stageId);
    const jobStages = input.kind === 'reopen' && stageId === undefined && jobId ? await stagesOf(tx, orgId, jobId) : undefined;
    return { target, jobStages };
  }

  /** What an action leaves besides the row: its history entry and its events, written after the row. */
  function consequences(before: ApplicationRow, row: ApplicationRow, plan: ActionPlan, actor: HistoryActor, at: Date) {
    const application = toApplication(row, plan.stage);
    const entry: HistoryEntry = {
      orgId: row.orgId, applicationId: row.id, action: plan.history.action, actorType: actor.type, actorId: actor.id,
      fromStageId: before.stageId, toStageId: row.stageId, reasonId: plan.history.reasonId, note: plan.history.note, at,
      details: before.status === row.status ? null : { fromStatus: before.status, toStatus: row.status },
    };
    const recordAll = (record: RecordEvent) => {
      for (const type of plan.events) {
        const base = { orgId: row.orgId, subjectId: row.id };
        if (type === 'application.stage_changed') {
          record({ ...base, type, payload: { application, fromStageId: before.stageId, toStageId: row.stageId } });
        } else {
          record({ ...base, type, payload: { application } });
        }
      }
    };
    return { application, entry, recordAll };
  }

  /**
   * A withdrawn application no longer counts, so the candidate may have applied again since; reopening
   * it would give them two. The candidate's lock makes the check hold against an addition at the same time.
   */
  async function checkNoNewer(tx: DbExecutor, access: JobAccess, current: ApplicationWithStage): Promise<void> {
    const { row } = current;
    await repo.lockCandidate(tx, access, row.candidateId);
    const newer = await repo.findExisting(tx, access.orgId, row.jobId, row.candidateId, row.id);
    if (newer) throw new AppError('conflict', `The candidate has another application to this job that counts: ${newer.id} (${newer.status}); reopen that one instead`);
  }

  /**
   * A bulk item's one write, in its own savepoint: a database error rolls back only this item, which
   * fails alone, and the others go ahead. A database that is down fails the whole request.
   */
  async function updateInSavepoint(tx: DbExecutor, id: string, patch: ApplicationPatch): Promise<ApplicationRow> {
    try {
      return await tx.transaction((savepoint) => repo.update(savepoint, id, patch));
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw err;
      log.error({ err, applicationId: id }, 'bulk item failed in its savepoint');
      throw new AppError('internal-error', 'This application could not be changed; nothing of it was written');
    }
  }

  const writeAccess = (principal: Principal): { access: JobAccess; actor: HistoryActor } =>
    ({ access: authorize(principal, 'candidates:write'), actor: auditActor(principal.actor) });

  /** One action on one application, under its row lock, inside the caller's transaction; `owner` limits it to one candidate's applications. */
  async function actWithin(tx: DbExecutor, record: RecordEvent, access: JobAccess, actor: HistoryActor, id: string, input: ActionInput, expected?: readonly number[], owner?: string): Promise<Application> {
    const [current] = await repo.lockMany(tx, access, [id]);
    if (!current || (owner !== undefined && current.row.candidateId !== owner)) throw notFound('Application');
    checkVersion(current, expected);
    if (input.kind === 'reopen' && current.row.status === 'withdrawn') await checkNoNewer(tx, access, current);
    const plan = planAction(current, input, await contextFor(tx, access.orgId, input, current.row.jobId));
    const at = clock();
    const row = await repo.update(tx, id, { ...plan.patch, at });
    const { application, entry, recordAll } = consequences(current.row, row, plan, actor, at);
    await repo.addHistory(tx, [entry]);
    await candidates.touch(tx, [row.candidateId], at);
    recordAll(record);
    return application;
  }

  return {
    /** One action on one application, under its row lock; `expected` is the versions the caller saw. */
    async act(principal: Principal, id: string, input: ActionInput, expected?: readonly number[]): Promise<Application> {
      const { access, actor } = writeAccess(principal);
      const rejecting = emails && input.kind === 'reject' ? await emails.prepare(access.orgId, id) : null;
      return events.withEvents(access.orgId, async (tx, record) => {
        const application = await actWithin(tx, record, access, actor, id, input, expected);
        if (emails && rejecting) await emails.rejected(tx, rejecting);
        if (emails && (input.kind === 'unreject' || input.kind === 'reopen')) await emails.reopened(tx, access.orgId, id);
        return application;
      });
    },

    /**
     * The candidate withdraws one of their own applications (from their status page): the same
     * transition as a recruiter's withdraw, with the candidate as the history's actor. An application
     * of anyone else is not found.
     */
    async withdrawByCandidate(orgId: string, candidateId: string, id: string): Promise<Application> {
      return events.withEvents(orgId, (tx, record) =>
        actWithin(tx, record, { orgId, assignedTo: null }, { type: 'candidate', id: candidateId }, id, { kind: 'withdraw', note: null }, undefined, candidateId));
    },

    /**
     * The same action as part of a larger change another area makes in its own transaction (an
     * accepted offer hires its application); that area has authorized the caller.
     */
    actWithin,

    /**
     * One action on many applications in one transaction, each all-or-nothing in its own savepoint:
     * an item that fails leaves its application untouched and the others go ahead. Rows and their
     * stages are read (and locked) in one query, the target stage or reason once.
     */
    async bulk(principal: Principal, ids: readonly string[], input: BulkInput): Promise<BulkResult[]> {
      const { access, actor } = writeAccess(principal);
      const rejecting = new Map<string, MailContext>();
      if (emails && input.kind === 'reject') {
        for (const id of new Set(ids)) {
          const mailing = await emails.prepare(access.orgId, id);
          if (mailing) rejecting.set(id, mailing);
        }
      }
      return events.withEvents(access.orgId, async (tx, record) => {
        const context = await contextFor(tx, access.orgId, input, null);
        // A stage of none of the org's jobs is the request's mistake; one of another job fails only the items of other jobs.
        if (input.kind === 'move' && !context.target) {
          throw new AppError('validation-failed', 'The stage is not one of the organization\'s job stages', { fields: [{ field: 'stageId', detail: 'no such stage' }] });
        }
        const found = new Map((await repo.lockMany(tx, access, ids)).map((a) => [a.row.id, a]));
        const at = clock();
        const results: BulkResult[] = [];
        const done: ReturnType<typeof consequences>[] = [];
        for (const applicationId of ids) {
          const current = found.get(applicationId);
          try {
            if (!current) throw notFound('Application');
            const plan = planAction(current, input, context);
            const row = await updateInSavepoint(tx, applicationId, { ...plan.patch, at });
            const outcome = consequences(current.row, row, plan, actor, at);
            done.push(outcome);
            results.push({ applicationId, ok: true, application: outcome.application });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            results.push({ applicationId, ok: false, problem: { code: err.code, detail: err.detail } });
          }
        }
        // History and candidates' updated_at for every item that changed, in a few statements rather than one per item.
        for (let i = 0; i < done.length; i += HISTORY_BATCH) await repo.addHistory(tx, done.slice(i, i + HISTORY_BATCH).map((d) => d.entry));
        await repo.touchCandidates(tx, [...new Set(done.map((d) => d.application.candidateId))], at);
        for (const d of done) d.recordAll(record);
        for (const d of done) {
          const mailing = rejecting.get(d.application.id);
          if (emails && mailing) await emails.rejected(tx, mailing);
        }
        return results;
      });
    },
  };
}
export type ApplicationActions = ReturnType<typeof createApplicationActions>;
