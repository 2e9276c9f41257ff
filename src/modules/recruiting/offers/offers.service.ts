import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { ApplicationsRepo } from '../applications/index.ts';
import { readAccessOf, type MemberContact, type MemberContacts } from '../interviews/index.ts';
import { termsOfDraft, termsOfRow, toOffer, toTerms, type TermsFields } from './offers.mapping.ts';
import type { OfferReach, OffersRepo, OfferWithTerms } from './offers.repo.ts';
import { offerWrites, type Outcome } from './offers.writes.ts';
import { approverStates, checkApprover, checkSalary, requireStatus } from './offers.rules.ts';
import type { ChangeOfferInput, DraftOfferInput, Offer, OfferTerms } from './offers.schemas.ts';
import type { CandidateEmails } from '../emails/index.ts';
import type { ApprovalMode, OfferStatus } from './offers.table.ts';

export interface OffersServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: OffersRepo;
  history: Pick<ApplicationsRepo, 'addHistory'>;
  /** Email, name and role of the members among some user ids: approvers must be members who can see the job. */
  contacts: MemberContacts;
  /** Emails the candidate when the offer is sent, with their status-page link to answer it. */
  emails?: Pick<CandidateEmails, 'prepareForOffer' | 'offer'>;
  clock?: () => Date;
}

/** The org's approval mode until an admin chooses: offers usually climb a chain (hiring manager, finance, executive). */
export const defaultApprovalMode: ApprovalMode = 'sequential';
const open: readonly OfferStatus[] = ['draft', 'pending_approval', 'approved', 'sent'];

