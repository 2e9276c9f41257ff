import { Webhook } from 'standardwebhooks';
import type { StoredEvent } from '../events/index.ts';

/**
 * What a delivery carries: the event's envelope and, under `data`, its payload exactly as the
 * catalogue schema of its type and version describes it (so `data` never collides with the envelope).
 */
export function messageBody(event: StoredEvent): string {
  return JSON.stringify({
    id: event.id, type: event.type, version: event.version, orgId: event.orgId, subjectId: event.subjectId,
    timestamp: event.occurredAt.toISOString(), data: event.payload,
  });
}

/** The Standard Webhooks headers: the id is the event's, so it stays the same on every attempt. */
export function signedHeaders(secret: string, eventId: string, at: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Hireline-Webhooks/1',
    'webhook-id': eventId,
    'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(),
    'webhook-signature': new Webhook(secret).sign(eventId, at, body),
  };
}
