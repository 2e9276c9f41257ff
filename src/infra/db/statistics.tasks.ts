import type { TaskDefinition } from '../queue/task-runner.ts';
import type { Database } from './database.ts';

/** Statistics persist with the data; refreshing them now and then keeps plans right as jobs grow. */
export const statisticsTask = (database: Pick<Database, 'refreshStatistics'>): TaskDefinition => ({
  name: 'database.refresh-statistics',
  everyMs: 6 * 60 * 60 * 1000,
  run: () => database.refreshStatistics(),
});
