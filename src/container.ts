import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config.ts';
import { consoleRoutes } from './http/console.routes.ts';
import { healthRoutes } from './http/health.routes.ts';
import { metricsRoutes } from './http/metrics.routes.ts';
import { createEventOutlets } from './infra/broker/outlets.ts';
import { createRedisCache } from './infra/cache/shared-cache.ts';
import { createMemoryTaggedCache, createRedisTaggedCache } from './infra/cache/tagged-cache.ts';
import { databaseOptions, openDatabase, type Database } from './infra/db/database.ts';
import { migrationsCurrent } from './infra/db/migrations.ts';
import { statisticsTask } from './infra/db/statistics.tasks.ts';
import { createDiskFileStore } from './infra/files/file-store.ts';
import { createEventLoopLoad } from './infra/load/event-loop-load.ts';
import { createLlm } from './infra/llm/index.ts';
import { createMemoryResponseStore, createRedisResponseStore, withFallback } from './infra/idempotency/index.ts';
import { createMailer } from './infra/mail/mailer.ts';
import { createMemoryPubSub } from './infra/pubsub/memory-pubsub.ts';
import { createRedisPubSub } from './infra/pubsub/redis-pubsub.ts';
import { createPgBossTaskQueue } from './infra/queue/pg-boss-task-queue.ts';
import type { QueuedTaskDefinition } from './infra/queue/task-queue.ts';
import type { TaskDefinition } from './infra/queue/task-runner.ts';
import { memoryRateLimitStore, redisRateLimitStore } from './infra/rate-limit/rate-limiter.ts';
import { connectRedis } from './infra/redis/redis-connection.ts';
import { createMetrics } from './infra/telemetry/metrics.ts';
import { auditActor, createAccessModule, type Principal } from './modules/access/index.ts';
import { createAuditModule } from './modules/audit/index.ts';
import { createCareersModule } from './modules/careers/index.ts';
import { createEventsModule, eventTypes } from './modules/events/index.ts';
import { createJdModule } from './modules/jd/index.ts';
import { createIdentityModule, type SessionCheck } from './modules/identity/index.ts';
import { createJobsModule } from './modules/jobs/index.ts';
import { createMailModule } from './modules/mail/index.ts';
import { createOperationsModule } from './modules/operations/index.ts';
import { createOrgsModule } from './modules/orgs/index.ts';
import { applicationFormEventTypes, createRecruitingModule, orgFormEventTypes } from './modules/recruiting/index.ts';
import { createWebhooksModule } from './modules/webhooks/index.ts';

