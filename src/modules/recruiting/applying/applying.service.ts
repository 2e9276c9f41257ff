import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { createMemoryCache } from '../../../infra/cache/memory-cache.ts';
import { createGroupCommit } from '../../../infra/db/group-commit.ts';
import type { IdempotencyStore } from '../../../infra/idempotency/index.ts';
import { requestHash } from '../../../infra/idempotency/index.ts';
import type { EventsService, RecordEvent } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { Org, OrgsService } from '../../orgs/index.ts';
import type { createApplications } from '../applications/index.ts';
import type { AttachmentFiles, PreparedAttachment, Upload } from '../attachments/index.ts';
import { emailKey, phoneKey, type CandidatesRepo } from '../candidates/index.ts';
import type { CandidateEmails } from '../emails/index.ts';
import { checkEeoAnswers, type EeoAnswersInput, type EeoForm, type EeoQuestion } from '../equal-opportunity/index.ts';
import type { PipelinesRepo, StageRow } from '../pipelines/index.ts';
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
  candidates: Pick<CandidatesRepo, 'matchOrCreateMany'>;
  /** The applications area's one way to create applications (rows, history, events, candidates touched). */
  createApplications: typeof createApplications;
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

/** An application that passed its checks, its files stored: what a transaction writes. */
interface Checked {
  target: ApplyTarget;
  applicant: ReturnType<typeof checkApplicant>;
  answers: Record<string, CheckedAnswer | { attachmentId: string }>;
  eeoAnswers: Readonly<Record<string, string>>;
  prepared: readonly PreparedAttachment[];
}

/** Most applications one transaction writes (each adds about 80 parameters to its statements). */
export const GROUP_COMMIT_MAX = 64;

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

  /**
   * Writes applications that passed their checks, all to jobs of one org, in the caller's transaction:
   * the candidates matched or created, the applications with their files, answers, events and emails.
   * A handful of statements however many there are; answers per application in order (a refusal,
   * such as a second application to the same job, for that one alone).
   */
  async function createAll(tx: DbExecutor, record: RecordEvent, items: readonly Checked[]): Promise<(ApplyResult | AppError)[]> {
    const [first] = items;
    if (!first) return [];
    const { org } = first.target;
    const now = clock();
    const matches = await deps.candidates.matchOrCreateMany(tx, org.id, items.map(({ applicant }) => ({
      name: applicant.name, email: applicant.email, phone: applicant.phone, source: 'board' as const,
    })), now);
    // The first stage is where every application starts; its candidate-facing name is what the applicant is told.
    const stages = new Map<string, StageRow>();
    for (const { target } of items) if (!stages.has(target.job.id)) stages.set(target.job.id, await deps.pipelines.firstStage(tx, org.id, target.job.id));
    const stageOf = (jobId: string): StageRow => {
      const stage = stages.get(jobId);
      if (!stage) throw new Error(`no first stage read for job ${jobId}`);
      return stage;
    };
    const candidateOf = (i: number) => {
      const match = matches[i];
      if (!match) throw new Error('matched fewer candidates than applications');
      return match;
    };
    const results = await deps.createApplications(tx, record, items.map((item, i) => {
      const { candidateId, created } = candidateOf(i);
      const { applicant } = item;
      const consent = applicant.consented
        ? { noticeUrl: org.privacyNoticeUrl ?? null, noticeVersion: org.privacyNoticeVersion ?? null, consentedAt: now.toISOString() }
        : null;
      const stage = stageOf(item.target.job.id);
      return {
        orgId: org.id, jobId: item.target.job.id, candidateId, stageId: stage.id, lockedStage: stage, source: 'board', sourceDetail: null, answers: item.answers,
        coverLetter: applicant.coverLetterText, consent, futureRolesConsentedAt: applicant.keepForFutureRoles ? now : null, actor: { type: 'candidate' as const, id: candidateId }, at: now, candidateIsNew: created,
      };
    }), {
      duplicate: (existing) => new AppError('already-applied', `You have already applied to this job (application ${existing.id}); a recruiter will be in touch`),
      alsoInsert: (created) => deps.files.recordStatement(tx, created.map(({ input, applicationId }) => ({
        candidateId: candidateOf(input).candidateId, applicationId, prepared: items[input]?.prepared ?? [],
      }))),
    });
    const done = results.flatMap((result, i) => {
      const item = items[i];
      return result instanceof AppError || !item ? [] : [{ application: result, item, candidateId: candidateOf(i).candidateId }];
    });
    await deps.eeo.record(tx, org.id, done.map(({ application, item }) => ({ applicationId: application.id, jobId: item.target.job.id, answers: item.eeoAnswers })), now);
    matches.forEach(({ candidateId, created }) => {
      if (created) record({ orgId: org.id, type: 'candidate.created', subjectId: candidateId, payload: { candidateId, source: 'board' } });
    });
    await deps.emails?.received(tx, done.map(({ application, item, candidateId }) => ({
      context: {
        orgId: org.id, orgName: org.name, jobTitle: item.target.job.title,
        contact: { applicationId: application.id, jobId: item.target.job.id, candidateId, name: item.applicant.name, email: item.applicant.email },
      },
      stage: stageOf(item.target.job.id).candidateName,
    })));
    return results.map((result) => (result instanceof AppError ? result : {
      applicationId: result.id, jobId: result.jobId, status: 'received', stage: stageOf(result.jobId).candidateName, appliedAt: result.appliedAt,
    }));
  }

  // Applications without an Idempotency-Key that arrive together share a transaction (one person's at most once in each).
  // One transaction in flight per org: at 300 a second the next group gathers while one commits (apply bench, side by
  // side: p50 23–24 ms with one, 53–84 ms with two, where most applications got a transaction of their own).
  const groupCommit = createGroupCommit<Checked, ApplyResult>({
    maxItems: GROUP_COMMIT_MAX, maxInFlight: 1,
    keyOf: (item) => emailKey(item.applicant.email),
    write: (orgId, items) => deps.events.withEvents(orgId, (tx, record) => createAll(tx, record, items)),
  });

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
      const item: Checked = { target, applicant, answers: stored, eeoAnswers: eeo.values, prepared };
      try {
        const outcome = idempotencyKey === undefined
          ? { result: await groupCommit.submit(org.id, item), statusCode: 201, replayed: false }
          : await deps.events.withEvents(org.id, async (tx, record) => {
            const claim = await deps.idempotency.claim(tx, org.id, scope, idempotencyKey, hash);
            if (claim.state === 'mismatch') {
              throw new AppError('idempotency-key-reused', 'This Idempotency-Key was already used for a different application; use a new key for a new request');
            }
            if (claim.state === 'replay') return { result: claim.response as ApplyResult, statusCode: claim.statusCode, replayed: true };
            const [result] = await createAll(tx, record, [item]);
            if (!result) throw new Error('created no application');
            if (result instanceof AppError) throw result;
            await deps.idempotency.complete(tx, org.id, scope, idempotencyKey, 201, result);
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
