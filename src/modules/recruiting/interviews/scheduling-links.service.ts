import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import { newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database } from '../../../infra/db/database.ts';
import { auditActor, authorize, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { CandidateEmails } from '../emails/index.ts';
import type { InterviewsRepo } from './interviews.repo.ts';
import type { InterviewsService } from './interviews.service.ts';
import { checkPlan, invalid } from './interviews.rules.ts';
import type { SchedulingLinkRow, SchedulingLinksRepo } from './scheduling-links.repo.ts';
import type { CreateSchedulingLinkInput, SchedulingLink } from './self-scheduling.schemas.ts';

export interface SchedulingLinksDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: SchedulingLinksRepo;
  interviews: Pick<InterviewsRepo, 'visibleApplication'>;
  /** Checks the interviewers as scheduling an interview would (400 naming each who could not interview). */
  interviewers: Pick<InterviewsService, 'prepareInterviewers'>;
  publicBaseUrl: string;
  /** Emails the link to the candidate, in the transaction that makes it. */
  emails?: Pick<CandidateEmails, 'prepare' | 'schedulingLink'>;
  clock?: () => Date;
}

const DAY = 86_400_000;
/** How far a link's range may reach: slots are computed on each view over the whole range. */
const MAX_RANGE_DAYS = 60;

export const toSchedulingLink = (row: SchedulingLinkRow): SchedulingLink => ({
  id: row.id, applicationId: row.applicationId, jobId: row.jobId, status: row.status, interviewers: row.interviewerIds,
  durationMinutes: row.durationMinutes, kind: row.kind, location: row.location, videoUrl: row.videoUrl, agenda: row.agenda,
  from: row.rangeStart.toISOString(), to: row.rangeEnd.toISOString(), expiresAt: row.expiresAt.toISOString(), interviewId: row.interviewId,
  createdBy: { type: row.createdByType, id: row.createdById }, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
});

/** The link's range and expiry, checked against now (400 naming each bad field). */
function checkRange(input: CreateSchedulingLinkInput, now: Date): { rangeStart: Date; rangeEnd: Date; expiresAt: Date } {
  const rangeStart = input.from === undefined ? now : new Date(input.from);
  const rangeEnd = new Date(input.to);
  const expiresAt = input.expiresAt === undefined ? rangeEnd : new Date(input.expiresAt);
  const problems: FieldProblem[] = [];
  if (rangeEnd.getTime() - rangeStart.getTime() < input.durationMinutes * 60_000) problems.push({ field: 'to', detail: 'must leave room for one interview after from' });
  else if (rangeEnd.getTime() - rangeStart.getTime() > MAX_RANGE_DAYS * DAY) problems.push({ field: 'to', detail: `must be at most ${MAX_RANGE_DAYS} days after from` });
  if (rangeEnd <= now) problems.push({ field: 'to', detail: 'must be in the future' });
  if (expiresAt <= now) problems.push({ field: 'expiresAt', detail: 'must be in the future' });
  if (problems.length > 0) throw invalid('The link\'s dates are not valid', problems);
  return { rangeStart, rangeEnd, expiresAt };
}

/** Recruiters' side of self-scheduling: the links they send candidates, and revoking them. */
export function createSchedulingLinksService({ database, events, repo, interviews, interviewers, publicBaseUrl, emails, clock = () => new Date() }: SchedulingLinksDeps) {
  return {
    /** A new link for an active application; its secret URL is answered only now. */
    async create(principal: Principal, applicationId: string, input: CreateSchedulingLinkInput): Promise<{ link: SchedulingLink; url: string }> {
      const access = authorize(principal, 'candidates:write');
      const now = clock();
      // The time zone is the booking's; the place is checked as an interview's would be.
      const place = checkPlan({ startAt: now, endAt: new Date(now.getTime() + 1), timeZone: 'UTC', kind: input.kind, location: input.location ?? null, videoUrl: input.videoUrl ?? null });
      const range = checkRange(input, now);
      const checkInterviewers = await interviewers.prepareInterviewers(access.orgId, input.interviewers);
      const by = auditActor(principal.actor);
      const { token, hash } = newSecretToken('schedulingLink');
      // The page a person opens; the same token also reads and books through /v1/scheduling/{token}.
      const url = `${publicBaseUrl}/schedule/${token}`;
      const mailing = await emails?.prepare(access.orgId, applicationId);
      const link = await events.withEvents(access.orgId, async (tx, record) => {
        const application = await interviews.visibleApplication(tx, access, applicationId);
        if (!application) throw notFound('Application');
        if (application.status !== 'active') throw new AppError('invalid-state-transition', `The application is ${application.status}; only an active one gets interviews`);
        const interviewerIds = await checkInterviewers(tx, applicationId);
        const row = await repo.insert(tx, {
          orgId: access.orgId, applicationId, jobId: application.jobId, tokenHash: hash, interviewerIds, durationMinutes: input.durationMinutes,
          kind: place.kind, location: place.location, videoUrl: place.videoUrl, agenda: input.agenda ?? null, ...range,
          createdByType: by.type, createdById: by.id, createdAt: now, updatedAt: now,
        });
        const created = toSchedulingLink(row);
        record({ orgId: access.orgId, type: 'scheduling_link.created', subjectId: row.id, payload: { link: created } });
        if (emails && mailing) await emails.schedulingLink(tx, mailing, { id: row.id, url, expiresAt: row.expiresAt });
        return created;
      });
      return { link, url };
    },

    async forApplication(principal: Principal, applicationId: string): Promise<SchedulingLink[]> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        if (!(await interviews.visibleApplication(tx, access, applicationId))) throw notFound('Application');
        return (await repo.forApplication(tx, access.orgId, applicationId)).map(toSchedulingLink);
      });
    },

    /** Stops an open link working at once; revoking a revoked one changes nothing; a booked one is a 409 (cancel the interview instead). */
    async revoke(principal: Principal, id: string): Promise<SchedulingLink> {
      const access = authorize(principal, 'candidates:write');
      return events.withEvents(access.orgId, async (tx, record) => {
        const row = await repo.lockVisible(tx, access, id);
        if (!row) throw notFound('Scheduling link');
        if (row.status === 'revoked') return toSchedulingLink(row);
        if (row.status === 'booked') throw new AppError('invalid-state-transition', 'The link was used to book an interview; cancel the interview instead');
        const link = toSchedulingLink(await repo.update(tx, id, { status: 'revoked' }, clock()));
        record({ orgId: access.orgId, type: 'scheduling_link.revoked', subjectId: id, payload: { link } });
        return link;
      });
    },
  };
}
export type SchedulingLinksService = ReturnType<typeof createSchedulingLinksService>;
