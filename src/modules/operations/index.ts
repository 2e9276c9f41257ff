import type { TaskQueueAdmin } from '../../infra/queue/task-queue.ts';
import { operationsRoutes } from './operations.routes.ts';
import { createOperationsService } from './operations.service.ts';

/** What an organization's admins see of the instance's machinery (today: its background tasks). */
export function createOperationsModule(deps: { tasks: Pick<TaskQueueAdmin, 'overview'> }) {
  const service = createOperationsService(deps);
  return { service, routes: operationsRoutes(service) };
}
