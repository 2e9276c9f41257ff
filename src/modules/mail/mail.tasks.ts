import { Type } from 'typebox';
import type { QueuedTaskDefinition } from '../../infra/queue/task-queue.ts';
import type { MailService } from './mail.service.ts';

/**
 * The message's id (what it says stays in outgoing_mail, where erasure can reach it) and, for an org's
 * mail, the org, so its admins see the task in GET /v1/admin/tasks.
 */
export const SendMailPayload = Type.Object({ mailId: Type.String({ minLength: 1, maxLength: 100 }), orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) });

/** SMTP down: each attempt throws and the queue tries again, 12 times over about a day and a half from a first delay of 30 s. */
const RETRY_LIMIT = 12;

export function sendMailTask(deps: { mail: () => Pick<MailService, 'deliverMany'>; retryDelaySeconds: number }): QueuedTaskDefinition<typeof SendMailPayload> {
  return {
    name: 'mail.send',
    payload: SendMailPayload,
    retryLimit: RETRY_LIMIT,
    retryDelaySeconds: deps.retryDelaySeconds,
    handle: async ({ mailId }) => {
      const [failure] = await deps.mail().deliverMany([mailId], RETRY_LIMIT + 1);
      if (failure) throw failure;
    },
    // A batch is read, rendered and marked sent in one statement each, not one message at a time.
    handleBatch: (payloads) => deps.mail().deliverMany(payloads.map((p) => p.mailId), RETRY_LIMIT + 1),
  };
}
