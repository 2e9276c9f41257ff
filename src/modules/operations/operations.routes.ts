import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses } from '../../http/schemas.ts';
import { TaskOverviewSchema } from './operations.schemas.ts';
import type { OperationsService } from './operations.service.ts';

export function operationsRoutes(service: OperationsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/admin/tasks', {
      config: { access: { permission: 'tasks:read' } },
      schema: {
        tags: ['system'], summary: 'Your organization\'s background tasks: queue depth, failures and dead letters',
        description: 'Unfinished durable tasks (emails, file text extraction) whose work is for your organization, counted by task name, and the most recent failures with their error. A failed task is retried with growing delays; one whose every attempt failed is dead until an operator retries or discards it (`hireline tasks retry|discard`).',
        response: { 200: TaskOverviewSchema, ...commonErrorResponses },
      },
    }, async (request) => service.tasksOf(principalOf(request).orgId));
  };
}
