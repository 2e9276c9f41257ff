import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService, RecordEvent } from '../../events/index.ts';
import type { ApplicationsRepo } from '../applications/index.ts';
import type { CandidateEmails } from '../emails/index.ts';
import { candidateIcs, inviteIcs, type Person } from './interviews.ics.ts';
import { inviteParts, readAccessOf, type MemberContact, type MemberContacts } from './interviews.people.ts';
import type { InterviewRow, InterviewsRepo, InterviewWithCandidate } from './interviews.repo.ts';
import { checkPlan, invalid, type InterviewPlan } from './interviews.rules.ts';
import type { Interview, InterviewPosition, ScheduleInterviewInput, UpdateInterviewInput } from './interviews.schemas.ts';

export interface InterviewsServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: InterviewsRepo;
  history: Pick<ApplicationsRepo, 'addHistory'>;
  contacts: MemberContacts;
  /** The organizer of interviews scheduled by an API key or the system: the mail sender. */
  sender: Person;
  /** Emails the candidate their invitation (.ics attached), in the transaction that schedules it. */
  emails?: Pick<CandidateEmails, 'prepare' | 'interview'>;
  clock?: () => Date;
}

/** Who an interview is scheduled by: its organizer (invites come from them) and the history's actor. */
export interface ScheduledBy {
  organizer: { type: 'user' | 'api-key' | 'system'; id: string | null };
  actor: { type: 'user' | 'api-key' | 'system' | 'candidate'; id: string | null };
  /** More for the history entry (such as the scheduling link it was booked through). */
  details?: Record<string, unknown>;
}
export type ScheduleWrite = (tx: DbExecutor, record: RecordEvent) => Promise<Interview>;

export const toInterview = ({ row, candidate }: { row: InterviewRow; candidate: { id: string } }): Interview => ({
  id: row.id, applicationId: row.applicationId, jobId: row.jobId, candidateId: candidate.id, kind: row.kind, status: row.status,
  start: row.startAt.toISOString(), end: row.endAt.toISOString(), timeZone: row.timeZone, location: row.location, videoUrl: row.videoUrl,
  agenda: row.agenda, interviewers: row.interviewerIds, organizer: { type: row.organizerType, id: row.organizerId }, sequence: row.sequence,
  cancelReason: row.cancelReason, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
});

const planOf = (row: InterviewRow): InterviewPlan => ({
  startAt: row.startAt, endAt: row.endAt, timeZone: row.timeZone, kind: row.kind, location: row.location, videoUrl: row.videoUrl,
});

type EditableField = 'startAt' | 'endAt' | 'timeZone' | 'kind' | 'location' | 'videoUrl' | 'agenda' | 'interviewerIds';
/** The names the API uses for the columns an edit may change (events and history name changes as clients know them). */
const publicName: Record<EditableField, keyof Interview> = {
  startAt: 'start', endAt: 'end', timeZone: 'timeZone', kind: 'kind', location: 'location', videoUrl: 'videoUrl', agenda: 'agenda', interviewerIds: 'interviewers',
};

/** Undefined accepts any version; otherwise the interview must be at one of them (its sequence is its ETag). */
function checkVersion(row: InterviewRow, expected: readonly number[] | undefined): void {
  if (expected === undefined || expected.includes(row.sequence)) return;
  throw new AppError('version-conflict', `The interview is at version ${row.sequence}, not the one If-Match names; fetch it again and retry`);
}

