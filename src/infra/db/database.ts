import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { pgliteExtensions } from './pglite-extensions.ts';
import { pgliteTemplateFor } from './pglite-template.ts';
import { openPgliteThread } from './pglite-thread.ts';

/** What repositories run queries on: the database itself or a transaction (both are PgDatabase). */
export type DbExecutor = PgDatabase<PgQueryResultHKT>;

/** Raw SQL for the rare statement the query builder cannot express; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: DbExecutor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The owner's connection, which row-level security does not restrict: no wall between organizations.
   * Only for work that must cross them (finding the org of a credential, a slug or an email; rows of
   * no org such as users and signing keys; sweeps; migrations), and only handed to code that does.
   */
  readonly unscoped: DbExecutor;
  /**
   * Runs fn in one transaction that sees only orgId's rows: it runs as the non-owner role
   * hireline_app with the org named, so the row-level security policies (drizzle/0006) apply.
   */
  tenant<T>(orgId: string, fn: (tx: DbExecutor) => Promise<T>): Promise<T>;
  /** Runs fn in one transaction on the unscoped connection: across organizations, no row-level security. */
  unscopedTransaction<T>(fn: (tx: DbExecutor) => Promise<T>): Promise<T>;
  /** Runs fn on one dedicated connection (advisory locks are per connection). */
  withConnection<T>(fn: (db: DbExecutor) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /** Refreshes planner statistics where nothing else does (PGlite has no autovacuum). */
  refreshStatistics(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** PGlite data directory; 'memory://' for a throwaway in-memory database. */
  dataDir: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** Hears every statement the query builder sends (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
  /**
   * PGlite only: a dump of a data directory (PGlite's dumpDataDir) to start from instead of an empty
   * one. Creating an empty directory runs initdb (seconds); loading a dump takes a fraction of that,
   * so the test suite migrates one template per run and starts every test file from it.
   */
  pgliteDump?: Blob;
  /** PGlite only: false makes a new data directory with initdb even when a migrated dump exists (pglite-template.ts). */
  pgliteTemplate?: boolean;
  /**
   * PGlite only: run it in a worker thread (default), so a slow statement does not stop the HTTP loop;
   * false runs it on the calling thread as before (pglite-thread.ts says why the thread).
   */
  pgliteThread?: boolean;
}

/** The non-owner role tenant transactions run as (created by drizzle/0006_row_level_security.sql). */
export const APP_ROLE = 'hireline_app';

/**
 * One statement: become the app role (already the session's role on the server's tenant pool; on
 * PGlite's single session it is switched here) and name the org, both only until the transaction ends.
 */
const enterTenant = async (tx: DbExecutor, orgId: string): Promise<void> => {
  await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('hireline.org_id', ${orgId}, true)`);
};

const inTenant = (db: DbExecutor) => <T>(orgId: string, fn: (tx: DbExecutor) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await enterTenant(tx, orgId);
    return fn(tx);
  });

/** The options the configuration gives (serve, worker and the CLI open the database this way). */
export function databaseOptions(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'pgliteThread' | 'dbPoolMax' | 'dbStatementTimeoutMs'>): DatabaseOptions {
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteThread: config.pgliteThread, poolMax: config.dbPoolMax, statementTimeoutMs: config.dbStatementTimeoutMs };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

const queryLogger = (onQuery: ((sql: string) => void) | undefined) => (onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {});

/**
 * Tenant transactions on the server: `begin` and the set_config of enterTenant travel as one simple
 * query (one round trip instead of two, on every request), then drizzle runs on that connection as
 * in its own transaction(), savepoints included.
 */
type NoSchema = Record<string, never>;
function serverTenantTransactions(pool: pg.Pool, onQuery: ((sql: string) => void) | undefined): Database['tenant'] {
  const dialect = new PgDialect();
  return async (orgId, fn) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`begin; select set_config('role', ${client.escapeLiteral(APP_ROLE)}, true), set_config('hireline.org_id', ${client.escapeLiteral(orgId)}, true)`);
      const session = new NodePgSession<NoSchema, ExtractTablesWithRelations<NoSchema>>(client, dialect, undefined, queryLogger(onQuery));
      const tx = new NodePgTransaction<NoSchema, ExtractTablesWithRelations<NoSchema>>(dialect, session, undefined);
      const result = await fn(tx);
      await client.query('commit');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is broken: release(err) makes the pool drop it.
      await client.query('rollback').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw err;
    } finally {
      client.release(broken);
    }
  };
}

/** PGlite on this thread or in a worker thread: what drizzle's pglite driver is handed, and how it ends. */
interface PgliteConnection {
  client: PGlite;
  close(): Promise<void>;
}

async function connectPglite(dataDir: string, dump: Blob | undefined, inThread: boolean): Promise<PgliteConnection> {
  if (inThread) {
    const thread = await openPgliteThread(dataDir, dump);
    // drizzle's driver types its client as PGlite but calls only query, exec and transaction,
    // which the thread's client offers with PGlite's signatures (pglite-thread.ts).
    return { client: thread as unknown as PGlite, close: () => thread.close() };
  }
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions, ...(dump ? { loadDataDir: dump } : {}) });
  return { client, close: () => client.close() };
}

async function openPglite({ dataDir, onQuery, pgliteDump: dump, pgliteThread = true, pgliteTemplate = true }: DatabaseOptions): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // PGlite does not guard its directory: a second process would open it too and its writes be lost.
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  let connection: PgliteConnection;
  try {
    connection = await connectPglite(dataDir, dump ?? (pgliteTemplate ? pgliteTemplateFor(dataDir) : undefined), pgliteThread);
  } catch (err) {
    unlock();
    throw err;
  }
  const db: DbExecutor = drizzlePglite({ client: connection.client, ...queryLogger(onQuery) });
  // PGlite has exactly one session, so "a dedicated connection" means exclusive use of it:
  // callers queue here, as two pool clients would queue on an advisory lock.
  let exclusive: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    unscoped: db,
    tenant: inTenant(db),
    unscopedTransaction: (fn) => db.transaction((tx) => fn(tx)),
    withConnection: (fn) => {
      const run = exclusive.then(() => fn(db));
      exclusive = run.catch(() => undefined);
      return run;
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // Without statistics the planner guesses a handful of rows per org and picks plans that read
    // every row (measured: 1-2 s per search on 100k jobs; 8-21 ms after ANALYZE).
    refreshStatistics: async () => {
      await db.execute(sql`analyze`);
    },
    close: async () => {
      try {
        await connection.close();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const poolOptions = (role?: string): pg.PoolConfig => ({
    connectionString: databaseUrl,
    max: options.poolMax,
    // One slow query must not hold a connection for long (see GUIDE: full-text search trap).
    statement_timeout: options.statementTimeoutMs,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // The server starts these sessions as the non-owner role; a missing role fails the connection loudly.
    ...(role ? { options: `-c role=${role}` } : {}),
  });
  // Two pools over one URL: organizations' work connects as hireline_app, under row-level security;
  // the owner's pool serves migrations and the few lookups that must cross organizations.
  const ownerPool = new pg.Pool(poolOptions());
  const tenantPool = new pg.Pool(poolOptions(APP_ROLE));
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  ownerPool.on('error', () => undefined);
  tenantPool.on('error', () => undefined);
  const db: DbExecutor = drizzlePg({ client: ownerPool, ...queryLogger(options.onQuery) });
  return {
    kind: 'postgres',
    unscoped: db,
    tenant: serverTenantTransactions(tenantPool, options.onQuery),
    unscopedTransaction: (fn) => db.transaction((tx) => fn(tx)),
    withConnection: async (fn) => {
      const client = await ownerPool.connect();
      try {
        return await fn(drizzlePg({ client }));
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // The server's autovacuum keeps statistics fresh.
    refreshStatistics: async () => undefined,
    close: async () => {
      await Promise.all([ownerPool.end(), tenantPool.end()]);
    },
  };
}

// SQLSTATEs that say "the database cannot serve this now", not "this request is wrong":
// query_canceled (statement_timeout), connection exceptions, too many connections, shutdown, and a
// deadlock or serialization failure (the transaction was rolled back whole, so a retry is safe).
const unavailableCodes = /^(57014|08\w{3}|53300|57P0[1-3]|40P01|40001)$/;

/** True when err (or an error it wraps) means the database is slow or unreachable, not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableCodes.test(code) || code === 'ECONNREFUSED' || code === 'ETIMEDOUT')) return true;
    if (/timeout exceeded when trying to connect|Connection terminated/.test(e.message)) return true;
  }
  return false;
}
