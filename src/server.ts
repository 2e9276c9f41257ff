import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createContainer, version, type Container } from './container.ts';
import { runMigrations } from './infra/db/migrations.ts';
import type { Logger } from './infra/telemetry/logger.ts';
import { seedDemo } from './seed/demo.ts';

export interface RunningServer {
  app: FastifyInstance;
  container: Container;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to the deadline), closes the pool. */
  shutdown: (reason: string) => Promise<void>;
}

const STATISTICS_INTERVAL_MS = 6 * 60 * 60 * 1000;
const KEY_ROTATION_CHECK_MS = 60 * 60 * 1000;

/** Starts the background tasks that `serve` runs in-process on the embedded profile. */
export function startTasks(container: Container, config: Config, log: Logger): () => void {
  const sweep = async () => {
    try {
      const closed = await container.jobs.closeExpired();
      if (closed > 0) log.info({ closed }, 'closed jobs past validThrough');
      // SSO sign-ins abandoned at the provider leave a row each; clear them with the same sweep.
      await container.sso.deleteExpiredLogins();
    } catch (err) {
      log.error({ err }, 'expiry sweep failed');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), config.expirySweepIntervalMs);
  timer.unref();
  // Statistics persist with the data; refreshing them now and then keeps plans right as jobs grow.
  const statistics = setInterval(() => {
    container.database.refreshStatistics().catch((err: unknown) => log.error({ err }, 'refreshing statistics failed'));
  }, STATISTICS_INTERVAL_MS);
  statistics.unref();
  const rotation = config.signingKeyRotationDays > 0 ? setInterval(() => {
    container.keys.rotateIfOlderThan(config.signingKeyRotationDays * 86_400_000)
      .then((kid) => kid && log.info({ kid }, 'rotated the access-token signing key'))
      .catch((err: unknown) => log.error({ err }, 'signing key rotation failed'));
  }, KEY_ROTATION_CHECK_MS) : null;
  rotation?.unref();
  return () => {
    clearInterval(timer);
    clearInterval(statistics);
    if (rotation) clearInterval(rotation);
  };
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const container = await createContainer(config, log);
  const applied = await runMigrations(container.database);
  if (applied > 0) log.info({ applied }, 'database migrations applied');
  const seeded = config.seedDemo ? await seedDemo(container) : null;
  if (seeded?.created) await container.database.refreshStatistics();
  const app = await buildApp({ config, version, routes: container.routes, authenticate: container.authenticate, logger: log });
  const stopTasks = startTasks(container, config, log);
  const url = await app.listen({ host: config.host, port: config.port });
  log.info({ url, database: container.database.kind, docs: `${url}/docs` }, 'listening');
  // Printed once, last, as plain text for the person who started the server: the key is stored
  // nowhere in clear (another one: hireline keys create --org demo).
  if (seeded?.created) {
    process.stdout.write(`\nDemo organization created: ${seeded.published} published jobs, ${seeded.imported} imported postings.\n`
      + `  Board:   ${config.publicBaseUrl}/v1/boards/demo/jobs\n`
      + `  Docs:    ${url}/docs\n`
      + `  API key: ${seeded.apiKey}   (shown once; send as Authorization: Bearer <key>; another: hireline keys create --org demo)\n\n`);
  }

  let closing: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      log.info({ reason }, 'shutting down');
      stopTasks();
      const deadline = setTimeout(() => {
        log.warn('shutdown deadline reached; closing remaining connections');
        app.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      deadline.unref();
      await app.close();
      clearTimeout(deadline);
      await container.close();
      log.info('shutdown complete');
    })();
    return closing;
  };
  return { app, container, url, shutdown };
}
