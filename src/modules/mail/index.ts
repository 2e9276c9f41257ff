// Email: every message Hireline sends is a row of outgoing_mail and a durable `mail.send` task, written in the transaction of the change it is about and rendered by the task.
import type { FastifyPluginAsync } from 'fastify';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import type { Mailer } from '../../infra/mail/mailer.ts';
import type { TaskQueue } from '../../infra/queue/task-queue.ts';
import { createMailRepo, type OutgoingMailRow } from './mail.repo.ts';
import { createMailService, type StatusLinkMinter } from './mail.service.ts';
import { sendMailTask } from './mail.tasks.ts';
import { templatesRoutes } from './templates.routes.ts';
import { createTemplatesService } from './templates.service.ts';

export { templateKeys, type TemplateKey } from './mail.catalogue.ts';
export { statusLinkKey, type MailService, type OutgoingMessage, type StatusLinkMinter } from './mail.service.ts';
export type { OutgoingMailRow } from './mail.repo.ts';

/** What recruiting and identity hand their emails to, inside their own transactions. */
export type MailOutbox = Pick<ReturnType<typeof createMailService>, 'queue' | 'queueMany' | 'queueRejection' | 'cancelRejection'>;

export function createMailModule(deps: {
  database: Pick<Database, 'unscoped' | 'unscopedTransaction' | 'tenant'>;
  mailer: Pick<Mailer, 'send' | 'local'>;
  queue: TaskQueue;
  /** The send task's first retry delay; each next one doubles it. */
  retryDelaySeconds: number;
  log: { warn(details: object, message: string): void };
  /** Mints candidates' status-page links as messages are rendered; called only once tasks run (recruiting is built after mail). */
  statusLinks: () => StatusLinkMinter | null;
  clock?: () => Date;
}) {
  const repo = createMailRepo();
  const send = sendMailTask({ mail: () => service, retryDelaySeconds: deps.retryDelaySeconds });
  const service = createMailService({ ...deps, repo, sendTask: () => send });
  const templates = createTemplatesService({ database: deps.database, repo, clock: deps.clock });
  const routes: FastifyPluginAsync[] = [templatesRoutes(templates)];
  /** For erasure, inside its transaction: every message about these subjects is deleted. */
  const forget = (tx: DbExecutor, orgId: string, subjectIds: readonly string[]): Promise<void> => repo.forget(tx, orgId, subjectIds);
  /** The local mailbox for the CLI, across orgs: what was queued and sent, newest first. */
  const mailbox = {
    list: async (query: { to?: string; limit: number }): Promise<OutgoingMailRow[]> => Promise.all((await repo.list(deps.database.unscoped, query)).map(service.preview)),
    show: async (id: string): Promise<OutgoingMailRow | null> => {
      const row = await repo.find(deps.database.unscoped, id);
      return row && service.preview(row);
    },
  };
  return { service, templates, routes, queuedTasks: [send], forget, mailbox };
}
export type MailModule = ReturnType<typeof createMailModule>;
