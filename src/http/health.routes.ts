import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../app-error.ts';
import { problemRef } from './schemas.ts';

export interface ReadinessChecks {
  database: () => Promise<void>;
  migrationsCurrent: () => Promise<boolean>;
  /** When an outbox relay runs (AMQP_URL): how far it is behind. A lagging relay does not make the API unready. */
  outboxLag?: () => Promise<{ unpublished: number; oldestUnpublishedAgeSeconds: number | null }>;
  /** When REDIS_URL is set: rejects while Redis is unreachable. The API serves without it, so that only degrades readiness. */
  redis?: () => Promise<void>;
}

const Status = Type.Object({ status: Type.Literal('ok') });
const OutboxLag = Type.Object({
  unpublished: Type.Integer({ minimum: 0, description: 'Events waiting for the message broker (counted up to 10,000)' }),
  oldestUnpublishedAgeSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Age of the oldest waiting event; null when none waits' }),
}, { description: 'Present when events are relayed to a message broker (AMQP_URL): they wait here while it is down' });
const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')], {
    description: '`degraded`: the API serves, without something optional (see `degraded`); still 200, so a load balancer keeps sending traffic',
  }),
  checks: Type.Object({
    database: Type.Literal('ok'),
    migrations: Type.Literal('current'),
    redis: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('unreachable')], { description: 'Present when REDIS_URL is set' })),
  }),
  degraded: Type.Optional(Type.Array(Type.String(), { description: 'Why the API is degraded, one reason each' })),
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
      schema: {
        tags: ['system'], summary: 'Readiness: the database answers and its migrations are current',
        description: 'Without the database the API cannot serve: 503. Without Redis it can (caches are bypassed, rate limits and idempotency keys fall back to this process): 200 with `status: degraded`.',
        response: { 200: Ready, 503: problemRef },
      },
      logLevel: 'warn',
    }, async (request) => {
      try {
        await checks.database();
      } catch (err) {
        request.log.warn({ err }, 'readiness: database unreachable');
        throw new AppError('service-unavailable', 'The database is not reachable');
      }
      if (!(await checks.migrationsCurrent())) throw new AppError('service-unavailable', 'Database migrations are pending; run `hireline migrate`');
      const degraded: string[] = [];
      let redis: 'ok' | 'unreachable' | undefined;
      if (checks.redis) {
        redis = await checks.redis().then(() => 'ok' as const, (err: unknown) => {
          request.log.warn({ err }, 'readiness: Redis unreachable; serving without it');
          // The cause goes to the log only: an error message can name internal addresses.
          degraded.push('Redis is unreachable: the shared board cache and session-check cache are bypassed, rate limits and idempotency keys are kept per instance');
          return 'unreachable' as const;
        });
      }
      const ready = {
        status: degraded.length > 0 ? 'degraded' as const : 'ready' as const,
        checks: { database: 'ok' as const, migrations: 'current' as const, ...(redis ? { redis } : {}) },
        ...(degraded.length > 0 ? { degraded } : {}),
      };
      return checks.outboxLag ? { ...ready, outbox: await checks.outboxLag() } : ready;
    });
  };
}
