// Email: every message Hireline sends is a row of outgoing_mail and a durable `mail.send` task, written in the transaction of the change it is about.
import type { FastifyPluginAsync } from 'fastify';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import type { Mailer } from '../../infra/mail/mailer.ts';
import type { TaskQueue } from '../../infra/queue/task-queue.ts';
import { createMailRepo, type OutgoingMailRow } from './mail.repo.ts';
import { createMailService } from './mail.service.ts';
import { sendMailTask } from './mail.tasks.ts';
import { templatesRoutes } from './templates.routes.ts';
import { createTemplatesService } from './templates.service.ts';

export { templateKeys, type TemplateKey } from './mail.catalogue.ts';
export type { MailService, OutgoingMessage } from './mail.service.ts';
export type { OutgoingMailRow } from './mail.repo.ts';

/** What recruiting and identity hand their emails to, inside their own transactions. */
export type MailOutbox = Pick<ReturnType<typeof createMailService>, 'queue' | 'queueRejection' | 'cancelRejection'>;

export function createMailModule(deps: {
  database: Pick<Database, 'unscoped' | 'tenant'>;
  mailer: Pick<Mailer, 'send' | 'local'>;
  queue: TaskQueue;
  /** The send task's first retry delay; each next one doubles it. */
  retryDelaySeconds: number;
  log: { warn(details: object, message: string): void };
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
    list: (query: { to?: string; limit: number }): Promise<OutgoingMailRow[]> => repo.list(deps.database.unscoped, query),
    show: (id: string): Promise<OutgoingMailRow | null> => repo.find(deps.database.unscoped, id),
  };
  return { service, templates, routes, queuedTasks: [send], forget, mailbox };
}
export type MailModule = ReturnType<typeof createMailModule>;