export { version } from './version.ts';

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
  const db = database ?? await openDatabase(databaseOptions(config));
  // RabbitMQ (AMQP_URL) and/or NATS JetStream (NATS_URL); the embedded default publishes nowhere (events stay readable at GET /v1/events).
  const publisher = await createEventOutlets(config, log);
  // The durable queue first, so modules can enqueue; it reads the definitions below when workers start.
  const taskQueue = createPgBossTaskQueue({
    database: db, log,
    definitions: () => queuedTasks,
    sweeps: () => tasks.filter((task) => task.scope === 'cluster'),
    options: {
      pollIntervalMs: config.taskQueuePollIntervalMs,
      concurrency: config.taskQueueConcurrency,
      deadRetentionSeconds: config.taskQueueDeadRetentionSeconds,
      maintenanceIntervalSeconds: config.taskQueueMaintenanceIntervalSeconds,
    },
  });
  // Live events reach every instance's streams through Redis when REDIS_URL is set; else this process only.
  const pubsub = config.redisUrl === null ? createMemoryPubSub(log) : createRedisPubSub(config.redisUrl, log);
  const events = createEventsModule({
    database: db, log,
    live: { pubsub, heartbeatMs: config.sseHeartbeatMs, retryMs: config.sseRetryMs, maxStreams: config.sseMaxStreams, maxStreamsPerOrg: config.sseMaxStreamsPerOrg },
    outlet: publisher && { publisher, pollIntervalMs: config.outboxPollIntervalMs },
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
  const mail = createMailModule({
    database: db, mailer, queue: taskQueue, retryDelaySeconds: config.mailRetryDelaySeconds, log, clock: options.clock,
    // Called only once tasks run, after recruiting below exists: candidate emails carry links it mints.
    statusLinks: () => recruiting.mintStatusLinks,
  });
  const identity = createIdentityModule({
    database: db, orgs: orgs.service, audit: audit.service, mail: mail.service, log, config, rateLimits,
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
      forJob: (orgId, jobId) => recruiting.applicationForm(orgId, jobId),
      changedBy: [...applicationFormEventTypes, ...orgFormEventTypes],
    },
    applicationsHeld: (tx, orgId, jobId) => recruiting.applicationsHeld(tx, orgId, jobId),
  });
  const recruiting = createRecruitingModule({
    database: db, events: events.service, orgs: orgs.service, jobs: jobs.service, isMember: identity.members.isMember, memberContacts: identity.members.contacts, config, log,
    files: createDiskFileStore(config.filesDir), audit: audit.service, rateLimits,
    // Erasure redacts the events, the emails about the person and, called once requests flow (webhooks is built below), what webhook receivers answered about them.
    redactEvents: async (tx, orgId, subjectIds, keep) => {
      await webhooks.forgetResponses(tx, orgId, subjectIds);
      await mail.forget(tx, orgId, subjectIds);
      return events.redactSubjects(tx, orgId, subjectIds, keep);
    },
    busy: createEventLoopLoad().busy, mail: mail.service, clock: options.clock,
  });
  const webhooks = createWebhooksModule({
    database: db, events: events.service, relay: events.relay, eventTypes, allowedHosts: config.webhookAllowedHosts, timeoutMs: config.webhookTimeoutMs,
    clock: options.clock,
  });
  const operations = createOperationsModule({ tasks: taskQueue });
  const careers = createCareersModule({
    board: jobs.board.service, applying: recruiting.publicApplyForm, branding: orgs.branding, publicBaseUrl: config.publicBaseUrl,
  });
  const authenticate = access.authenticateWith(identity.sessions.authenticate);
  const metrics = createMetrics({
    ...(events.outbox ? { outboxLag: events.outbox.lag } : {}),
    webhookDeliveries: webhooks.deliveryCounts,
    queueDepth: async () => (await taskQueue.overview({ failureLimit: 0 })).tasks.flatMap((counts) =>
      (['waiting', 'active', 'retrying', 'dead'] as const).map((state) => ({ task: counts.name, state, count: counts[state] }))),
  });
  const routes: FastifyPluginAsync[] = [
    // First: its request-duration hook times every route registered after it.
    metricsRoutes(metrics, { token: config.metricsToken }),
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
    careers.routes,
    // The recruiter console (web/), a single-page app on the API above.
    consoleRoutes(),
    ...webhooks.routes,
    ...mail.routes,
    operations.routes,
    // The app's Redis connections end with the app (close() below ends them too, for runs without an app).
    async (app: FastifyInstance) => void app.addHook('onClose', async () => {
      redis?.disconnect();
      await pubsub.close();
    }),
  ];
  // Every periodic task, in one list: serve and worker run those of scope 'cluster' through the
  // durable queue (once per interval across processes) and the rest on this process's timers.
  // Identity's tasks are all sweeps (refresh-token prune, signing-key rotation, SSO sign-ins).
  const tasks: readonly TaskDefinition[] = [...events.tasks, ...jobs.tasks, ...identity.tasks, ...recruiting.tasks, ...webhooks.tasks, statisticsTask(db)];
  // Every module's one-off durable task kinds: the queue's workers run them.
  const queuedTasks: readonly QueuedTaskDefinition[] = [...mail.queuedTasks];
  return {
    database: db,
    routes,
    schemas: events.schemas,
    tasks,
    queuedTasks,
    /** Modules enqueue on it; serve and worker start its workers; `hireline tasks` and GET /v1/admin/tasks read it. */
    taskQueue,
    authenticate,
    /** Idempotency-Key handling for buildApp: keys per org and actor. */
    idempotency: { store: idempotencyStore, scopeOf: (p: Principal) => `${p.orgId}:${auditActor(p.actor).type}:${auditActor(p.actor).id ?? ''}` },
    orgs: orgs.service,
    apiKeys: access.apiKeys,
    accounts: identity.accounts,
    members: identity.members,
    invitations: identity.invitations,
    sso: identity.sso,
    keys: identity.keys,
    audit: audit.service,
    jobs: jobs.service,
    events: events.service,
    /** The outbox relay when AMQP_URL or NATS_URL is set, else null. */
    outbox: events.outbox,
    parse: jd.parse,
    recruiting,
    webhooks: webhooks.deliveries,
    mail,
    close: async () => {
      // The relay ends its batch in flight while the pool is still open.
      await events.outbox?.close();
      await pubsub.close();
      mailer.close();
      redis?.disconnect();
      await db.close();
    },
  };
}
export type Container = Awaited<ReturnType<typeof createContainer>>;
