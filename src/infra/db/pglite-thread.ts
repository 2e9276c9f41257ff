/**
 * PGlite in a worker thread. PGlite runs PostgreSQL in WebAssembly on the thread that calls it, so
 * in-process a 1 s statement stops every request of the process for 1 s. Here the database lives in
 * pglite-thread.worker.ts and the main thread holds a client with the part of PGlite's interface that
 * drizzle's pglite driver, its migrator and pg-boss's scripts use (query, exec, transaction): SQL is
 * built and results mapped here exactly as before, only the statement runs over there.
 *
 * PGlite's own PGliteWorker is for browsers (Web Locks, BroadcastChannel, self.postMessage) and
 * sends errors back as a bare message, so it is not used.
 */
import { Worker } from 'node:worker_threads';
import { messages, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import type { ThreadEnvelope, ThreadError, ThreadQueryOptions, ThreadRequest, ThreadResponse, ThreadResults, ThreadValue } from './pglite-thread-protocol.ts';

/** The part of PGlite's interface this client offers, the same on the database and on a transaction. */
export interface PgliteThreadExecutor {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
}

export interface PgliteThreadClient extends PgliteThreadExecutor {
  /** Like PGlite's: one transaction at a time; other statements wait for it, as on PGlite's single session. */
  transaction<T>(fn: (tx: PgliteThreadExecutor & Pick<Transaction, 'rollback' | 'closed'>) => Promise<T>): Promise<T>;
  /** Waits for running statements, closes PGlite (which flushes its data directory) and ends the thread. */
  close(): Promise<void>;
}

const workerEntry = new URL('./pglite-thread-worker.mjs', import.meta.url);

/** Rebuilds an error from the worker: PostgreSQL's keep their class and fields (code, detail, constraint…). */
function rebuild(crossed: ThreadError): Error {
  const err: Error = crossed.fromDatabase ? new messages.DatabaseError(crossed.message, 0, 'error') : Object.assign(new Error(crossed.message), { name: crossed.name });
  Object.assign(err, crossed.fields);
  // The caller's stack first (where the query was sent), then where it failed in the worker.
  if (crossed.stack) err.stack = `${err.stack ?? ''}\n    -- in the PGlite thread --\n${crossed.stack}`;
  return err;
}

/** Functions cannot cross a thread: a parser is applied here to the text its type was left as. */
function threadOptions(options: QueryOptions | undefined): ThreadQueryOptions {
  if (!options) return {};
  if (options.serializers || options.blob || options.onNotice) throw new Error('PGlite thread: serializers, blob and onNotice options are not supported');
  return {
    ...(options.rowMode ? { rowMode: options.rowMode } : {}),
    ...(options.paramTypes ? { paramTypes: options.paramTypes } : {}),
    ...(options.parsers ? { textOids: Object.keys(options.parsers).map(Number) } : {}),
  };
}

function applyParsers<T>(results: ThreadResults, options: QueryOptions | undefined): Results<T> {
  const parsers = options?.parsers;
  if (parsers) {
    const arrayMode = options.rowMode === 'array';
    results.fields.forEach((field, index) => {
      const parse = parsers[field.dataTypeID];
      if (!parse) return;
      for (const row of results.rows as Record<string | number, unknown>[]) {
        const key = arrayMode ? index : field.name;
        if (typeof row[key] === 'string') row[key] = parse(row[key]);
      }
    });
  }
  return results as Results<T>;
}

/** Starts the worker and opens the database in it (an existing data directory, a new one, or a dump). */
export async function openPgliteThread(dataDir: string, loadDataDir?: Blob): Promise<PgliteThreadClient> {
  const worker = new Worker(workerEntry);
  const pending = new Map<number, { resolve: (value: ThreadValue) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let nextTxId = 1;
  let ended: Error | undefined;

  // The thread keeps the process alive only while an answer is awaited, as a socket would.
  const refresh = () => (pending.size > 0 ? worker.ref() : worker.unref());
  const failAll = (err: Error) => {
    ended ??= err;
    for (const { reject } of pending.values()) reject(err);
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PGlite thread ended before it started (exit code ${code})`)));
  });
  worker.on('message', (message: ThreadResponse | { ready: true }) => {
    if (!('id' in message)) return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    refresh();
    if (message.ok) call.resolve(message.value);
    else call.reject(rebuild(message.error));
  });
  // A dead thread must fail what waits on it, as a dropped connection would (08006: see isDatabaseUnavailable).
  worker.on('error', (err) => failAll(Object.assign(new Error(`PGlite thread failed: ${err.message}`, { cause: err }), { code: '08006' })));
  worker.on('exit', (code) => failAll(Object.assign(new Error(`PGlite thread ended (exit code ${code})`), { code: '08006' })));

  const call = (request: ThreadRequest): Promise<ThreadValue> => {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    return new Promise<ThreadValue>((resolve, reject) => {
      try {
        worker.postMessage({ id, request } satisfies ThreadEnvelope);
      } catch (err) {
        // A parameter that cannot be cloned (a function, say) fails this call only.
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      pending.set(id, { resolve, reject });
      refresh();
    });
  };

  const executor = (txId: number | undefined): PgliteThreadExecutor => ({
    query: async <T>(text: string, params: unknown[] = [], options?: QueryOptions) =>
      applyParsers<T>((await call({ kind: 'query', txId, text, params, options: threadOptions(options) })) as ThreadResults, options),
    exec: async (text: string, options?: QueryOptions) =>
      ((await call({ kind: 'exec', txId, text, options: threadOptions(options) })) as ThreadResults[]).map((results) => applyParsers(results, options)),
  });

  try {
    await ready;
    await call({ kind: 'open', dataDir, ...(loadDataDir ? { loadDataDir } : {}) });
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  return {
    ...executor(undefined),
    transaction: async (fn) => {
      const txId = nextTxId++;
      // Not awaited: the statements follow at once and wait in the worker for BEGIN, saving a round trip
      // per transaction; a failed BEGIN fails them and the commit.
      call({ kind: 'begin', txId }).catch(() => undefined);
      let closed = false;
      const end = async (commit: boolean) => {
        closed = true;
        await call({ kind: commit ? 'commit' : 'rollback', txId });
      };
      const tx = { ...executor(txId), rollback: () => end(false), get closed() { return closed; } };
      let result;
      try {
        result = await fn(tx);
      } catch (err) {
        // The caller's error is the one to report; the worker has ended the transaction either way.
        if (!closed) await end(false).catch(() => undefined);
        throw err;
      }
      // A failed COMMIT (the transaction had aborted) has ended it too: nothing to roll back.
      if (!closed) await end(true);
      return result;
    },
    close: async () => {
      if (ended) return;
      await call({ kind: 'close' });
      // Held until the thread has ended: unreferenced (nothing awaited), it would let the event loop
      // finish with the caller still awaiting close (seen once in CI, in a test's after hook).
      worker.ref();
      await worker.terminate();
    },
  };
}
