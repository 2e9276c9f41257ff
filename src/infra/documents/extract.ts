import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentKind } from './detect.ts';
import { EXTRACTOR_ROLE, type ExtractResponse, type ExtractResult } from './extract-protocol.ts';

export type { ExtractFailure, ExtractResult } from './extract-protocol.ts';

export interface ExtractOptions {
  /** The worker is killed and the file reported as 'timeout' past this. */
  timeoutMs: number;
  /** The text is cut here. */
  maxChars: number;
}

export type ExtractText = (bytes: Uint8Array, kind: DocumentKind, options: ExtractOptions) => Promise<ExtractResult>;

export interface TextExtractor {
  extract: ExtractText;
  /** Waits for the file in progress, then ends the worker. */
  close(): Promise<void>;
}

export interface TextExtractorOptions {
  /** The worker's heap cap: a file that needs more is reported as 'too-large'. */
  memoryMb?: number;
  /** An idle worker is ended after this, giving its memory back. */
  idleMs?: number;
  /** How long the worker may take to load before extraction is reported as broken (thrown, not a file's fault). */
  startTimeoutMs?: number;
  /** The worker's entry module; tests point it at a worker that misbehaves on purpose. */
  entry?: URL;
}

type WorkerMessage = ExtractResponse | { ready: true };

/**
 * Extracts text in one reused worker thread, one file at a time. Starting a worker costs about
 * 0.3–0.4 s here (tsx plus pdf.js and mammoth), so it is kept between files and ended only when idle,
 * when a file overruns its time, or when it dies (a file past the memory cap kills it).
 */
export function createTextExtractor(options: TextExtractorOptions = {}): TextExtractor {
  const { memoryMb = 256, idleMs = 30_000, startTimeoutMs = 60_000 } = options;
  const entry = options.entry ?? new URL('./extract-worker.mjs', import.meta.url);
  let current: Promise<Worker> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;

  const discard = (worker: Worker) => {
    current = null;
    void worker.terminate();
  };

  async function spawn(): Promise<Worker> {
    // The worker lowers its own thread's priority, and Linux threads inherit it from the thread that
    // creates them: libuv's pool (files, fsync) must be started by this thread first, at its priority.
    await stat(fileURLToPath(entry));
    const worker = new Worker(entry, {
      workerData: { role: EXTRACTOR_ROLE },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 },
      // pdf.js may print about a malformed file: drained here, never mixed into the service's log.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    return new Promise<Worker>((resolve, reject) => {
      const fail = (err: Error) => {
        clearTimeout(timer);
        discard(worker);
        reject(err);
      };
      const timer = setTimeout(() => fail(new Error(`text extractor did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
      worker.once('message', () => {
        clearTimeout(timer);
        worker.removeAllListeners('error').removeAllListeners('exit');
        worker.unref();
        resolve(worker);
      });
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`text extractor exited with code ${code} while starting`)));
    });
  }

  async function run(bytes: Uint8Array, kind: DocumentKind, { timeoutMs, maxChars }: ExtractOptions): Promise<ExtractResult> {
    clearTimeout(idleTimer);
    const worker = await (current ??= spawn());
    const id = nextId++;
    // The caller keeps its bytes: a copy is moved to the worker instead of being cloned there.
    const copy = bytes.slice();
    worker.ref();
    return new Promise<ExtractResult>((resolve) => {
      let settled = false;
      const done = (result: ExtractResult, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (keep) {
          worker.unref();
          idleTimer = setTimeout(() => {
            if (current) void current.then(discard);
          }, idleMs).unref();
        } else {
          discard(worker);
        }
        resolve(result);
      };
      const onMessage = (message: WorkerMessage) => {
        if ('id' in message && message.id === id) done(message.result, true);
      };
      const onError = (err: NodeJS.ErrnoException) => done({ ok: false, reason: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-large' : 'corrupt' }, false);
      const onExit = () => done({ ok: false, reason: 'corrupt' }, false);
      const timer = setTimeout(() => done({ ok: false, reason: 'timeout' }, false), timeoutMs);
      worker.on('message', onMessage).once('error', onError).once('exit', onExit);
      worker.postMessage({ id, bytes: copy, kind, maxChars }, [copy.buffer]);
    });
  }

  return {
    extract(bytes, kind, extractOptions) {
      const result = queue.then(() => run(bytes, kind, extractOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      clearTimeout(idleTimer);
      if (current) await current.then((worker) => worker.terminate(), () => undefined);
      current = null;
    },
  };
}

let shared: TextExtractor | undefined;

/** Extracts with one process-wide extractor, started on first use. */
export const extractText: ExtractText = (bytes, kind, options) => (shared ??= createTextExtractor()).extract(bytes, kind, options);
