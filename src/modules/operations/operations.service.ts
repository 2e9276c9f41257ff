import type { TaskQueueAdmin } from '../../infra/queue/task-queue.ts';
import type { TaskOverviewBody } from './operations.schemas.ts';

/**
 * Tasks belong to the instance, not to an organization, so an org's owner or admin sees only the
 * tasks whose payload names their org (its emails, its extractions), counts and failures alike:
 * nothing about other tenants, not even how busy they are. The instance-wide view, sweeps included,
 * is the operator's: `hireline tasks list`.
 */
export function createOperationsService(deps: { tasks: Pick<TaskQueueAdmin, 'overview'> }) {
  return {
    async tasksOf(orgId: string): Promise<TaskOverviewBody> {
      const overview = await deps.tasks.overview({ orgId });
      return {
        tasks: [...overview.tasks],
        failures: overview.failures.map((failure) => ({
          ...failure,
          lastAttemptAt: failure.lastAttemptAt.toISOString(),
          nextAttemptAt: failure.nextAttemptAt?.toISOString() ?? null,
        })),
      };
    },
  };
}
export type OperationsService = ReturnType<typeof createOperationsService>;
