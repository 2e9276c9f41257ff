import type { TaskDefinition } from '../../infra/queue/task-runner.ts';
import type { DeliveriesService } from './deliveries.service.ts';

/** How often the sweep looks for new events and due retries: the floor of a delivery's latency. */
const SWEEP_EVERY_MS = 1_000;

export function webhooksTasks(deps: { deliveries: Pick<DeliveriesService, 'sweep'> }): TaskDefinition[] {
  return [{
    name: 'webhooks.deliver',
    everyMs: SWEEP_EVERY_MS,
    run: async ({ log, signal }) => {
      const { queued, attempted } = await deps.deliveries.sweep(undefined, signal);
      if (attempted > 0) log.info({ queued, attempted }, 'webhook deliveries attempted');
    },
  }];
}
