import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { createMemoryCache } from '../../../infra/cache/memory-cache.ts';
import type { IdempotencyStore } from '../../../infra/idempotency/index.ts';
import { requestHash } from '../../../infra/idempotency/index.ts';
import type { EventsService, RecordEvent } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { Org, OrgsService } from '../../orgs/index.ts';
import type { createApplication } from '../applications/index.ts';
import type { AttachmentFiles, PreparedAttachment, Upload } from '../attachments/index.ts';
import { phoneKey, type CandidatesRepo } from '../candidates/index.ts';
import type { CandidateEmails } from '../emails/index.ts';
import { checkEeoAnswers, type EeoAnswersInput, type EeoForm, type EeoQuestion } from '../equal-opportunity/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import { checkAnswers, type AnswerInput, type CheckedAnswer, type FileInput } from './applying.answers.ts';
import type { Question } from './questions.schemas.ts';
import type { QuestionsService } from './questions.service.ts';

/** An application as the form or an integration sends it; the routes turn multipart or JSON into this. */
export interface ApplyInput {
  name?: string;
  email?: string;
  phone?: string;
  coverLetterText?: string;
  resume?: FileInput;
  coverLetter?: FileInput;
  consent?: boolean | string;
  /** Agreement to be kept for future roles: the org's retention policy then keeps the candidate longer. */
  keepForFutureRoles?: boolean | string;
  /** Voluntary equal-opportunity answers by question id; stored apart from the application. */
  equalOpportunity?: EeoAnswersInput;
  /** The honeypot: hidden on the careers form, so only a bot fills it. */
  website?: string;
  answers: Record<string, AnswerInput>;
}

/** What the applicant is told: nothing about the org's internal records but the application's own id. */
export interface ApplyResult {
  applicationId: string;
  jobId: string;
  status: 'received';
  stage: string;
  appliedAt: string;
}

/** A job that takes applications, with its form: looked up before the body is read, so its limits fit the form. */
export interface ApplyTarget {
  org: Org;
  job: { id: string; title: string; status: string; validThrough: Date | null };
  questions: Question[];
  /** The org's voluntary equal-opportunity questions. */
  eeoQuestions: EeoQuestion[];
}
/** What target() remembers per job: all of the target but the org-wide questions. */
type JobTarget = Omit<ApplyTarget, 'eeoQuestions'>;

export interface ApplyingServiceDeps {
  events: Pick<EventsService, 'withEvents'>;
  orgs: Pick<OrgsService, 'findBySlug'>;
  jobs: Pick<JobsService, 'forApplying'>;
  questions: Pick<QuestionsService, 'form'>;
  files: AttachmentFiles;
  idempotency: IdempotencyStore;
  candidates: Pick<CandidatesRepo, 'matchOrCreate'>;
  /** The applications area's one way to create an application (row, history, event, candidate touched). */
  createApplication: typeof createApplication;
  pipelines: Pick<PipelinesRepo, 'firstStage'>;
  eeo: EeoForm;
  /** The application-received email, with the candidate's status-page link, queued in the application's transaction. */
  emails?: Pick<CandidateEmails, 'received'>;
  clock: () => Date;
}

export const MAX_NAME = 200;
export const MAX_EMAIL = 254;
export const MAX_COVER_LETTER_TEXT = 20_000;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;

const invalid = (problems: readonly FieldProblem[]): AppError =>
  new AppError('validation-failed', `The application is incomplete or invalid: ${problems.map((p) => `${p.field} ${p.detail}`).slice(0, 3).join('; ')}`, { fields: problems });

/** A yes/no field as JSON (boolean) or a form ("true"/"false") sends it; undefined when it is neither. */
function yesNo(value: boolean | string | undefined): boolean | undefined {
  if (value === undefined || value === false || value === 'false') return false;
  return value === true || value === 'true' ? true : undefined;
}

