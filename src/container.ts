import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from './config.ts';
import { healthRoutes } from './http/health.routes.ts';
import { openDatabase, type Database } from './infra/db/database.ts';
import { migrationsCurrent } from './infra/db/migrations.ts';
import { createBoardModule } from './modules/board/index.ts';
import { createEventsModule } from './modules/events/index.ts';
import { createJdModule } from './modules/jd/index.ts';
import { createJobsModule } from './modules/jobs/index.ts';
import { createOrgsModule } from './modules/orgs/index.ts';

export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Logger {
  error(details: object, message: string): void;
}

/** Builds every adapter, then every module; the one place that knows how the parts fit. */
export async function createContainer(config: Config, log: Logger, database?: Database) {
  const db = database ?? await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.dbPoolMax,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  const events = createEventsModule({ database: db, log });
  const orgs = createOrgsModule({ database: db });
  const jd = createJdModule();
  const jobs = createJobsModule({ database: db, events: events.service, parse: jd.parse });
  const board = createBoardModule({
    orgs: orgs.service, published: jobs.published, events: events.service,
    cacheTtlMs: config.boardCacheTtlMs, publicBaseUrl: config.publicBaseUrl,
  });
  const authenticate = orgs.service.authenticate;
  const routes: FastifyPluginAsync[] = [
    healthRoutes({ database: () => db.ping(), migrationsCurrent: () => migrationsCurrent(db) }),
    orgs.routes,
    jobs.routes(authenticate),
    jd.routes(authenticate),
    events.routes(authenticate),
    board.routes,
  ];
  return {
    database: db,
    routes,
    orgs: orgs.service,
    jobs: jobs.service,
    events: events.service,
    parse: jd.parse,
    close: () => db.close(),
  };
}
export type Container = Awaited<ReturnType<typeof createContainer>>;
