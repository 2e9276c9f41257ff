import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../app-error.ts';
import { problemRef } from './schemas.ts';

export interface ReadinessChecks {
  database: () => Promise<void>;
  migrationsCurrent: () => Promise<boolean>;
  /** When an outbox relay runs (AMQP_URL): how far it is behind. A lagging relay does not make the API unready. */
  outboxLag?: () => Promise<{ unpublished: number; oldestUnpublishedAgeSeconds: number | null }>;
}

const Status = Type.Object({ status: Type.Literal('ok') });
const OutboxLag = Type.Object({
  unpublished: Type.Integer({ minimum: 0, description: 'Events waiting for the message broker (counted up to 10,000)' }),
  oldestUnpublishedAgeSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Age of the oldest waiting event; null when none waits' }),
}, { description: 'Present when events are relayed to a message broker (AMQP_URL): they wait here while it is down' });
const Ready = Type.Object({
  status: Type.Literal('ready'),
  checks: Type.Object({ database: Type.Literal('ok'), migrations: Type.Literal('current') }),
  outbox: Type.Optional(OutboxLag),
});

export function healthRoutes(checks: ReadinessChecks): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/health', {
      config: { access: { public: true } },
      schema: { tags: ['system'], summary: 'Liveness: the process serves HTTP', response: { 200: Status, 500: problemRef } },
      logLevel: 'warn',
    }, async () => ({ status: 'ok' as const }));

    app.get('/ready', {
      config: { access: { public: true } },
      schema: { tags: ['system'], summary: 'Readiness: the database answers and its migrations are current', response: { 200: Ready, 503: problemRef } },
      logLevel: 'warn',
    }, async (request) => {
      try {
        await checks.database();
      } catch (err) {
        request.log.warn({ err }, 'readiness: database unreachable');
        throw new AppError('service-unavailable', 'The database is not reachable');
      }
      if (!(await checks.migrationsCurrent())) throw new AppError('service-unavailable', 'Database migrations are pending; run `hireline migrate`');
      const ready = { status: 'ready' as const, checks: { database: 'ok' as const, migrations: 'current' as const } };
      return checks.outboxLag ? { ...ready, outbox: await checks.outboxLag() } : ready;
    });
  };
}
