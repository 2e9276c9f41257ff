import type { TSchema, Static } from 'typebox';
import type { DbExecutor } from '../db/database.ts';
import type { TaskContext } from './task-runner.ts';

/**
 * A kind of one-off background work that must not be lost (an email, a résumé extraction), as modules
 * declare it in `<module>.tasks.ts`. The durable queue validates the payload against `payload`,
 * retries a failed run with exponential backoff and jitter, and moves it to the dead letters once
 * `retryLimit` retries have failed.
 */
export interface QueuedTaskDefinition<S extends TSchema = TSchema> {
  /** Unique and stable (`mail.send`): the queue's name. */
  readonly name: string;
  readonly payload: S;
  /** Retries after the first attempt. */
  readonly retryLimit: number;
  /** The delay before the first retry; each next one doubles it (with jitter). */
  readonly retryDelaySeconds: number;
  handle(payload: Static<S>, context: TaskContext): Promise<void>;
}

export interface EnqueueOptions {
  /** Inside the caller's transaction, so the task exists exactly when the change it belongs to commits. */
  tx?: DbExecutor;
  /** Not run before this time (a rejection email sent a day after the decision). */
  startAfter?: Date;
  /** At most one waiting task per key and name: enqueueing again while one waits does nothing. */
  singletonKey?: string;
}

/** Where modules put one-off work; the durable queue on the same PostgreSQL implements it. */
export interface TaskQueue {
  /** Resolves with the task's id once it is stored (committed with `tx`, when given). */
  enqueue<S extends TSchema>(definition: QueuedTaskDefinition<S>, payload: Static<S>, options?: EnqueueOptions): Promise<string>;
}
