import type { Database } from '../../../infra/db/database.ts';
import type { IdempotencyStore } from '../../../infra/idempotency/index.ts';
import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';

/** A key answers retries for a day: long past any client's retry window, short enough to keep the table small. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const BATCH = 1_000;

export function applyingTasks(deps: {
  database: Pick<Database, 'unscopedTransaction'>;
  idempotency: IdempotencyStore;
  clock: () => Date;
  everyMs?: number;
}): TaskDefinition[] {
  return [{
    name: 'recruiting.idempotency-sweep',
    everyMs: deps.everyMs ?? 60 * 60 * 1000,
    scope: 'cluster',
    run: async ({ signal, log }) => {
      const before = new Date(deps.clock().getTime() - IDEMPOTENCY_TTL_MS);
      let swept = 0;
      // Short transactions, one batch each: a big backlog never holds locks for long.
      for (;;) {
        const deleted = await deps.database.unscopedTransaction((tx) => deps.idempotency.sweep(tx, before, BATCH));
        swept += deleted;
        if (deleted < BATCH || signal.aborted) break;
      }
      if (swept > 0) log.info({ swept }, 'deleted idempotency keys older than a day');
    },
  }];
}
