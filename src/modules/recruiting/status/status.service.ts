import { AppError, notFound } from '../../../app-error.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database } from '../../../infra/db/database.ts';
import { auditActor, authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { ApplicationActions } from '../applications/index.ts';
import type { CandidateEmails } from '../emails/index.ts';
import type { InterviewsService } from '../interviews/index.ts';
import type { CandidateOffer, OfferResponse, OfferResponses } from '../offers/index.ts';
import type { ErasureRequest, ErasureRequestsService } from '../rights/index.ts';
import type { StatusLinksRepo } from './status.links.repo.ts';
import type { StatusApplicationRow, StatusPageRepo } from './status.page.repo.ts';
import { STATUS_LINK_DAYS, type StatusApplication, type StatusLink, type StatusOffer, type StatusOfferAnswer, type StatusPage } from './status.schemas.ts';

export interface StatusServiceDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  links: StatusLinksRepo;
  page: StatusPageRepo;
  actions: Pick<ApplicationActions, 'withdrawByCandidate'>;
  interviews: Pick<InterviewsService, 'candidateInvite'>;
  erasureRequests: Pick<ErasureRequestsService, 'request' | 'latest'>;
  /** A job's title, or null when it no longer exists (the jobs module answers). */
  jobTitle: (orgId: string, jobId: string) => Promise<string | null>;
  /** The offers area: the candidate's sent offers, and their answer to one. */
  offers: Pick<OfferResponses, 'awaitingCandidate' | 'respondAsCandidate'>;
  publicBaseUrl: string;
  /** Emails a new link to the candidate, in the transaction that makes it. */
  emails?: Pick<CandidateEmails, 'statusLink' | 'orgName'>;
  clock: () => Date;
}

/** Who a valid token is for: the candidate (after merges) in one org. */
export interface StatusHolder {
  orgId: string;
  candidateId: string;
  name: string;
  expiresAt: Date;
}

// The same answer for every token that opens nothing (unknown, tampered, expired, revoked, another kind, an erased
// candidate's), so a caller learns nothing about which it was.
const closed = () => notFound('Status page');

const candidateStatus: Record<StatusApplicationRow['status'], StatusApplication['status']> = { active: 'open', rejected: 'closed', withdrawn: 'withdrawn', hired: 'hired' };

