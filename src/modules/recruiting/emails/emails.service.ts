import { newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import type { MailAttachment } from '../../../infra/mail/mailer.ts';
import { statusLinkKey, type MailOutbox, type OutgoingMessage, type StatusLinkMinter, type TemplateKey } from '../../mail/index.ts';
import { inviteAttachment, type Interview } from '../interviews/index.ts';
import { STATUS_LINK_DAYS, type StatusLinksRepo } from '../status/index.ts';
import type { ApplicationContact, EmailsRepo } from './emails.repo.ts';

export interface CandidateEmailsDeps {
  database: Pick<Database, 'tenant'>;
  repo: EmailsRepo;
  links: StatusLinksRepo;
  mail: MailOutbox;
  orgName: (orgId: string) => Promise<string>;
  jobTitle: (orgId: string, jobId: string) => Promise<string | null>;
  publicBaseUrl: string;
  clock: () => Date;
}

/** What an email about one application needs from outside its transaction: read before it opens (a read inside would wait on it on PGlite). */
export interface MailContext {
  orgId: string;
  orgName: string;
  jobTitle: string;
  contact: ApplicationContact & { email: string };
}

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The candidate emails, queued in the transaction of the change they announce, so the email exists
 * exactly when the change commits. A candidate without an email address gets none.
 */
export function createCandidateEmails({ database, repo, links, mail, orgName, jobTitle, publicBaseUrl, clock }: CandidateEmailsDeps) {
  const base = publicBaseUrl.replace(/\/+$/, '');

  /** The message about one application; `withStatusLink`: it carries the candidate's status-page link, minted when it is sent (see the mail module). */
  function messageOf(context: MailContext, template: TemplateKey, data: Record<string, unknown>, extra: { subjectIds?: string[]; attachments?: MailAttachment[]; withStatusLink?: boolean } = {}): OutgoingMessage {
    const { contact } = context;
    return {
      orgId: context.orgId, template, to: contact.email, subjectIds: [contact.candidateId, contact.applicationId, ...(extra.subjectIds ?? [])],
      ...(extra.withStatusLink ? { statusLinkFor: contact.candidateId } : {}),
      data: { candidate: { name: contact.name }, org: { name: context.orgName }, job: { title: context.jobTitle }, ...data },
      ...(extra.attachments ? { attachments: extra.attachments } : {}),
    };
  }

  function queue(tx: DbExecutor, context: MailContext, template: TemplateKey, data: Record<string, unknown>, extra: Parameters<typeof messageOf>[3] = {}) {
    return mail.queue(tx, messageOf(context, template, data, extra));
  }

  /** Reads what an email about the application needs; null when the candidate has no address (or the application is gone). */
  async function prepare(orgId: string, applicationId: string): Promise<MailContext | null> {
    const contact = await database.tenant(orgId, (tx) => repo.contactOf(tx, orgId, applicationId));
    if (!contact?.email) return null;
    const [name, title] = await Promise.all([orgName(orgId), jobTitle(orgId, contact.jobId)]);
    return { orgId, orgName: name, jobTitle: title ?? 'your application', contact: { ...contact, email: contact.email } };
  }

  /**
   * The mail module's hook as it renders a batch: a link for each candidate who has none that works
   * (a new one would revoke the link they hold: null, and the email points them to that one).
   */
  const mintStatusLinks: StatusLinkMinter = async (tx, wanted) => {
    const now = clock();
    const expiresAt = new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000);
    const tokens = new Map<string, { orgId: string; candidateId: string; token: string; hash: string }>();
    for (const { orgId, candidateId } of wanted) {
      const key = statusLinkKey(orgId, candidateId);
      if (!tokens.has(key)) tokens.set(key, { orgId, candidateId, ...newSecretToken('candidateStatus') });
    }
    const written = await links.putManyUnlessLive(tx, [...tokens.values()].map(({ orgId, candidateId, hash }) => ({
      orgId, candidateId, tokenHash: hash, expiresAt, createdByType: 'system' as const, createdById: null, createdAt: now,
    })), now);
    const urls = new Map<string, string | null>([...tokens.keys()].map((key) => [key, null]));
    for (const { orgId, candidateId } of written) urls.set(statusLinkKey(orgId, candidateId), `${base}/status/${tokens.get(statusLinkKey(orgId, candidateId))?.token ?? ''}`);
    return urls;
  };

  return {
    prepare,
    mintStatusLinks,

    async prepareForOffer(orgId: string, offerId: string): Promise<MailContext | null> {
      const applicationId = await database.tenant(orgId, (tx) => repo.applicationOfOffer(tx, orgId, offerId));
      return applicationId ? prepare(orgId, applicationId) : null;
    },

    orgName,

    /** The application-received emails of applications created together, with their stages' candidate-facing names. */
    async received(tx: DbExecutor, received: readonly { context: MailContext; stage: string }[]): Promise<void> {
      await mail.queueMany(tx, received.map(({ context, stage }) => messageOf(context, 'application-received', { stage }, { withStatusLink: true })));
    },

    async statusLink(tx: DbExecutor, input: { orgId: string; orgName: string; candidateId: string; name: string; url: string; expiresAt: Date }): Promise<void> {
      const email = await repo.emailOf(tx, input.orgId, input.candidateId);
      if (!email) return;
      await mail.queue(tx, {
        orgId: input.orgId, template: 'status-link', to: email, subjectIds: [input.candidateId],
        data: { candidate: { name: input.name }, org: { name: input.orgName }, statusUrl: input.url, expiresAt: when(input.expiresAt) },
      });
    },

    async schedulingLink(tx: DbExecutor, context: MailContext, link: { id: string; url: string; expiresAt: Date }): Promise<void> {
      await queue(tx, context, 'scheduling-link', { schedulingUrl: link.url, expiresAt: when(link.expiresAt) }, { subjectIds: [link.id] });
    },

    async interview(tx: DbExecutor, context: MailContext, interview: Pick<Interview, 'id' | 'kind' | 'start' | 'end' | 'timeZone' | 'location' | 'videoUrl'>, ics: string): Promise<void> {
      const localTime = new Intl.DateTimeFormat('sv-SE', { timeZone: interview.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
      const local = (iso: string) => localTime.format(new Date(iso)).replace(',', '');
      await queue(tx, context, 'interview-invitation', {
        interview: { kind: interview.kind, start: local(interview.start), end: local(interview.end), timeZone: interview.timeZone, location: interview.videoUrl ?? interview.location },
      }, {
        subjectIds: [interview.id], attachments: [inviteAttachment(ics)], withStatusLink: true,
      });
    },

    async offer(tx: DbExecutor, context: MailContext, offerId: string): Promise<void> {
      await queue(tx, context, 'offer', {}, { subjectIds: [offerId], withStatusLink: true });
    },

    /** Queued only if the org sends rejection emails, after its delay. */
    async rejected(tx: DbExecutor, context: MailContext): Promise<void> {
      const { contact } = context;
      await mail.queueRejection(tx, contact.applicationId, {
        orgId: context.orgId, to: contact.email, subjectIds: [contact.candidateId, contact.applicationId],
        data: { candidate: { name: contact.name }, org: { name: context.orgName }, job: { title: context.jobTitle } },
      });
    },

    /** The application is open again: a rejection email still waiting is not sent. */
    reopened: (tx: DbExecutor, orgId: string, applicationId: string): Promise<void> => mail.cancelRejection(tx, orgId, applicationId),
  };
}
export type CandidateEmails = ReturnType<typeof createCandidateEmails>;
