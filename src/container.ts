import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config.ts';
import { healthRoutes } from './http/health.routes.ts';
import { createAmqpPublisher } from './infra/broker/amqp-publisher.ts';
import { createRedisCache } from './infra/cache/shared-cache.ts';
import { createMemoryTaggedCache, createRedisTaggedCache } from './infra/cache/tagged-cache.ts';
import { openDatabase, type Database } from './infra/db/database.ts';
import { migrationsCurrent } from './infra/db/migrations.ts';
import { statisticsTask } from './infra/db/statistics.tasks.ts';
import { createDiskFileStore } from './infra/files/file-store.ts';
import { createEventLoopLoad } from './infra/load/event-loop-load.ts';
import { createLlm } from './infra/llm/index.ts';
import { createMemoryResponseStore, createRedisResponseStore, withFallback } from './infra/idempotency/index.ts';
import { createMailer } from './infra/mail/mailer.ts';
import { memoryRateLimitStore, redisRateLimitStore } from './infra/rate-limit/rate-limiter.ts';
import { connectRedis } from './infra/redis/redis-connection.ts';
import type { TaskDefinition } from './infra/queue/task-runner.ts';
import { auditActor, createAccessModule, type Principal } from './modules/access/index.ts';
import { createAuditModule } from './modules/audit/index.ts';
import { createEventsModule, eventTypes } from './modules/events/index.ts';
import { createJdModule } from './modules/jd/index.ts';
import { createIdentityModule, type SessionCheck } from './modules/identity/index.ts';
import { createJobsModule } from './modules/jobs/index.ts';
import { createOrgsModule } from './modules/orgs/index.ts';
import { applicationFormEventTypes, createRecruitingModule, orgFormEventTypes } from './modules/recruiting/index.ts';
import { createWebhooksModule } from './modules/webhooks/index.ts';

export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Builds every adapter, then every module; the one place that knows how the parts fit. `clock` is for
 * tests that move time (retention, expiry); applicant tracking reads the time from it.
 */