export function createStatusService({ database, links, page, actions, interviews, erasureRequests, jobTitle, offers, publicBaseUrl, emails, clock }: StatusServiceDeps) {
  const base = publicBaseUrl.replace(/\/+$/, '');

  async function open(token: string): Promise<StatusHolder> {
    if (!looksLikeSecretToken('candidateStatus', token)) throw closed();
    const link = await links.findByHash(database.unscoped, hashSecretToken(token));
    if (!link || link.expiresAt.getTime() <= clock().getTime()) throw closed();
    const candidate = await database.tenant(link.orgId, (tx) => page.candidate(tx, link.orgId, link.candidateId));
    if (!candidate) throw closed();
    return { orgId: link.orgId, candidateId: candidate.id, name: candidate.name, expiresAt: link.expiresAt };
  }

  async function titles(orgId: string, jobIds: readonly string[]): Promise<Map<string, string | null>> {
    const found = new Map<string, string | null>();
    for (const jobId of new Set(jobIds)) found.set(jobId, await jobTitle(orgId, jobId));
    return found;
  }

  const toApplication = (token: string, row: StatusApplicationRow, title: string | null | undefined): StatusApplication => ({
    id: row.id, job: { title: title ?? null }, stage: row.stageName, status: candidateStatus[row.status], appliedAt: row.appliedAt.toISOString(),
    canWithdraw: row.status === 'active', withdrawUrl: row.status === 'active' ? `${base}/v1/status/${token}/applications/${row.id}/withdraw` : null,
  });

  const toOffer = (token: string, offer: CandidateOffer, title: string | null | undefined): StatusOffer => ({
    id: offer.id, applicationId: offer.applicationId, job: { title: title ?? null }, terms: offer.terms, sentAt: offer.sentAt,
    acceptUrl: `${base}/v1/status/${token}/offers/${offer.id}/accept`, declineUrl: `${base}/v1/status/${token}/offers/${offer.id}/decline`,
  });

  const toErasureRequest = (request: ErasureRequest) =>
    ({ status: request.status, requestedAt: request.requestedAt, decidedAt: request.decidedAt, note: request.status === 'declined' ? request.declineNote : null });

  return {
    /**
     * A new status-page link for the candidate, valid for 14 days; the one before stops working.
     * Recruiters (candidates:write over the whole org) hand it to the candidate, since it shows every
     * application of theirs in the org.
     */
    async issueLink(principal: Principal, candidateId: string): Promise<StatusLink> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'send a candidate their status page');
      const { orgId } = access;
      const { token, hash } = newSecretToken('candidateStatus');
      const now = clock();
      const expiresAt = new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000);
      const by = auditActor(principal.actor);
      const url = `${base}/status/${token}`;
      const orgName = emails ? await emails.orgName(orgId) : null;
      await database.tenant(orgId, async (tx) => {
        const candidate = await page.candidate(tx, orgId, candidateId);
        if (!candidate) throw notFound('Candidate');
        if (candidate.id !== candidateId) throw new AppError('not-found', `Candidate ${candidateId} was merged into ${candidate.id}; use that candidate`);
        await links.put(tx, { orgId, candidateId, tokenHash: hash, expiresAt, createdByType: by.type, createdById: by.id, createdAt: now });
        if (emails && orgName !== null) await emails.statusLink(tx, { orgId, orgName, candidateId, name: candidate.name, url, expiresAt });
      });
      return { url, apiUrl: `${base}/v1/status/${token}`, expiresAt: expiresAt.toISOString() };
    },

    async revokeLink(principal: Principal, candidateId: string): Promise<void> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'revoke a candidate\'s status page');
      const { orgId } = access;
      await database.tenant(orgId, async (tx) => {
        if (!(await page.candidate(tx, orgId, candidateId))) throw notFound('Candidate');
        await links.remove(tx, orgId, candidateId);
      });
    },

    /** The page a token opens: only what is meant for the candidate (no internal stage names, notes, ratings or reasons). */
    async read(token: string): Promise<StatusPage> {
      const holder = await open(token);
      const { orgId, candidateId } = holder;
      const { apps, upcoming } = await database.tenant(orgId, async (tx) => ({
        apps: await page.applications(tx, orgId, candidateId),
        upcoming: await page.upcomingInterviews(tx, orgId, candidateId, clock()),
      }));
      const awaiting = await offers.awaitingCandidate(orgId, candidateId);
      const jobTitles = await titles(orgId, [...apps.map((a) => a.jobId), ...upcoming.map((i) => i.jobId), ...awaiting.map((o) => o.jobId)]);
      const request = await erasureRequests.latest(orgId, candidateId);
      return {
        candidate: { name: holder.name },
        applications: apps.map((row) => toApplication(token, row, jobTitles.get(row.jobId))),
        interviews: upcoming.map((row) => ({
          id: row.id, applicationId: row.applicationId, job: { title: jobTitles.get(row.jobId) ?? null }, kind: row.kind,
          start: row.startAt.toISOString(), end: row.endAt.toISOString(), timeZone: row.timeZone, location: row.location, videoUrl: row.videoUrl,
          inviteUrl: `${base}/v1/status/${token}/interviews/${row.id}/invite.ics`,
        })),
        offers: awaiting.map((offer) => toOffer(token, offer, jobTitles.get(offer.jobId))),
        erasureRequest: request ? toErasureRequest(request) : null,
        erasureRequestUrl: `${base}/v1/status/${token}/erasure-request`,
        linkExpiresAt: holder.expiresAt.toISOString(),
      };
    },

    /** The candidate withdraws one of their applications, through the applications area's own transition. */
    async withdraw(token: string, applicationId: string): Promise<StatusApplication> {
      const { orgId, candidateId } = await open(token);
      try {
        await actions.withdrawByCandidate(orgId, candidateId, applicationId);
      } catch (err) {
        // The team's wording names internal states ("it is rejected"); the candidate gets their own.
        if (err instanceof AppError && err.code === 'invalid-state-transition') throw new AppError('invalid-state-transition', 'This application can no longer be withdrawn');
        throw err;
      }
      const row = (await database.tenant(orgId, (tx) => page.applications(tx, orgId, candidateId))).find((a) => a.id === applicationId);
      if (!row) throw notFound('Application');
      return toApplication(token, row, await jobTitle(orgId, row.jobId));
    },

    /** The candidate accepts (which hires) or declines one of their sent offers; anyone else's is not found. */
    async answerOffer(token: string, offerId: string, response: OfferResponse, note: string | null): Promise<StatusOfferAnswer> {
      const { orgId, candidateId } = await open(token);
      try {
        const offer = await offers.respondAsCandidate(orgId, offerId, response, { candidateId, ...(note ? { note } : {}) });
        return { id: offer.id, applicationId: offer.applicationId, status: response === 'accept' ? 'accepted' : 'declined', respondedAt: offer.respondedAt ?? clock().toISOString() };
      } catch (err) {
        // The team's wording names internal states and pipeline stages; the candidate gets their own.
        if (err instanceof AppError && err.code === 'invalid-state-transition') {
          throw new AppError('invalid-state-transition', 'This offer is not awaiting your answer; please contact the organization that sent it');
        }
        throw err;
      }
    },

    async invite(token: string, interviewId: string): Promise<string> {
      const { orgId, candidateId } = await open(token);
      return interviews.candidateInvite(orgId, candidateId, interviewId, async (jobId) => (await jobTitle(orgId, jobId)) ?? 'your application');
    },

    async requestErasure(token: string, reason: string | null) {
      const { orgId, candidateId } = await open(token);
      const { request, created } = await erasureRequests.request(orgId, candidateId, reason);
      return { erasureRequest: toErasureRequest(request), created };
    },
  };
}
export type StatusService = ReturnType<typeof createStatusService>;
