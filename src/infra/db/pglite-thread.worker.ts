/**
 * The worker thread that owns PGlite (see pglite-thread.ts): PostgreSQL runs here in WebAssembly,
 * synchronously, so a slow statement stalls this thread and never the HTTP loop.
 */
import { parentPort } from 'node:worker_threads';
import { messages, PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { pgliteExtensions } from './pglite-extensions.ts';
import type { ThreadEnvelope, ThreadError, ThreadQueryOptions, ThreadRequest, ThreadResponse, ThreadResults, ThreadValue } from './pglite-thread-protocol.ts';

if (!parentPort) throw new Error('pglite-thread.worker.ts runs only as a worker thread');
const port = parentPort;

let database: PGlite | undefined;
/**
 * Open transactions by id: each holds PGlite's transaction lock until commit or rollback settles it.
 * Registered when the begin message arrives, so statements sent right behind it wait for `ready`.
 */
const transactions = new Map<number, { ready: Promise<Transaction>; settle: (commit: boolean) => void; done: Promise<unknown> }>();
/** Thrown into PGlite's transaction callback to make it roll back; not an error of the caller's. */
const rollbackRequested = Symbol('rollback requested');

const open = (): PGlite => {
  if (!database) throw new Error('PGlite is not open in this worker');
  return database;
};

const identity = (value: string): string => value;
const toPgliteOptions = (options: ThreadQueryOptions): QueryOptions => ({
  ...(options.rowMode ? { rowMode: options.rowMode } : {}),
  ...(options.paramTypes ? { paramTypes: options.paramTypes } : {}),
  ...(options.textOids ? { parsers: Object.fromEntries(options.textOids.map((oid) => [oid, identity])) } : {}),
});

const plain = (results: Results): ThreadResults => ({
  rows: results.rows,
  affectedRows: results.affectedRows,
  fields: results.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
});

async function executor(txId: number | undefined): Promise<Pick<Transaction, 'query' | 'exec'>> {
  if (txId === undefined) return open();
  const entry = transactions.get(txId);
  if (!entry) throw new Error(`No open transaction ${txId} (already committed or rolled back)`);
  return entry.ready;
}

function begin(txId: number): Promise<null> {
  const db = open();
  let settle: (commit: boolean) => void = () => undefined;
  const decided = new Promise<void>((commit, rollback) => {
    settle = (shouldCommit) => (shouldCommit ? commit() : rollback(rollbackRequested));
  });
  let started: (tx: Transaction) => void = () => undefined;
  let failed: (err: unknown) => void = () => undefined;
  const ready = new Promise<Transaction>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  const done = db.transaction(async (tx) => {
    started(tx);
    await decided;
  });
  // Settles ready only when BEGIN itself failed (after the callback started, ready has resolved).
  done.catch(failed);
  transactions.set(txId, { ready, settle, done });
  return ready.then(() => null);
}

async function finish(txId: number, commit: boolean): Promise<null> {
  const entry = transactions.get(txId);
  if (!entry) throw new Error(`No open transaction ${txId} (already committed or rolled back)`);
  try {
    await entry.ready;
    entry.settle(commit);
    await entry.done;
  } catch (err) {
    if (err !== rollbackRequested) throw err;
  } finally {
    transactions.delete(txId);
  }
  return null;
}

async function handle(request: ThreadRequest): Promise<ThreadValue> {
  switch (request.kind) {
    case 'open':
      database = await PGlite.create(request.dataDir, { extensions: pgliteExtensions, ...(request.loadDataDir ? { loadDataDir: request.loadDataDir } : {}) });
      return null;
    case 'query':
      return plain(await (await executor(request.txId)).query(request.text, request.params, toPgliteOptions(request.options)));
    case 'exec':
      return (await (await executor(request.txId)).exec(request.text, toPgliteOptions(request.options))).map(plain);
    case 'begin':
      return begin(request.txId);
    case 'commit':
      return finish(request.txId, true);
    case 'rollback':
      return finish(request.txId, false);
    case 'close':
      // PGlite waits for running statements and open transactions, then flushes its data directory.
      await database?.close();
      database = undefined;
      return null;
  }
}

function describe(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fromDatabase: false, fields: {} };
  const fields: ThreadError['fields'] = {};
  for (const [key, value] of Object.entries(err)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value as string | number | boolean | null;
  }
  return { name: err.name, message: err.message, stack: err.stack, fromDatabase: err instanceof messages.DatabaseError, fields };
}

const answer = (response: ThreadResponse) => {
  try {
    port.postMessage(response);
  } catch (err) {
    // A value that cannot be cloned fails its own call, not the thread.
    port.postMessage({ id: response.id, ok: false, error: describe(err) } satisfies ThreadResponse);
  }
};

port.on('message', (envelope: ThreadEnvelope) => {
  handle(envelope.request).then(
    (value) => answer({ id: envelope.id, ok: true, value }),
    (err: unknown) => answer({ id: envelope.id, ok: false, error: describe(err) }),
  );
});
port.postMessage({ ready: true });