export async function createContainer(config: Config, log: Logger, database?: Database, options: { clock?: () => Date } = {}) {
  const db = database ?? await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.dbPoolMax,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  const events = createEventsModule({
    database: db, log,
    // RabbitMQ when AMQP_URL is set; the embedded default publishes nowhere (events stay readable at GET /v1/events).
    outlet: config.amqpUrl === null ? null : {
      publisher: createAmqpPublisher({ url: config.amqpUrl, exchange: config.amqpExchange, reconnectMaxDelayMs: config.amqpReconnectMaxDelayMs, log }),
      pollIntervalMs: config.outboxPollIntervalMs,
    },
  });
  // Redis (REDIS_URL) shares the board cache, rate limits, idempotency keys and session checks across
  // instances; without it each lives in this process. While it is down, each falls back (see README).
  const redis = config.redisUrl === null ? null : connectRedis(config.redisUrl, log, { name: 'api' });
  const prefix = config.redisKeyPrefix;
  const rateLimits = redis ? redisRateLimitStore(redis, { prefix, onDown: config.rateLimitOnRedisDown }) : memoryRateLimitStore;
  const idempotencyTimes = { keepMs: 24 * 3_600_000, holdMs: 60_000 };
  const idempotencyStore = redis
    ? withFallback(createRedisResponseStore(redis, { ...idempotencyTimes, prefix }), createMemoryResponseStore(idempotencyTimes), log)
    : createMemoryResponseStore(idempotencyTimes);
  // A revoked check stays refused well past any entry's TTL and any transaction that revokes it.
  const checkHoldMs = Math.max(60_000, 2 * config.sessionCacheTtlMs);
  // Without Redis, a process may cache checks only when no other process serves the same database (the embedded one).
  const sessionCheckCache = redis ? createRedisTaggedCache<SessionCheck>(redis, { prefix: `${prefix}session-check:`, holdMs: checkHoldMs })
    : config.databaseUrl === null ? createMemoryTaggedCache<SessionCheck>({ maxEntries: 10_000, holdMs: checkHoldMs }) : null;
  const audit = createAuditModule({ database: db });
  const access = createAccessModule({ database: db, audit: audit.service });
  const orgs = createOrgsModule({ database: db, apiKeys: access.apiKeys });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const identity = createIdentityModule({
    database: db, orgs: orgs.service, audit: audit.service, mailer, log, config, rateLimits,
    ...(sessionCheckCache && config.sessionCacheTtlMs > 0 ? { sessionChecks: { cache: sessionCheckCache, ttlMs: config.sessionCacheTtlMs } } : {}),
    // Called only once requests flow, after jobs below exists: identity and jobs each need the other.
    memberRemoved: (orgId, userId, tx) => jobs.team.removeMember(orgId, userId, tx),
  });
  const llm = createLlm(config.llm, { database: db, log });
  const jd = createJdModule({ llm });
  const jobs = createJobsModule({ database: db, events: events.service, parse: jd.parse, assistedParse: jd.assisted, isMember: identity.members.isMember,
    expirySweepIntervalMs: config.expirySweepIntervalMs,
    orgs: orgs.service, boardCacheTtlMs: config.boardCacheTtlMs, publicBaseUrl: config.publicBaseUrl,
    ...(redis ? { boardSharedCache: createRedisCache(redis, prefix) } : {}),
    // Called only once requests flow, after recruiting below exists: the job page lists the application questions recruiting owns.
    applicationForm: {
      questions: (orgId, jobId) => recruiting.applicationForm(orgId, jobId),
      equalOpportunity: (orgId) => recruiting.equalOpportunityForm(orgId),
      changedBy: [...applicationFormEventTypes, ...orgFormEventTypes],
    },
    applicationsHeld: (tx, orgId, jobId) => recruiting.applicationsHeld(tx, orgId, jobId),
  });
  const recruiting = createRecruitingModule({
    database: db, events: events.service, orgs: orgs.service, jobs: jobs.service, isMember: identity.members.isMember, memberContacts: identity.members.contacts, config, log,
    files: createDiskFileStore(config.filesDir), audit: audit.service, rateLimits,
    // Erasure redacts the events and, called once requests flow (webhooks is built below), what webhook receivers answered about them.
    redactEvents: async (tx, orgId, subjectIds, keep) => {
      await webhooks.forgetResponses(tx, orgId, subjectIds);
      return events.redactSubjects(tx, orgId, subjectIds, keep);
    },
    busy: createEventLoopLoad().busy, clock: options.clock,
  });
  const webhooks = createWebhooksModule({
    database: db, events: events.service, relay: events.relay, eventTypes, allowedHosts: config.webhookAllowedHosts, timeoutMs: config.webhookTimeoutMs,
    clock: options.clock,
  });
  const authenticate = access.authenticateWith(identity.sessions.authenticate);
  const routes: FastifyPluginAsync[] = [
    healthRoutes({
      database: () => db.ping(), migrationsCurrent: () => migrationsCurrent(db), ...(events.outbox ? { outboxLag: events.outbox.lag } : {}),
      ...(redis ? { redis: async () => void await redis.ping() } : {}),
    }),
    ...identity.routes,
    ...orgs.routes,
    access.routes,
    audit.routes,
    jobs.routes,
    jd.routes,
    events.routes,
    jobs.board.routes,
    ...recruiting.routes,
    ...webhooks.routes,
    // The app's Redis connection ends with the app (close() below ends it too, for runs without an app).
    ...(redis ? [async (app: FastifyInstance) => void app.addHook('onClose', async () => void redis.disconnect())] : []),
  ];
  // Every background task, in one list: serve and worker hand it to the one task runner.
  const tasks: readonly TaskDefinition[] = [...events.tasks, ...jobs.tasks, ...identity.tasks, ...recruiting.tasks, ...webhooks.tasks, statisticsTask(db)];
  return {
    database: db,
    routes,
    schemas: events.schemas,
    tasks,
    authenticate,
    /** Idempotency-Key handling for buildApp: keys per org and actor. */
    idempotency: { store: idempotencyStore, scopeOf: (p: Principal) => `${p.orgId}:${auditActor(p.actor).type}:${auditActor(p.actor).id ?? ''}` },
    orgs: orgs.service,
    apiKeys: access.apiKeys,
    accounts: identity.accounts,
    members: identity.members,
    sso: identity.sso,
    keys: identity.keys,
    audit: audit.service,
    jobs: jobs.service,
    events: events.service,
    /** The outbox relay when AMQP_URL is set, else null. */
    outbox: events.outbox,
    parse: jd.parse,
    recruiting,
    webhooks: webhooks.deliveries,
    close: async () => {
      // The relay ends its batch in flight while the pool is still open.
      await events.outbox?.close();
      mailer.close();
      redis?.disconnect();
      await db.close();
    },
  };
}
export type Container = Awaited<ReturnType<typeof createContainer>>;