export function createInterviewsService({ database, events, repo, history, contacts, sender, emails, clock = () => new Date() }: InterviewsServiceDeps) {
  /** The interviewers' memberships, read before the write's transaction (the lookup runs in its own). */
  async function membersAmong(orgId: string, ids: readonly string[] | undefined): Promise<Map<string, MemberContact>> {
    return new Map(ids ? (await contacts(orgId, ids)).map((m) => [m.userId, m]) : []);
  }

  /**
   * Each interviewer must be a member who could open the interview: one whose role reaches jobs only
   * through hiring teams must be on this job's (400 naming each who is not). Duplicates count once.
   */
  async function checkInterviewers(tx: DbExecutor, orgId: string, applicationId: string, ids: readonly string[], members: Map<string, MemberContact>): Promise<string[]> {
    const problems: FieldProblem[] = [];
    for (const [i, userId] of ids.entries()) {
      const member = members.get(userId);
      const access = member ? readAccessOf(orgId, member) : null;
      if (!member) problems.push({ field: `interviewers.${i}`, detail: 'is not a member of this organization' });
      else if (!access || (access.assignedTo !== null && !(await repo.jobVisible(tx, access, applicationId)))) {
        problems.push({ field: `interviewers.${i}`, detail: 'is not on this job\'s hiring team, so could not see the interview; add them to the team first' });
      }
    }
    if (problems.length > 0) throw invalid('Every interviewer must be a member who can see the job', problems);
    return [...new Set(ids)];
  }

  async function visible(tx: DbExecutor, access: JobAccess, id: string, lock: boolean): Promise<InterviewWithCandidate> {
    const found = await repo.findVisible(tx, access, id, lock);
    if (!found) throw notFound('Interview');
    return found;
  }

  /** A change to an interview that still stands: locked, at the named version, not cancelled (409). */
  async function changeable(tx: DbExecutor, access: JobAccess, id: string, expected: readonly number[] | undefined): Promise<InterviewWithCandidate> {
    const found = await visible(tx, access, id, true);
    if (found.row.status === 'cancelled') throw new AppError('invalid-state-transition', 'The interview was cancelled; schedule a new one instead');
    checkVersion(found.row, expected);
    return found;
  }

  /**
   * Checks a new interview's plan and reads its interviewers' memberships (outside any transaction: the
   * lookup runs in its own), then answers the write, to run in a transaction its caller holds.
   */
  async function prepareSchedule(access: JobAccess, applicationId: string, input: ScheduleInterviewInput, by: ScheduledBy): Promise<ScheduleWrite> {
    const plan = checkPlan({
      startAt: new Date(input.start), endAt: new Date(input.end), timeZone: input.timeZone, kind: input.kind,
      location: input.location ?? null, videoUrl: input.videoUrl ?? null,
    });
    const members = await membersAmong(access.orgId, input.interviewers);
    return async (tx, record) => {
      const application = await repo.visibleApplication(tx, access, applicationId);
      if (!application) throw notFound('Application');
      if (application.status !== 'active') throw new AppError('invalid-state-transition', `The application is ${application.status}; only an active one gets interviews`);
      const interviewerIds = await checkInterviewers(tx, access.orgId, applicationId, input.interviewers, members);
      const now = clock();
      const row = await repo.insert(tx, {
        orgId: access.orgId, applicationId, jobId: application.jobId, ...plan, agenda: input.agenda ?? null, interviewerIds,
        organizerType: by.organizer.type, organizerId: by.organizer.id, createdAt: now, updatedAt: now,
      });
      const interview = toInterview({ row, candidate: { id: application.candidateId } });
      await history.addHistory(tx, [{
        orgId: access.orgId, applicationId, action: 'interview_scheduled', actorType: by.actor.type, actorId: by.actor.id, details: { interviewId: row.id, ...by.details }, at: now,
      }]);
      record({ orgId: access.orgId, type: 'interview.scheduled', subjectId: row.id, payload: { interview } });
      return interview;
    };
  }

  /**
   * The candidate's invitation email (.ics attached) for an interview about to be scheduled: what it
   * needs is read now, before the transaction (the people it names among `peopleIds`); the returned
   * step queues it inside. Null when there is nobody to email.
   */
  async function prepareInvitation(orgId: string, applicationId: string, peopleIds: readonly string[]): Promise<((tx: DbExecutor, interview: Interview) => Promise<void>) | null> {
    const mailing = emails ? await emails.prepare(orgId, applicationId) : null;
    if (!emails || !mailing) return null;
    const people = await contacts(orgId, peopleIds);
    return async (tx, interview) => {
      const found = await repo.findVisible(tx, { orgId, assignedTo: null }, interview.id, false);
      const [parts] = found ? await inviteParts(async () => people, sender, orgId, [found]) : [];
      if (parts) await emails.interview(tx, mailing, interview, candidateIcs(parts, mailing.jobTitle, clock()));
    };
  }

  return {
    prepareSchedule,
    prepareInvitation,

    /**
     * For an interview to come (a scheduling link's): reads the interviewers' memberships, then answers the
     * check scheduling makes of them, to run in the caller's transaction once it has found the application.
     */
    async prepareInterviewers(orgId: string, ids: readonly string[]): Promise<(tx: DbExecutor, applicationId: string) => Promise<string[]>> {
      const members = await membersAmong(orgId, ids);
      return (tx, applicationId) => checkInterviewers(tx, orgId, applicationId, ids, members);
    },

    async schedule(principal: Principal, applicationId: string, input: ScheduleInterviewInput): Promise<Interview> {
      const access = authorize(principal, 'candidates:write');
      const organizer = auditActor(principal.actor);
      const write = await prepareSchedule(access, applicationId, input, { organizer, actor: organizer });
      const invite = await prepareInvitation(access.orgId, applicationId, organizer.type === 'user' && organizer.id ? [...input.interviewers, organizer.id] : input.interviewers);
      if (!invite) return events.withEvents(access.orgId, write);
      return events.withEvents(access.orgId, async (tx, record) => {
        const interview = await write(tx, record);
        await invite(tx, interview);
        return interview;
      });
    },

    async get(principal: Principal, id: string): Promise<Interview> {
      const access = authorize(principal, 'candidates:read');
      return toInterview(await database.tenant(access.orgId, (tx) => visible(tx, access, id, false)));
    },

    async forApplication(principal: Principal, applicationId: string): Promise<Interview[]> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        if (!(await repo.visibleApplication(tx, access, applicationId))) throw notFound('Application');
        return (await repo.forApplication(tx, access, applicationId)).map(toInterview);
      });
    },

    /** Reschedule or edit; a change that changes nothing leaves the interview (and its sequence) as it was. */
    async update(principal: Principal, id: string, input: UpdateInterviewInput, expected: readonly number[] | undefined): Promise<Interview> {
      const access = authorize(principal, 'candidates:write');
      const actor = auditActor(principal.actor);
      const members = await membersAmong(access.orgId, input.interviewers);
      return events.withEvents(access.orgId, async (tx, record) => {
        const current = await changeable(tx, access, id, expected);
        const before = current.row;
        const plan = checkPlan({
          ...planOf(before),
          ...(input.start === undefined ? {} : { startAt: new Date(input.start) }),
          ...(input.end === undefined ? {} : { endAt: new Date(input.end) }),
          ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
          ...(input.kind === undefined ? {} : { kind: input.kind }),
          ...(input.location === undefined ? {} : { location: input.location }),
          ...(input.videoUrl === undefined ? {} : { videoUrl: input.videoUrl }),
        });
        const interviewerIds = input.interviewers === undefined ? before.interviewerIds : await checkInterviewers(tx, access.orgId, before.applicationId, input.interviewers, members);
        const next: Pick<InterviewRow, EditableField> = {
          ...plan, interviewerIds, agenda: input.agenda === undefined ? before.agenda : input.agenda,
        };
        const changed = (Object.keys(next) as EditableField[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(before[key])).map((key) => publicName[key]);
        if (changed.length === 0) return toInterview(current);
        const now = clock();
        const row = await repo.update(tx, id, next, now);
        const interview = toInterview({ row, candidate: current.candidate });
        await history.addHistory(tx, [{
          orgId: access.orgId, applicationId: row.applicationId, action: 'interview_rescheduled', actorType: actor.type, actorId: actor.id, details: { interviewId: id, changed }, at: now,
        }]);
        record({ orgId: access.orgId, type: 'interview.rescheduled', subjectId: id, payload: { interview, changed, previousInterviewers: before.interviewerIds } });
        return interview;
      });
    },

    async cancel(principal: Principal, id: string, reason: string | null, expected: readonly number[] | undefined): Promise<Interview> {
      const access = authorize(principal, 'candidates:write');
      const actor = auditActor(principal.actor);
      return events.withEvents(access.orgId, async (tx, record) => {
        const current = await changeable(tx, access, id, expected);
        const now = clock();
        const row = await repo.update(tx, id, { status: 'cancelled', cancelReason: reason }, now);
        const interview = toInterview({ row, candidate: current.candidate });
        await history.addHistory(tx, [{
          orgId: access.orgId, applicationId: row.applicationId, action: 'interview_cancelled', actorType: actor.type, actorId: actor.id, note: reason, details: { interviewId: id }, at: now,
        }]);
        record({ orgId: access.orgId, type: 'interview.cancelled', subjectId: id, payload: { interview } });
        return interview;
      });
    },

    /** The interview as an iCalendar invite (REQUEST, or CANCEL once cancelled). */
    async invite(principal: Principal, id: string): Promise<string> {
      const access = authorize(principal, 'candidates:read');
      const found = await database.tenant(access.orgId, (tx) => visible(tx, access, id, false));
      const [parts] = await inviteParts(contacts, sender, access.orgId, [found]);
      if (!parts) throw new Error('no invite parts for one interview');
      return inviteIcs(parts, clock());
    },

    /**
     * The candidate's own copy of one of their interviews (their status page's download); an
     * interview of anyone else's application is not found. `summary` names it for them (the job).
     */
    async candidateInvite(orgId: string, candidateId: string, id: string, summary: (jobId: string) => Promise<string>): Promise<string> {
      const found = await database.tenant(orgId, (tx) => repo.findVisible(tx, { orgId, assignedTo: null }, id, false));
      if (!found || found.candidate.id !== candidateId) throw notFound('Interview');
      const [parts] = await inviteParts(contacts, sender, orgId, [found]);
      if (!parts) throw new Error('no invite parts for one interview');
      return candidateIcs(parts, await summary(found.row.jobId), clock());
    },

    /** The caller's interviews that have not ended, soonest first; or those that have, latest first. */
    async mine(principal: Principal, query: { after?: InterviewPosition; limit: number; ended: boolean }): Promise<{ data: Interview[]; next: InterviewPosition | null }> {
      const access = authorize(principal, 'candidates:read');
      const { actor } = principal;
      if (actor.kind !== 'user') throw new AppError('forbidden', 'Only a person has interviews of their own');
      const rows = await database.tenant(access.orgId, (tx) => (query.ended ? repo.endedFor : repo.upcomingFor)(tx, access, actor.userId, { now: clock(), after: query.after, limit: query.limit + 1 }));
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return { data: page.map(toInterview), next: rows.length > query.limit && last ? { start: last.row.startAt.toISOString(), id: last.row.id } : null };
    },
  };
}
export type InterviewsService = ReturnType<typeof createInterviewsService>;
