import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import type { MailAttachment, Mailer } from '../../infra/mail/mailer.ts';
import type { QueuedTaskDefinition, TaskQueue } from '../../infra/queue/task-queue.ts';
import type { TemplateKey } from './mail.catalogue.ts';
import type { MailRepo } from './mail.repo.ts';
import { defaultTemplates, render, TemplateError, type RenderedMail, type TemplateSource } from './mail.render.ts';
import type { SendMailPayload } from './mail.tasks.ts';

/** One email to queue: which template, for whom, with what. */
export interface OutgoingMessage {
  /** The org it is sent for (its templates apply); null for a person's account emails. */
  orgId: string | null;
  template: TemplateKey;
  to: string;
  data: Record<string, unknown>;
  /** The candidate, application... the message is about: erasing any of them deletes it. */
  subjectIds?: readonly string[];
  attachments?: readonly MailAttachment[];
  /** Not sent before this time. */
  sendAfter?: Date;
  /** Lets a later change cancel it while it waits (see cancel). */
  cancelKey?: string;
}

export interface MailServiceDeps {
  database: Pick<Database, 'unscoped'>;
  repo: MailRepo;
  mailer: Pick<Mailer, 'send' | 'local'>;
  queue: TaskQueue;
  /** The send task (declared in mail.tasks.ts, which calls deliver below). */
  sendTask: () => QueuedTaskDefinition<typeof SendMailPayload>;
  log: { warn(details: object, message: string): void };
  clock?: () => Date;
}

const errorText = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException | null;
  return (e?.code ? `${e.code}: ${e.message}` : e?.message ?? String(err)).slice(0, 500);
};

const rejectionKey = (applicationId: string) => `rejection:${applicationId}`;

export function createMailService({ database, repo, mailer, queue, sendTask, log, clock = () => new Date() }: MailServiceDeps) {
  /** The org's version of a template when it has one that still renders, else the default. */
  async function renderFor(tx: DbExecutor, orgId: string | null, key: TemplateKey, data: Record<string, unknown>): Promise<RenderedMail> {
    const own = orgId === null ? null : await repo.template(tx, orgId, key);
    if (own) {
      try {
        return await render(own satisfies TemplateSource, data);
      } catch (err) {
        // Checked when saved, so only a change in what a send provides gets here: the mail still goes, in the default's words.
        if (!(err instanceof TemplateError)) throw err;
        log.warn({ orgId, template: key, part: err.part, error: err.message }, 'the org\'s email template did not render; sent the default');
      }
    }
    return render(defaultTemplates[key], data);
  }

  /**
   * Renders the message and stores it with its send task, both inside the caller's transaction: the
   * email exists exactly when the change it is about commits, and a crash after that loses nothing.
   * Returns the message's id.
   */
  async function queueMail(tx: DbExecutor, message: OutgoingMessage): Promise<string> {
    const rendered = await renderFor(tx, message.orgId, message.template, message.data);
    const id = newId('mail');
    const now = clock();
    await repo.insert(tx, {
      id, orgId: message.orgId, template: message.template, to: message.to, subject: rendered.subject, text: rendered.text, html: rendered.html,
      attachments: (message.attachments ?? []).map((a) => ({ ...a })), subjectIds: [...(message.subjectIds ?? [])], cancelKey: message.cancelKey ?? null,
      sendAfter: message.sendAfter ?? now, createdAt: now,
    });
    await queue.enqueue(sendTask(), { mailId: id, ...(message.orgId === null ? {} : { orgId: message.orgId }) }, { tx, ...(message.sendAfter ? { startAfter: message.sendAfter } : {}) });
    return id;
  }

  return {
    queue: queueMail,

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

    /**
     * The send task's work: one attempt through the transport. A failure is recorded and thrown, so the
     * queue retries it with backoff, up to `maxAttempts` in all, after which the message is `failed`.
     * Sending is at least once: a crash between the server's acceptance and the mark sends it again.
     */
    async deliver(mailId: string, maxAttempts: number): Promise<void> {
      const row = await repo.find(database.unscoped, mailId);
      // Erased, cancelled, or sent by an earlier run that crashed before the queue heard.
      if (!row || row.status !== 'queued') return;
      try {
        await mailer.send({ to: row.to, subject: row.subject, text: row.text ?? '', html: row.html ?? undefined, attachments: row.attachments });
      } catch (err) {
        await repo.markFailedAttempt(database.unscoped, mailId, errorText(err), row.attempts + 1 >= maxAttempts);
        throw err;
      }
      await repo.markSent(database.unscoped, mailId, clock(), mailer.local);
    },
  };
}
export type MailService = ReturnType<typeof createMailService>;
