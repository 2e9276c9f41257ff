import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import type { RetentionService } from './retention.service.ts';

export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

/** Daily, and once at start (a process restarted more often than daily would otherwise never run it); repeating it is harmless. */
export function retentionTasks(deps: { service: Pick<RetentionService, 'run'>; everyMs?: number }): TaskDefinition[] {
  return [{
    name: 'recruiting.retention',
    everyMs: deps.everyMs ?? RETENTION_EVERY_MS,
    runAtStart: true,
    scope: 'cluster',
    run: async ({ log }) => {
      const run = await deps.service.run({ dryRun: false });
      for (const org of run.orgs) {
        if (org.anonymized > 0 || org.failed > 0) log.info({ orgId: org.orgId, anonymized: org.anonymized, failed: org.failed }, 'retention policy anonymized candidates');
      }
    },
  }];
}
