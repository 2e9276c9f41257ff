import { Type } from 'typebox';
import type { EventDefinition } from '../events/index.ts';

/** What the webhooks module records about endpoints themselves. */
export const webhookEvents = [
  {
    type: 'webhook.disabled', version: 1,
    description: 'Hireline turned a webhook endpoint off because every attempt to reach it failed for days; PATCH it with `enabled: true` once it answers again.',
    payload: Type.Object({
      endpointId: Type.String(),
      url: Type.String(),
      reason: Type.String(),
      failingSince: Type.String({ format: 'date-time' }),
    }),
  },
] as const satisfies readonly EventDefinition[];
