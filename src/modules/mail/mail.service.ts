import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import type { MailAttachment, Mailer } from '../../infra/mail/mailer.ts';
import type { QueuedTaskDefinition, TaskQueue } from '../../infra/queue/task-queue.ts';
import { isTemplateKey, type TemplateKey } from './mail.catalogue.ts';
import type { MailRepo, OutgoingMailRow } from './mail.repo.ts';
import { defaultTemplates, render, TemplateError, type RenderedMail, type TemplateSource } from './mail.render.ts';
import type { SendMailPayload } from './mail.tasks.ts';

/** One email to queue: which template, for whom, with what. */
export interface OutgoingMessage {
  /** The org it is sent for (its templates apply); null for a person's account emails. */
  orgId: string | null;
  template: TemplateKey;
  to: string;
  data: Record<string, unknown>;
  /**
   * The candidate whose status-page link the message carries as `statusUrl`, minted when it is sent;
   * null there when they already hold a working one (a new link would revoke it).
   */
  statusLinkFor?: string;
  /** The candidate, application... the message is about: erasing any of them deletes it. */
  subjectIds?: readonly string[];
  attachments?: readonly MailAttachment[];
  /** Not sent before this time. */
  sendAfter?: Date;
  /** Lets a later change cancel it while it waits (see cancel). */
  cancelKey?: string;
}

/**
 * Mints status-page links for a batch being rendered, in its transaction: per `statusLinkKey`, the new
 * link's URL, or null where the candidate holds a working one.
 */
export type StatusLinkMinter = (tx: DbExecutor, wanted: readonly { orgId: string; candidateId: string }[]) => Promise<ReadonlyMap<string, string | null>>;
export const statusLinkKey = (orgId: string, candidateId: string): string => `${orgId}/${candidateId}`;

export interface MailServiceDeps {
  database: Pick<Database, 'unscoped' | 'unscopedTransaction'>;
  repo: MailRepo;
  mailer: Pick<Mailer, 'send' | 'local'>;
  queue: TaskQueue;
  /** The send task (declared in mail.tasks.ts, which calls deliverMany below). */
  sendTask: () => QueuedTaskDefinition<typeof SendMailPayload>;
  /** Read when a batch is rendered: recruiting registers it once built. */
  statusLinks: () => StatusLinkMinter | null;
  log: { warn(details: object, message: string): void };
  clock?: () => Date;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
const errorText = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException | null;
  return (e?.code ? `${e.code}: ${e.message}` : e?.message ?? String(err)).slice(0, 500);
};

const rejectionKey = (applicationId: string) => `rejection:${applicationId}`;
/** What a preview of a waiting message shows where its link will be. */
const LINK_PLACEHOLDER = '(status-page link, minted when sent)';

