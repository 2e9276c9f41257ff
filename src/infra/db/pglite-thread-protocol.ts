/**
 * Messages between the main thread and the worker thread that owns PGlite (pglite-thread.ts,
 * pglite-thread.worker.ts). Everything here crosses by structured clone, so no functions: a custom
 * result parser travels as the oid whose text it wants, and is applied on the main thread.
 */

/** What a query may ask for: PGlite's QueryOptions minus the parts that are functions or streams. */
export interface ThreadQueryOptions {
  rowMode?: 'array' | 'object';
  paramTypes?: number[];
  /** Result columns of these types stay text; the caller's parser for them runs on the main thread. */
  textOids?: number[];
}

export interface ThreadResults {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

export type ThreadRequest =
  | { kind: 'open'; dataDir: string; loadDataDir?: Blob }
  | { kind: 'query'; txId?: number; text: string; params: unknown[]; options: ThreadQueryOptions }
  | { kind: 'exec'; txId?: number; text: string; options: ThreadQueryOptions }
  /** Not awaited by the main thread: statements sent after it wait in the worker until BEGIN has run. */
  | { kind: 'begin'; txId: number }
  | { kind: 'commit'; txId: number }
  | { kind: 'rollback'; txId: number }
  | { kind: 'close' };

/** An error as it crossed: its message and every primitive field (code, detail, constraint, table…). */
export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  /** True for PostgreSQL's own errors, rebuilt as PGlite's DatabaseError on the main thread. */
  fromDatabase: boolean;
  fields: Record<string, string | number | boolean | null>;
}

/** A query's results, an exec's (one per statement), or nothing. */
export type ThreadValue = ThreadResults | ThreadResults[] | null;

export type ThreadResponse =
  | { id: number; ok: true; value: ThreadValue }
  | { id: number; ok: false; error: ThreadError };

export interface ThreadEnvelope { id: number; request: ThreadRequest }
