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
  /**
   * The delay before the first retry, in whole seconds (at least 1); retry n waits between
   * retryDelaySeconds·2ⁿ⁻¹ and twice that, at random, so tasks that failed together spread out.
   */
  readonly retryDelaySeconds: number;
  /** A run still active after this long is taken for crashed (its worker killed) and retried; 15 minutes by default. */
  readonly timeoutSeconds?: number;
  handle(payload: Static<S>, context: TaskContext): Promise<void>;
  /**
   * Optional: runs the tasks of one fetched batch together (one read and one write for all of them),
   * resolving with each payload's outcome in order: null when it succeeded, the error when it failed
   * (that task alone is retried). Without it, each task of the batch runs `handle` on its own.
   */
  handleBatch?(payloads: readonly Static<S>[], context: TaskContext): Promise<readonly (Error | null)[]>;
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
  /**
   * Resolves with the task's id once it is stored (committed with `tx`, when given); with a
   * singletonKey already waiting, with the waiting task's id. On PGlite, inside a transaction pass
   * `tx`: the one session is the transaction's until it ends.
   */
  enqueue<S extends TSchema>(definition: QueuedTaskDefinition<S>, payload: Static<S>, options?: EnqueueOptions): Promise<string>;
  /**
   * Stores several tasks of one kind in one statement (committed with `tx`, when given); resolves with
   * their ids in order. No singleton keys: each payload is a task of its own.
   */
  enqueueMany<S extends TSchema>(definition: QueuedTaskDefinition<S>, payloads: readonly Static<S>[], options?: Omit<EnqueueOptions, 'singletonKey'>): Promise<string[]>;
}

/** Waiting: not yet run (or not yet due). Retrying: failed, another attempt is due later. Dead: every attempt failed. */
export interface TaskCounts {
  readonly name: string;
  readonly waiting: number;
  readonly active: number;
  readonly retrying: number;
  readonly dead: number;
}

export interface TaskFailure {
  readonly id: string;
  readonly name: string;
  readonly state: 'retrying' | 'dead';
  /** Attempts made so far. */
  readonly attempts: number;
  readonly error: string;
  /** When the failed attempt started. */
  readonly lastAttemptAt: Date;
  /** When a retrying task runs next. */
  readonly nextAttemptAt: Date | null;
}

export interface TaskOverview {
  readonly tasks: readonly TaskCounts[];
  /** The most recent first. */
  readonly failures: readonly TaskFailure[];
}

/** What operators see and do: `hireline tasks` and GET /v1/admin/tasks. */
export interface TaskQueueAdmin {
  /** With orgId: only tasks whose payload names that org. */
  overview(options?: { orgId?: string; failureLimit?: number }): Promise<TaskOverview>;
  /** Queues a dead (or retrying) task to run again now; false if no such task waits in either state. */
  retry(id: string): Promise<boolean>;
  /** Drops a task that has not finished (waiting, retrying or dead); false if there is none. */
  discard(id: string): Promise<boolean>;
}