export function createMailService({ database, repo, mailer, queue, sendTask, statusLinks, log, clock = () => new Date() }: MailServiceDeps) {
  /** The org's version when there is one that still renders, else the default. */
  async function renderWith(own: TemplateSource | null, orgId: string | null, key: TemplateKey, data: Record<string, unknown>): Promise<RenderedMail> {
    if (own) {
      try {
        return await render(own, data);
      } catch (err) {
        // Checked when saved, so only a change in what a send provides gets here: the mail still goes, in the default's words.
        if (!(err instanceof TemplateError)) throw err;
        log.warn({ orgId, template: key, part: err.part, error: err.message }, 'the org\'s email template did not render; sent the default');
      }
    }
    return render(defaultTemplates[key], data);
  }

  const keyOf = (row: Pick<OutgoingMailRow, 'orgId' | 'template'>) => `${row.orgId ?? ''}/${row.template}`;
  const templateOf = (row: OutgoingMailRow): TemplateKey => {
    if (!isTemplateKey(row.template)) throw new Error(`unknown email template ${row.template}`);
    return row.template;
  };

  /**
   * Renders the waiting messages of a batch in one transaction: their status-page links minted, the
   * orgs' templates read, the results stored (so a retry sends the same words and link), each in one
   * statement for the whole batch. Returns the rendered messages; a message that cannot be rendered is
   * in `failed`.
   */
  async function renderBatch(rows: readonly OutgoingMailRow[]): Promise<{ rendered: Map<string, RenderedMail>; failed: Map<string, Error> }> {
    const rendered = new Map<string, RenderedMail>();
    const failed = new Map<string, Error>();
    await database.unscopedTransaction(async (tx) => {
      const wanted = rows.flatMap((row) => (row.statusLinkFor && row.orgId ? [{ orgId: row.orgId, candidateId: row.statusLinkFor }] : []));
      const minter = statusLinks();
      const links = wanted.length > 0 && minter ? await minter(tx, wanted) : new Map<string, string | null>();
      const orgIds = [...new Set(rows.flatMap((row) => (row.orgId ? [row.orgId] : [])))];
      const own = new Map((await repo.templatesOf(tx, orgIds, [...new Set(rows.map((row) => row.template))])).map((t) => [keyOf({ orgId: t.orgId, template: t.key }), t]));
      const saved: { id: string; subject: string; text: string; html: string }[] = [];
      for (const row of rows) {
        try {
          const data = { ...row.data, ...(row.statusLinkFor && row.orgId ? { statusUrl: links.get(statusLinkKey(row.orgId, row.statusLinkFor)) ?? null } : {}) };
          const mail = await renderWith(row.orgId ? own.get(keyOf(row)) ?? null : null, row.orgId, templateOf(row), data);
          rendered.set(row.id, mail);
          saved.push({ id: row.id, ...mail });
        } catch (err) {
          failed.set(row.id, asError(err));
        }
      }
      await repo.saveRendered(tx, saved);
    });
    return { rendered, failed };
  }

  /**
   * Stores the messages with their send tasks, inside the caller's transaction: an email exists
   * exactly when the change it is about commits, and a crash after that loses nothing. They are
   * rendered by the send task, off the request's path. Two statements however many there are (the
   * careers site's group commit queues one per application); returns their ids in order.
   */
  async function queueMany(tx: DbExecutor, messages: readonly OutgoingMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const now = clock();
    const rows = messages.map((message) => ({
      id: newId('mail'), orgId: message.orgId, template: message.template, to: message.to, subject: null, data: message.data, statusLinkFor: message.statusLinkFor ?? null,
      attachments: (message.attachments ?? []).map((a) => ({ ...a })), subjectIds: [...(message.subjectIds ?? [])], cancelKey: message.cancelKey ?? null,
      sendAfter: message.sendAfter ?? now, createdAt: now,
    }));
    await repo.insert(tx, rows);
    const payload = (row: (typeof rows)[number]) => ({ mailId: row.id, ...(row.orgId === null ? {} : { orgId: row.orgId }) });
    // Tasks with a start time go one by one (rare: a delayed rejection); the rest in one statement.
    const dueNow = rows.filter((_, i) => !messages[i]?.sendAfter);
    await queue.enqueueMany(sendTask(), dueNow.map(payload), { tx });
    for (const [i, row] of rows.entries()) {
      const sendAfter = messages[i]?.sendAfter;
      if (sendAfter) await queue.enqueue(sendTask(), payload(row), { tx, startAfter: sendAfter });
    }
    return rows.map((row) => row.id);
  }

  async function queueMail(tx: DbExecutor, message: OutgoingMessage): Promise<string> {
    const [id] = await queueMany(tx, [message]);
    if (!id) throw new Error('queued no message');
    return id;
  }

  /** A waiting message as it will read, for the mailbox CLI: rendered now, with a placeholder where its link will be. */
  async function preview(row: OutgoingMailRow): Promise<OutgoingMailRow> {
    if (row.subject !== null || row.data === null || !isTemplateKey(row.template)) return row;
    const own = row.orgId ? await repo.template(database.unscoped, row.orgId, row.template) : null;
    const mail = await renderWith(own, row.orgId, row.template, { ...row.data, ...(row.statusLinkFor ? { statusUrl: LINK_PLACEHOLDER } : {}) });
    return { ...row, ...mail };
  }

  return {
    queue: queueMail,
    queueMany,

    /**
     * The rejection email, if the org sends them: after its delay, and cancelled by cancelRejection if
     * the application is reopened before it goes. Returns the message's id, or null when the org does not send them.
     */
    async queueRejection(tx: DbExecutor, applicationId: string, message: Omit<OutgoingMessage, 'template' | 'sendAfter' | 'cancelKey'> & { orgId: string }): Promise<string | null> {
      const settings = await repo.settings(tx, message.orgId);
      if (!settings?.rejectionEnabled) return null;
      const sendAfter = new Date(clock().getTime() + settings.rejectionDelayMinutes * 60_000);
      return queueMail(tx, { ...message, template: 'rejection', sendAfter, cancelKey: rejectionKey(applicationId) });
    },

    async cancelRejection(tx: DbExecutor, orgId: string, applicationId: string): Promise<void> {
      await repo.cancel(tx, orgId, rejectionKey(applicationId));
    },

    preview,

    /**
     * The send task's work for a batch of messages: render those not yet rendered, then one attempt
     * each through the transport. Resolves with each id's outcome, in order (null: sent, or nothing
     * left to send); a failure is recorded and returned, so the queue retries that message with backoff,
     * up to `maxAttempts` in all, after which it is `failed`. Sending is at least once: a crash between
     * the server's acceptance and the mark sends it again.
     */
    async deliverMany(mailIds: readonly string[], maxAttempts: number): Promise<(Error | null)[]> {
      // Erased, cancelled, or sent by an earlier run that crashed before the queue heard: nothing to do.
      const due = (await repo.findMany(database.unscoped, mailIds)).filter((row) => row.status === 'queued');
      const outcomes = new Map<string, Error | null>();
      const bodies = new Map<string, RenderedMail>();
      for (const row of due) if (row.subject !== null) bodies.set(row.id, { subject: row.subject, text: row.text ?? '', html: row.html ?? '' });
      const unrendered = due.filter((row) => row.subject === null);
      if (unrendered.length > 0) {
        try {
          const { rendered, failed } = await renderBatch(unrendered);
          for (const [id, mail] of rendered) bodies.set(id, mail);
          for (const [id, err] of failed) outcomes.set(id, err);
        } catch (err) {
          // The batch's transaction failed (a candidate erased meanwhile, say): each is tried again.
          for (const row of unrendered) outcomes.set(row.id, asError(err));
        }
      }
      const sent: string[] = [];
      await Promise.all(due.map(async (row) => {
        const body = bodies.get(row.id);
        if (body) {
          try {
            await mailer.send({ to: row.to, subject: body.subject, text: body.text, html: body.html || undefined, attachments: row.attachments });
            sent.push(row.id);
            return;
          } catch (err) {
            outcomes.set(row.id, asError(err));
          }
        }
        await repo.markFailedAttempt(database.unscoped, row.id, errorText(outcomes.get(row.id)), row.attempts + 1 >= maxAttempts);
      }));
      await repo.markSent(database.unscoped, sent, clock(), mailer.local);
      return mailIds.map((id) => outcomes.get(id) ?? null);
    },
  };
}
export type MailService = ReturnType<typeof createMailService>;
