import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createContainer, version, type Container } from './container.ts';
import type { Database } from './infra/db/database.ts';
import { runMigrations } from './infra/db/migrations.ts';
import { createTaskRunner } from './infra/queue/task-runner.ts';
import type { Logger } from './infra/telemetry/logger.ts';
import { seedDemo } from './seed/demo.ts';

export interface RunningServer {
  app: FastifyInstance;
  container: Container;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to the deadline), closes the pool. */
  shutdown: (reason: string) => Promise<void>;
}

export interface RunningTasks {
  /** Stops both; runs in progress end first (queued ones still going at the deadline are retried later). */
  stop(): Promise<void>;
}

/**
 * Starts the background work: the task runner over the tasks of scope 'process', and the durable
 * queue's workers (one-off tasks, and the 'cluster' sweeps). serve runs it in-process; worker runs only it.
 */
export async function startTasks(container: Container, log: Logger, options: { keepProcessAlive?: boolean; stopTimeoutMs?: number } = {}): Promise<RunningTasks> {
  const runner = createTaskRunner({ tasks: container.tasks.filter((task) => task.scope !== 'cluster'), log, keepProcessAlive: options.keepProcessAlive });
  runner.start();
  await container.taskQueue.start();
  return {
    stop: async () => {
      await Promise.all([runner.stop(), container.taskQueue.stop(options.stopTimeoutMs)]);
    },
  };
}

/**
 * Times each phase of start-up and logs it at debug level, so a slow start says where it went. The
 * first phase counts from the process's start: loading (and, under tsx, compiling) the modules.
 */
function startupPhases(log: Logger) {
  let last = 0;
  const phases: Record<string, number> = {};
  return {
    phases,
    mark(phase: string): void {
      const now = performance.now();
      phases[phase] = Math.round(now - last);
      last = now;
      log.debug({ phase, ms: phases[phase] }, 'start-up phase done');
    },
    total: () => Math.round(last),
  };
}

/** `database`: one already being opened (serve starts PGlite's thread while these modules load); else opened here. */
export async function startServer(config: Config, log: Logger, database?: Promise<Database>): Promise<RunningServer> {
  const startup = startupPhases(log);
  startup.mark('modules');
  const container = await createContainer(config, log, await database);
  startup.mark('container');
  const applied = await runMigrations(container.database);
  if (applied > 0) log.info({ applied }, 'database migrations applied');
  startup.mark('migrations');
  const seeded = config.seedDemo ? await seedDemo(container) : null;
  startup.mark('seed');
  const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, idempotency: container.idempotency, logger: log });
  startup.mark('app');
  const tasks = config.serveRunsTasks ? await startTasks(container, log, { stopTimeoutMs: config.shutdownTimeoutMs }) : null;
  startup.mark('tasks');
  const url = await app.listen({ host: config.host, port: config.port });
  startup.mark('listen');
  log.info({ url, database: container.database.kind, docs: `${url}/docs`, startupMs: startup.total(), phasesMs: startup.phases }, 'listening');
  // Planner statistics over the demo rows, once listening: answers are right without them (plans may be
  // worse for the half second ANALYZE takes on PGlite), so the first start need not wait for it.
  if (seeded?.created) void container.database.refreshStatistics().catch((err: unknown) => log.warn({ err }, 'planner statistics after the demo seed failed'));
  // Printed once, last, as plain text for the person who started the server: the key is stored
  // nowhere in clear (another one: hireline keys create --org demo).
  if (seeded?.created) {
    process.stdout.write(`\nDemo organization created: ${seeded.published} published jobs, ${seeded.imported} imported postings, ${seeded.applications} applications.\n`
      + `  Board:   ${config.publicBaseUrl}/v1/boards/demo/jobs\n`
      + `  Docs:    ${url}/docs\n`
      + `  API key: ${seeded.apiKey}   (shown once; send as Authorization: Bearer <key>; another: hireline keys create --org demo)\n`
      + `  Console: ${url}/app/accept-invitation?token=${seeded.consoleInvitation ?? ''}   (choose a name and password: you join the demo org as an admin)\n\n`);
  }

  let closing: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      log.info({ reason }, 'shutting down');
      const deadline = setTimeout(() => {
        log.warn('shutdown deadline reached; closing remaining connections');
        app.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      deadline.unref();
      // A task half-way through its batch finishes it before the pool closes under it.
      await Promise.all([app.close(), tasks?.stop()]);
      clearTimeout(deadline);
      await container.close();
      log.info('shutdown complete');
    })();
    return closing;
  };
  return { app, container, url, shutdown };
}