function checkApplicant(input: ApplyInput, org: Org): {
  name: string; email: string; phone: string | null; coverLetterText: string | null; consented: boolean; keepForFutureRoles: boolean; problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const name = (input.name ?? '').trim();
  const email = (input.email ?? '').trim();
  const phone = (input.phone ?? '').trim();
  const coverLetterText = (input.coverLetterText ?? '').trim();
  if (name === '') problems.push({ field: 'name', detail: 'is required' });
  else if (name.length > MAX_NAME) problems.push({ field: 'name', detail: `must be at most ${MAX_NAME} characters` });
  if (email === '') problems.push({ field: 'email', detail: 'is required' });
  else if (email.length > MAX_EMAIL || !EMAIL.test(email)) problems.push({ field: 'email', detail: 'is not an email address' });
  if (phone !== '' && (phone.length > 40 || phoneKey(phone) === null)) {
    problems.push({ field: 'phone', detail: 'is not a phone number; give it in international form, e.g. +49 30 901820' });
  }
  if (coverLetterText.length > MAX_COVER_LETTER_TEXT) problems.push({ field: 'coverLetterText', detail: `must be at most ${MAX_COVER_LETTER_TEXT} characters` });
  if (coverLetterText !== '' && input.coverLetter) problems.push({ field: 'coverLetterText', detail: 'send a cover letter file or text, not both' });
  const consented = input.consent === true || input.consent === 'true';
  if (input.consent !== undefined && !consented && input.consent !== false && input.consent !== 'false') {
    problems.push({ field: 'consent', detail: 'must be true or false' });
  } else if (org.privacyNoticeUrl && !consented) {
    problems.push({ field: 'consent', detail: `is required: agree to the privacy notice at ${org.privacyNoticeUrl}` });
  }
  const keepForFutureRoles = yesNo(input.keepForFutureRoles);
  if (keepForFutureRoles === undefined) problems.push({ field: 'keepForFutureRoles', detail: 'must be true or false' });
  return {
    name, email, phone: phone === '' ? null : phone, coverLetterText: coverLetterText === '' ? null : coverLetterText, consented,
    keepForFutureRoles: keepForFutureRoles === true, problems,
  };
}

/** How long target() may serve a job's state and form it read before; changes in this process apply at once. */
export const TARGET_TTL_MS = 2_000;

