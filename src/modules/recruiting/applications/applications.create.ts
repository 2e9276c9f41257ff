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
  /** Rows that refer to the new application (the applicant's files), written by the same statement. */
  alsoInsert?: (applicationId: string) => TypedQueryBuilder<undefined> | null;
}

export interface CreateApplicationOptions {
  /** The error for an application that already exists (the public form words it for the applicant). */
  duplicate?: (existing: ApplicationRow) => AppError;
}

const repo = createApplicationsRepo();
const candidatesRepo = createCandidatesRepo();

/** Stages an application cannot start in: it would skip the actions that lead there. */
const endKinds = new Set(['hired', 'rejected']);

/**
 * Creates an application inside the caller's transaction: the row, its 'created' history entry, the
 * `application.created` event and the candidate's updated_at. Both the public apply endpoint and a
 * recruiter's "add to job" use it. The caller must hold the candidate's row lock (matchOrCreate, or
 * the recruiter path's lockCandidate), so two applications of one person to one job cannot both pass
 * the duplicate check: the second is a 409 naming the first.
 */
export async function createApplication(tx: DbExecutor, record: RecordEvent, input: NewApplicationInput, options: CreateApplicationOptions = {}): Promise<Application> {
  const { orgId, jobId, candidateId } = input;
  const at = input.at ?? new Date();
  // A candidate made in this transaction has no applications yet.
  const existing = input.candidateIsNew ? null : await repo.findExisting(tx, orgId, jobId, candidateId);
  if (existing) {
    throw options.duplicate?.(existing) ?? new AppError('conflict', `This candidate already has an application to this job: ${existing.id} (${existing.status})`);
  }
  const stage = input.lockedStage?.id === input.stageId ? input.lockedStage : await repo.stageById(tx, orgId, input.stageId);
  if (!stage || stage.jobId !== jobId) {
    throw new AppError('validation-failed', 'The stage is not one of this job\'s stages', { fields: [{ field: 'stageId', detail: 'not a stage of this job' }] });
  }
  if (endKinds.has(stage.kind)) {
    throw new AppError('validation-failed', `An application cannot start in a stage of kind ${stage.kind}`, { fields: [{ field: 'stageId', detail: `a ${stage.kind} stage` }] });
  }
  const row = await repo.insertWithHistory(tx, {
    orgId, jobId, candidateId, stageId: stage.id, source: input.source, sourceDetail: input.sourceDetail, answers: input.answers,
    coverLetter: input.coverLetter, consent: input.consent, futureRolesConsentedAt: input.futureRolesConsentedAt ?? null, appliedAt: at, lastActivityAt: at, updatedAt: at,
  }, { orgId, action: 'created', actorType: input.actor.type, actorId: input.actor.id, toStageId: stage.id, at, details: { source: input.source } }, input.alsoInsert);
  if (!input.candidateIsNew) await candidatesRepo.touch(tx, candidateId, at);
  const application = toApplication(row, stage);
  record({ orgId, type: 'application.created', subjectId: row.id, payload: { application } });
  return application;
}
