import type { TaskDefinition } from '../../infra/queue/task-runner.ts';
import type { JobsService } from './jobs.service.ts';

export function jobsTasks(deps: { jobs: Pick<JobsService, 'closeExpired'>; expirySweepIntervalMs: number }): TaskDefinition[] {
  return [{
    name: 'jobs.close-expired',
    everyMs: deps.expirySweepIntervalMs,
    runAtStart: true,
    scope: 'cluster',
    run: async ({ log }) => {
      const closed = await deps.jobs.closeExpired();
      if (closed > 0) log.info({ closed }, 'closed jobs past validThrough');
    },
  }];
}