export function createApplyingService(deps: ApplyingServiceDeps) {
  const { clock } = deps;
  const targets = createMemoryCache<JobTarget>(10_000, () => clock().getTime());

  async function readTarget(orgSlug: string, jobId: string): Promise<JobTarget> {
    const org = await deps.orgs.findBySlug(orgSlug);
    const job = org ? await deps.jobs.forApplying(org.id, jobId) : null;
    if (!org || !job || job.status === 'draft') throw notFound('Job');
    return {
      org, job: { id: job.id, title: job.title, status: job.status, validThrough: job.validThrough }, questions: await deps.questions.form(org.id, job.id),
    };
  }

  /** Stores every file first (outside any transaction); one refused file removes the ones stored before it. */
  async function prepareAll(orgId: string, uploads: readonly Upload[]): Promise<PreparedAttachment[]> {
    const prepared: PreparedAttachment[] = [];
    try {
      for (const upload of uploads) prepared.push(await deps.files.prepare(orgId, upload));
      return prepared;
    } catch (err) {
      await deps.files.discard(prepared);
      throw err;
    }
  }

  async function create(
    tx: DbExecutor, record: RecordEvent, target: ApplyTarget, applicant: ReturnType<typeof checkApplicant>,
    answers: Record<string, CheckedAnswer | { attachmentId: string }>, eeoAnswers: Readonly<Record<string, string>>, prepared: readonly PreparedAttachment[],
  ): Promise<ApplyResult> {
    const { org, job } = target;
    const now = clock();
    const { candidateId, created } = await deps.candidates.matchOrCreate(tx, org.id, {
      name: applicant.name, email: applicant.email, phone: applicant.phone, source: 'board',
    }, now);
    // The first stage is where every application starts; its candidate-facing name is what the applicant is told.
    const stage = await deps.pipelines.firstStage(tx, org.id, job.id);
    const consent = applicant.consented
      ? { noticeUrl: org.privacyNoticeUrl ?? null, noticeVersion: org.privacyNoticeVersion ?? null, consentedAt: now.toISOString() }
      : null;
    const application = await deps.createApplication(tx, record, {
      orgId: org.id, jobId: job.id, candidateId, stageId: stage.id, lockedStage: stage, source: 'board', sourceDetail: null, answers,
      coverLetter: applicant.coverLetterText, consent, futureRolesConsentedAt: applicant.keepForFutureRoles ? now : null, actor: { type: 'candidate', id: candidateId }, at: now, candidateIsNew: created,
      alsoInsert: (applicationId) => deps.files.recordStatement(tx, candidateId, applicationId, prepared),
    }, {
      duplicate: (first) => new AppError('already-applied', `You have already applied to this job (application ${first.id}); a recruiter will be in touch`),
    });
    await deps.eeo.record(tx, org.id, application.id, job.id, eeoAnswers, now);
    if (created) record({ orgId: org.id, type: 'candidate.created', subjectId: candidateId, payload: { candidateId, source: 'board' } });
    await deps.emails?.received(tx, {
      orgId: org.id, orgName: org.name, jobTitle: job.title,
      contact: { applicationId: application.id, jobId: job.id, candidateId, name: applicant.name, email: applicant.email },
    }, stage.candidateName);
    return { applicationId: application.id, jobId: job.id, status: 'received', stage: stage.candidateName, appliedAt: application.appliedAt };
  }

  return {
    /**
     * The job to apply to: unknown or draft is 404; closed, archived or past validThrough is 409.
     * Remembered for a moment per job, so a burst of applications does not read the org, the job and
     * its form three times each: a change to the job or its form in this process forgets it at once,
     * one made in another process (or to the org's privacy notice) shows within TARGET_TTL_MS.
     */
    async target(orgSlug: string, jobId: string): Promise<ApplyTarget> {
      const remembered = targets.get(jobId);
      const target = remembered?.org.slug === orgSlug ? remembered : await readTarget(orgSlug, jobId);
      if (target !== remembered) targets.set(jobId, target, TARGET_TTL_MS);
      if (target.job.status !== 'published' || (target.job.validThrough !== null && target.job.validThrough.getTime() <= clock().getTime())) {
        throw new AppError('job-closed', `"${target.job.title}" is no longer accepting applications`);
      }
      // Org-wide, so remembered by the equal-opportunity area itself, which forgets them when they change.
      return { ...target, eeoQuestions: await deps.eeo.form(target.org.id) };
    },

    /** Forgets what target() remembers of a job: called when the job or its form changes. */
    forgetTarget(jobId: string): void {
      targets.delete(jobId);
    },

    /**
     * Applies. Durable before it answers: candidate, application, files and events commit together.
     * With a key, a retry answers the first result (`replayed`) and creates nothing.
     */
    async apply(target: ApplyTarget, input: ApplyInput, idempotencyKey?: string): Promise<{ result: ApplyResult; statusCode: number; replayed: boolean }> {
      const { org, job } = target;
      // A bot fills every field; a person never sees this one. Refused like any invalid form, and nothing is kept.
      if ((input.website ?? '').trim() !== '') {
        throw invalid([{ field: 'website', detail: 'must be left empty' }]);
      }
      const applicant = checkApplicant(input, org);
      const answers = checkAnswers(target.questions, input.answers);
      const eeo = checkEeoAnswers(target.eeoQuestions, input.equalOpportunity ?? {});
      const problems = [...applicant.problems, ...answers.problems, ...eeo.problems];
      if (problems.length > 0) throw invalid(problems);

      const uploads: Upload[] = [
        ...(input.resume ? [{ ...input.resume, kind: 'resume' as const, field: 'resume' }] : []),
        ...(input.coverLetter ? [{ ...input.coverLetter, kind: 'cover_letter' as const, field: 'coverLetter' }] : []),
        ...answers.files.map(({ questionId, file }) => ({ ...file, kind: 'answer' as const, questionId, field: `answers.${questionId}` })),
      ];
      const prepared = await prepareAll(org.id, uploads);
      const stored: Record<string, CheckedAnswer | { attachmentId: string }> = { ...answers.values };
      for (const p of prepared) if (p.questionId) stored[p.questionId] = { attachmentId: p.id };
      const scope = `apply:${job.id}`;
      // Fields as checked (so "true" and true hash alike) and files by content, never by multipart framing.
      const hash = requestHash({
        name: applicant.name, email: applicant.email, phone: applicant.phone, coverLetterText: applicant.coverLetterText, consent: applicant.consented,
        keepForFutureRoles: applicant.keepForFutureRoles, answers: answers.values, equalOpportunity: eeo.values, files: prepared.map((p) => [p.kind, p.questionId, p.sha256]),
      });
      try {
        const outcome = await deps.events.withEvents(org.id, async (tx, record) => {
          if (idempotencyKey !== undefined) {
            const claim = await deps.idempotency.claim(tx, org.id, scope, idempotencyKey, hash);
            if (claim.state === 'mismatch') {
              throw new AppError('idempotency-key-reused', 'This Idempotency-Key was already used for a different application; use a new key for a new request');
            }
            if (claim.state === 'replay') return { result: claim.response as ApplyResult, statusCode: claim.statusCode, replayed: true };
          }
          const result = await create(tx, record, target, applicant, stored, eeo.values, prepared);
          if (idempotencyKey !== undefined) await deps.idempotency.complete(tx, org.id, scope, idempotencyKey, 201, result);
          return { result, statusCode: 201, replayed: false };
        });
        if (outcome.replayed) await deps.files.discard(prepared);
        return outcome;
      } catch (err) {
        await deps.files.discard(prepared);
        throw err;
      }
    },
  };
}
export type ApplyingService = ReturnType<typeof createApplyingService>;
