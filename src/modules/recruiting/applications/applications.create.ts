import { AppError } from '../../../app-error.ts';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { RecordEvent } from '../../events/index.ts';
import { createCandidatesRepo } from '../candidates/index.ts';
import { createApplicationsRepo, toApplication, type ApplicationRow } from './applications.repo.ts';
import type { StageRow } from '../pipelines/index.ts';
import type { Application } from './applications.schemas.ts';
import type { AnswerValue, Consent } from './applications.table.ts';

/** Who did something to an application, as its history records it. */
export interface HistoryActor {
  type: 'user' | 'api-key' | 'system' | 'candidate';
  id: string | null;
}

export interface NewApplicationInput {
  orgId: string;
  jobId: string;
  candidateId: string;
  /** One of the job's stages (the caller has them from stagesOf, which also makes sure the job has them). */
  stageId: string;
  /** That stage, when the caller has already read it locked (pipelines' firstStage): not read again. */
  lockedStage?: StageRow;
  source: string;
  sourceDetail: string | null;
  answers: Record<string, AnswerValue>;
  coverLetter: string | null;
  consent: Consent | null;
  /** When the applicant agreed to be kept for future roles; omitted: they did not. */
  futureRolesConsentedAt?: Date | null;
  actor: HistoryActor;
  at?: Date;
  /** The candidate was created in this same transaction: nothing to mark as changed. */
  candidateIsNew?: boolean;
}

export interface CreateApplicationOptions {
  /** The error for an application that already exists (the public form words it for the applicant). */
  duplicate?: (existing: ApplicationRow) => AppError;
  /** Rows that refer to the new applications (the applicants' files), written by the same statement; given their ids in the order of the inputs created. */
  alsoInsert?: (created: readonly { input: number; applicationId: string }[]) => TypedQueryBuilder<undefined> | null;
}

const repo = createApplicationsRepo();
const candidatesRepo = createCandidatesRepo();

/** Stages an application cannot start in: it would skip the actions that lead there. */
const endKinds = new Set(['hired', 'rejected']);

/** Why an input cannot become an application (an existing one, a stage it cannot start in); null when it can. */
function refusal(input: NewApplicationInput, stage: StageRow | null, existing: ApplicationRow | undefined, options: CreateApplicationOptions): AppError | null {
  if (existing) {
    return options.duplicate?.(existing) ?? new AppError('conflict', `This candidate already has an application to this job: ${existing.id} (${existing.status})`);
  }
  if (!stage || stage.jobId !== input.jobId) {
    return new AppError('validation-failed', 'The stage is not one of this job\'s stages', { fields: [{ field: 'stageId', detail: 'not a stage of this job' }] });
  }
  if (endKinds.has(stage.kind)) {
    return new AppError('validation-failed', `An application cannot start in a stage of kind ${stage.kind}`, { fields: [{ field: 'stageId', detail: `a ${stage.kind} stage` }] });
  }
  return null;
}

/**
 * Creates applications inside the caller's transaction, each with its 'created' history entry, its
 * `application.created` event and its candidate's updated_at; answers in input order, an application
 * or why that one was not created (the others still are). Both the public apply endpoint (one or a
 * group commit of several, all of one org) and a recruiter's "add to job" use it. The caller must
 * hold the candidates' row locks (matchOrCreate, or the recruiter path's lockCandidate), so two
 * applications of one person to one job cannot both pass the duplicate check: the second is refused,
 * naming the first. A few statements whatever the count.
 */
export async function createApplications(
  tx: DbExecutor, record: RecordEvent, inputs: readonly NewApplicationInput[], options: CreateApplicationOptions = {},
): Promise<(Application | AppError)[]> {
  const [first] = inputs;
  if (!first) return [];
  const { orgId } = first;
  const pairKey = (input: NewApplicationInput) => `${input.jobId}/${input.candidateId}`;
  if (inputs.some((input) => input.orgId !== orgId)) throw new Error('createApplications takes one org\'s applications');
  if (new Set(inputs.map(pairKey)).size !== inputs.length) throw new Error('createApplications takes one application per candidate and job');
  // A candidate made in this transaction has no applications yet.
  const existing = await repo.findExistingMany(tx, orgId, inputs.filter((input) => !input.candidateIsNew));
  const given = (input: NewApplicationInput) => (input.lockedStage?.id === input.stageId ? input.lockedStage : undefined);
  const read = new Map<string, StageRow | null>();
  for (const input of inputs) if (!given(input) && !read.has(input.stageId)) read.set(input.stageId, await repo.stageById(tx, orgId, input.stageId));
  const stages = inputs.map((input) => given(input) ?? read.get(input.stageId) ?? null);
  const results: (Application | AppError | null)[] = inputs.map((input, i) => refusal(input, stages[i] ?? null, existing.get(pairKey(input)), options));
  const creating = inputs.flatMap((input, i) => {
    const stage = stages[i];
    return results[i] === null && stage ? [{ input, index: i, stage }] : [];
  });
  const now = new Date();
  const atOf = (input: NewApplicationInput) => input.at ?? now;
  if (creating.length > 0) {
    const rows = await repo.insertWithHistory(tx, creating.map(({ input, stage }) => {
      const at = atOf(input);
      return {
        row: {
          orgId, jobId: input.jobId, candidateId: input.candidateId, stageId: stage.id, source: input.source, sourceDetail: input.sourceDetail, answers: input.answers,
          coverLetter: input.coverLetter, consent: input.consent, futureRolesConsentedAt: input.futureRolesConsentedAt ?? null, appliedAt: at, lastActivityAt: at, updatedAt: at,
        },
        history: { orgId, action: 'created', actorType: input.actor.type, actorId: input.actor.id, toStageId: stage.id, at, details: { source: input.source } },
      };
    }), options.alsoInsert ? (ids) => options.alsoInsert?.(creating.map(({ index }, i) => ({ input: index, applicationId: ids[i] ?? '' }))) ?? null : undefined);
    const touched = creating.filter(({ input }) => !input.candidateIsNew);
    const [firstTouched] = touched;
    if (firstTouched) await candidatesRepo.touch(tx, touched.map(({ input }) => input.candidateId), atOf(firstTouched.input));
    for (const [i, { index, stage }] of creating.entries()) {
      const row = rows[i];
      if (!row) throw new Error('insert returned too few rows');
      const application = toApplication(row, stage);
      results[index] = application;
      record({ orgId, type: 'application.created', subjectId: row.id, payload: { application } });
    }
  }
  return results.map((result) => {
    if (result === null) throw new Error('an application was neither created nor refused');
    return result;
  });
}

/** One application (see createApplications); a refusal is thrown. */
export async function createApplication(
  tx: DbExecutor, record: RecordEvent, input: NewApplicationInput,
  options: Omit<CreateApplicationOptions, 'alsoInsert'> & { alsoInsert?: (applicationId: string) => TypedQueryBuilder<undefined> | null } = {},
): Promise<Application> {
  const { alsoInsert } = options;
  const [result] = await createApplications(tx, record, [input], {
    ...options, alsoInsert: alsoInsert ? (created) => (created[0] ? alsoInsert(created[0].applicationId) : null) : undefined,
  });
  if (!result) throw new Error('created no application');
  if (result instanceof AppError) throw result;
  return result;
}