export function createOffersService({ database, events, repo, history, contacts, emails, clock = () => new Date() }: OffersServiceDeps) {
  const { view, locked, settle } = offerWrites(repo, history);

  /** The members among the approvers, read before the write's transaction (the lookup runs in its own). */
  async function membersAmong(orgId: string, ids: readonly string[] | undefined): Promise<Map<string, MemberContact>> {
    return new Map(ids && ids.length > 0 ? (await contacts(orgId, ids)).map((m) => [m.userId, m]) : []);
  }

  /** Each approver must be a member who could open the application (400 naming each who is not); duplicates count once. */
  async function checkApprovers(tx: DbExecutor, orgId: string, applicationId: string, ids: readonly string[], members: Map<string, MemberContact>): Promise<string[]> {
    const problems: FieldProblem[] = [];
    for (const [i, userId] of ids.entries()) {
      const member = members.get(userId);
      const access = member ? readAccessOf(orgId, member) : null;
      if (!member) problems.push({ field: `approvers.${i}`, detail: 'is not a member of this organization' });
      else if (!access || (access.assignedTo !== null && !(await repo.application(tx, access, applicationId)))) {
        problems.push({ field: `approvers.${i}`, detail: 'cannot see this job, so could not see the offer; add them to its hiring team first' });
      }
    }
    if (problems.length > 0) throw new AppError('validation-failed', 'Every approver must be a member who can see the job', { fields: problems });
    return [...new Set(ids)];
  }

  /**
   * Who reads offers: those who make them (candidates:write on the job) see every offer of the job;
   * anyone else who sees the job sees only the offers that name them as an approver.
   */
  function readReach(principal: Principal): OfferReach {
    const access = authorize(principal, 'candidates:read');
    if (principal.grants.has('candidates:write')) return { access, approver: null };
    if (principal.actor.kind !== 'user') throw new AppError('forbidden', 'Reading offers needs the candidates:write permission');
    return { access, approver: principal.actor.userId };
  }

  /** A write by a caller who makes offers (candidates:write), on an offer under the row lock. */
  function write(principal: Principal, id: string, expected: readonly number[] | undefined, fn: (tx: DbExecutor, found: OfferWithTerms, at: Date) => Promise<Outcome>): Promise<Offer> {
    const access = authorize(principal, 'candidates:write');
    const actor = auditActor(principal.actor);
    return events.withEvents(access.orgId, async (tx, record) => {
      const found = await locked(tx, { access, approver: null }, id, expected);
      const at = clock();
      return settle(tx, record, actor, found, await fn(tx, found, at), at);
    });
  }

  /** A named approver's decision: the offer as the job's readers reach it, then the approver rules. */
  function decide(principal: Principal, id: string, decision: 'approved' | 'rejected', note: string | null): Promise<Offer> {
    const access: JobAccess = authorize(principal, 'candidates:read');
    const actor = auditActor(principal.actor);
    const caller = principal.actor.kind === 'user' ? principal.actor.userId : null;
    return events.withEvents(access.orgId, async (tx, record) => {
      const found = await locked(tx, { access, approver: null }, id);
      const { row: before } = found;
      const states = approverStates(before, await repo.currentApprovals(tx, [before]));
      const userId = checkApprover(before, states, caller);
      const at = clock();
      await repo.addApproval(tx, {
        offerId: before.id, round: before.approvalRound, approverId: userId, orgId: before.orgId, termsVersion: before.termsVersion, decision, note, decidedAt: at,
      });
      const complete = decision === 'approved' && states.every((s) => s.userId === userId || s.decision === 'approved');
      const status: OfferStatus = decision === 'rejected' ? 'draft' : complete ? 'approved' : 'pending_approval';
      const row = await repo.update(tx, before.id, { status }, at);
      return settle(tx, record, actor, found, {
        row,
        history: [{ action: 'offer_approval', note, details: { decision } }, ...(complete ? [{ action: 'offer_approved' as const }] : [])],
        record: (offer, add) => {
          add({ orgId: row.orgId, type: 'offer.approval_recorded', subjectId: row.id, payload: { offer, approverId: userId, decision } });
          if (complete) add({ orgId: row.orgId, type: 'offer.approved', subjectId: row.id, payload: { offer } });
        },
      }, at);
    });
  }

  return {
    /** Drafts an offer for an active application that has none under way. */
    async draft(principal: Principal, applicationId: string, input: DraftOfferInput): Promise<Offer> {
      const access = authorize(principal, 'candidates:write');
      checkSalary(input.salary);
      const actor = auditActor(principal.actor);
      const members = await membersAmong(access.orgId, input.approvers);
      return events.withEvents(access.orgId, async (tx, record) => {
        const application = await repo.application(tx, access, applicationId, true);
        if (!application) throw notFound('Application');
        if (application.status !== 'active') throw new AppError('invalid-state-transition', `The application is ${application.status}; only an active one gets offers`);
        const current = await repo.openFor(tx, applicationId);
        if (current) throw new AppError('conflict', `The application has an offer under way: ${current.id} (${current.status}); change or withdraw it instead`);
        const approverIds = await checkApprovers(tx, access.orgId, applicationId, input.approvers ?? [], members);
        const at = clock();
        const inserted = await repo.insert(tx, {
          orgId: access.orgId, applicationId, jobId: application.jobId, approverIds, createdAt: at, updatedAt: at,
        }, { ...termsOfDraft(input), authorType: actor.type, authorId: actor.id });
        const found = await repo.find(tx, { access, approver: null }, inserted.id);
        if (!found) throw new Error(`offer ${inserted.id} vanished inside its own transaction`);
        return settle(tx, record, actor, found, {
          row: found.row, history: [{ action: 'offer_drafted' }],
          record: (offer, add) => add({ orgId: access.orgId, type: 'offer.drafted', subjectId: offer.id, payload: { offer } }),
        }, at);
      });
    },

    async get(principal: Principal, id: string): Promise<Offer> {
      const reach = readReach(principal);
      return database.tenant(reach.access.orgId, async (tx) => {
        const found = await repo.find(tx, reach, id);
        if (!found) throw notFound('Offer');
        return view(tx, found);
      });
    },

    async forApplication(principal: Principal, applicationId: string): Promise<Offer[]> {
      const reach = readReach(principal);
      return database.tenant(reach.access.orgId, async (tx) => {
        if (!(await repo.application(tx, reach.access, applicationId))) throw notFound('Application');
        const found = await repo.forApplication(tx, reach, applicationId);
        const approvals = await repo.currentApprovals(tx, found.map((f) => f.row));
        return found.map((f) => toOffer(f, approvals));
      });
    },

    /** Every version of the offer's terms, oldest first: earlier ones stay readable after a change. */
    async versions(principal: Principal, id: string): Promise<OfferTerms[]> {
      const reach = readReach(principal);
      return database.tenant(reach.access.orgId, async (tx) => {
        if (!(await repo.find(tx, reach, id))) throw notFound('Offer');
        return (await repo.versions(tx, id)).map(toTerms);
      });
    },

    /**
     * Changes terms or approvers of an offer not yet answered. Different terms become a new version;
     * any change sends the offer back to draft with its approvals to start over. A change that changes
     * nothing leaves the offer as it was.
     */
    async change(principal: Principal, id: string, input: ChangeOfferInput, expected: readonly number[] | undefined): Promise<Offer> {
      const access = authorize(principal, 'candidates:write');
      checkSalary(input.salary);
      const actor = auditActor(principal.actor);
      const members = await membersAmong(access.orgId, input.approvers);
      return events.withEvents(access.orgId, async (tx, record) => {
        const found = await locked(tx, { access, approver: null }, id, expected);
        const { row: before } = found;
        requireStatus(before, open, 'change');
        const was = termsOfRow(found.terms);
        const next: Required<TermsFields> = {
          ...was,
          ...(input.salary ? { salaryAmount: input.salary.amount, salaryCurrency: input.salary.currency, salaryPeriod: input.salary.period } : {}),
          ...(input.startDate === undefined ? {} : { startDate: input.startDate }),
          ...(input.equity === undefined ? {} : { equity: input.equity }),
          ...(input.bonus === undefined ? {} : { bonus: input.bonus }),
          ...(input.document === undefined ? {} : { document: input.document }),
        };
        const changedTerms = (Object.keys(next) as (keyof TermsFields)[]).filter((k) => next[k] !== was[k]);
        const approverIds = input.approvers === undefined ? before.approverIds : await checkApprovers(tx, access.orgId, before.applicationId, input.approvers, members);
        const changedApprovers = approverIds.join(',') !== before.approverIds.join(',');
        if (changedTerms.length === 0 && !changedApprovers) return view(tx, found);
        const at = clock();
        const termsVersion = changedTerms.length > 0 ? before.termsVersion + 1 : before.termsVersion;
        if (termsVersion !== before.termsVersion) await repo.addTerms(tx, before, termsVersion, { ...next, authorType: actor.type, authorId: actor.id }, at);
        const row = await repo.update(tx, id, { status: 'draft', termsVersion, approverIds, approvalRound: before.approvalRound + 1, sentAt: null }, at);
        const [terms] = termsVersion === before.termsVersion ? [found.terms] : (await repo.versions(tx, id)).slice(-1);
        return settle(tx, record, actor, found, {
          row, history: [{ action: 'offer_changed', details: { termsVersion, changedTerms, changedApprovers, fromStatus: before.status } }],
          record: (offer, add) => add({ orgId: row.orgId, type: 'offer.changed', subjectId: id, payload: { offer, newTerms: termsVersion !== before.termsVersion } }),
        }, at, terms);
      });
    },

    /** Asks the named approvers, in the org's current mode; an offer that names none is approved at once. */
    submit(principal: Principal, id: string, expected: readonly number[] | undefined): Promise<Offer> {
      return write(principal, id, expected, async (tx, { row: before }, at) => {
        requireStatus(before, ['draft'], 'submit');
        const approvalMode = (await repo.settings(tx, before.orgId))?.approvalMode ?? defaultApprovalMode;
        const complete = before.approverIds.length === 0;
        const row = await repo.update(tx, id, { status: complete ? 'approved' : 'pending_approval', approvalMode, approvalRound: before.approvalRound + 1 }, at);
        return {
          row, history: [{ action: 'offer_submitted', details: { approvalMode } }, ...(complete ? [{ action: 'offer_approved' as const }] : [])],
          record: (offer, add) => {
            add({ orgId: row.orgId, type: 'offer.submitted', subjectId: id, payload: { offer } });
            if (complete) add({ orgId: row.orgId, type: 'offer.approved', subjectId: id, payload: { offer } });
          },
        };
      });
    },

    approve: (principal: Principal, id: string, note: string | null) => decide(principal, id, 'approved', note),
    /** A named approver turns the offer down: it goes back to draft, their note says why, and the next submission starts over. */
    reject: (principal: Principal, id: string, note: string | null) => decide(principal, id, 'rejected', note),

    /** Records that the approved offer went to the candidate. */
    async send(principal: Principal, id: string, expected: readonly number[] | undefined): Promise<Offer> {
      const mailing = emails ? await emails.prepareForOffer(principal.orgId, id) : null;
      return write(principal, id, expected, async (tx, { row: before }, at) => {
        requireStatus(before, ['approved'], 'send');
        const row = await repo.update(tx, id, { status: 'sent', sentAt: at }, at);
        if (emails && mailing) await emails.offer(tx, mailing, id);
        return { row, history: [{ action: 'offer_sent' }], record: (offer, add) => add({ orgId: row.orgId, type: 'offer.sent', subjectId: id, payload: { offer } }) };
      });
    },

    withdraw(principal: Principal, id: string, note: string | null, expected: readonly number[] | undefined): Promise<Offer> {
      const actor = auditActor(principal.actor);
      return write(principal, id, expected, async (tx, { row: before }, at) => {
        requireStatus(before, open, 'withdraw');
        const row = await repo.update(tx, id, { status: 'withdrawn', respondedAt: at, respondedBy: actor.type, responseNote: note }, at);
        return { row, history: [{ action: 'offer_withdrawn', note }], record: (offer, add) => add({ orgId: row.orgId, type: 'offer.withdrawn', subjectId: id, payload: { offer } }) };
      });
    },

  };
}
export type OffersService = ReturnType<typeof createOffersService>;
