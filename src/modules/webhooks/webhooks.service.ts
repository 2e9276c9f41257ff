import { randomBytes } from 'node:crypto';
import { AppError, notFound } from '../../app-error.ts';
import type { Database } from '../../infra/db/database.ts';
import { idBoundaryAt } from '../../infra/db/ids.ts';
import { RefusedHostError, resolvePublic } from '../../infra/outbound/public-address.ts';
import { authorize, type Principal } from '../access/index.ts';
import type { AttemptRow, DeliveryRow, EndpointRow, WebhooksRepo } from './webhooks.repo.ts';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDelivery, WebhookEndpoint } from './webhooks.schemas.ts';

export interface WebhooksServiceDeps {
  database: Pick<Database, 'tenant'>;
  repo: WebhooksRepo;
  /** The event catalogue's types, which endpoints subscribe to. */
  eventTypes: readonly string[];
  allowedHosts: readonly string[];
  /** One manual attempt (the deliveries service's). */
  resend: (endpoint: EndpointRow, delivery: DeliveryRow) => Promise<DeliveryRow>;
  clock?: () => Date;
}

/** An org's endpoints are few: a bound keeps the fan-out sweep small. */
const MAX_ENDPOINTS = 20;

/** Standard Webhooks: `whsec_` and the base64 of the key bytes (32 random bytes, above the 24 the spec asks for). */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export const endpointOut = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id, url: row.url, description: row.description, eventTypes: row.eventTypes, enabled: row.enabled, disabledReason: row.disabledReason,
  failingSince: row.failingSince?.toISOString() ?? null, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
});

export const deliveryOut = (row: DeliveryRow, attempts: readonly AttemptRow[]): WebhookDelivery => ({
  id: row.id, eventId: row.eventId, eventType: row.eventType, status: row.status, attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  log: attempts.filter((a) => a.deliveryId === row.id).map((a) => ({
    id: a.id, attemptedAt: a.attemptedAt.toISOString(), statusCode: a.statusCode, latencyMs: a.latencyMs,
    responseExcerpt: a.responseExcerpt, error: a.error, succeeded: a.succeeded, manual: a.manual,
  })),
});

const refused = (detail: string) => new AppError('webhook-url-refused', detail, { fields: [{ field: 'url', detail }] });

function checkVersion(row: EndpointRow, expected: readonly number[] | undefined): void {
  if (expected === undefined || expected.includes(row.version)) return;
  throw new AppError('version-conflict', `The webhook endpoint is at version ${row.version}, not the one If-Match names; fetch it again and retry`);
}

export function createWebhooksService({ database, repo, eventTypes, allowedHosts, resend, clock = () => new Date() }: WebhooksServiceDeps) {
  /** https to a host with only public addresses; http and private addresses only for allowlisted hosts. */
  async function checkUrl(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refused('The URL is not an absolute URL');
    }
    if (url.username || url.password) throw refused('The URL must not carry a user name or password; check the signature instead');
    const allowed = allowedHosts.includes(url.hostname.toLowerCase());
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) throw refused('Webhook URLs use https (plain http only to a host on WEBHOOK_ALLOWED_HOSTS)');
    if (!allowed) {
      try {
        await resolvePublic(url.hostname);
      } catch (err) {
        if (err instanceof RefusedHostError) throw refused(`Hireline does not call ${url.hostname}: ${err.reason}`);
        throw err;
      }
    }
    return url.toString();
  }

  function checkTypes(types: readonly string[] | null | undefined): string[] | null {
    if (!types) return null;
    const unknown = types.filter((t) => !eventTypes.includes(t));
    if (unknown.length > 0) {
      throw new AppError('validation-failed', `Not in the event catalogue: ${unknown.join(', ')}`, {
        fields: unknown.map((t) => ({ field: `eventTypes.${types.indexOf(t)}`, detail: `${t} is not an event type` })),
      });
    }
    return [...types];
  }

  async function owned(orgId: string, id: string): Promise<EndpointRow> {
    const row = await database.tenant(orgId, (tx) => repo.findEndpoint(tx, orgId, id));
    if (!row) throw notFound('Webhook endpoint');
    return row;
  }

  return {
    /** Registers an endpoint; it receives the events recorded from now on. The secret is shown only in this answer. */
    async create(principal: Principal, input: CreateWebhookEndpointInput): Promise<WebhookEndpoint & { secret: string }> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      const url = await checkUrl(input.url);
      const eventTypesOf = checkTypes(input.eventTypes);
      const now = clock();
      const secret = newSecret();
      const row = await database.tenant(orgId, async (tx) => {
        if (await repo.countEndpoints(tx, orgId) >= MAX_ENDPOINTS) throw new AppError('conflict', `An org has at most ${MAX_ENDPOINTS} webhook endpoints; delete one first`);
        return repo.insertEndpoint(tx, {
          orgId, url, description: input.description ?? null, eventTypes: eventTypesOf, secret, enabled: input.enabled ?? true,
          cursor: idBoundaryAt('evt', now), createdAt: now, updatedAt: now,
        });
      });
      return { ...endpointOut(row), secret };
    },

    async list(principal: Principal): Promise<WebhookEndpoint[]> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      return (await database.tenant(orgId, (tx) => repo.listEndpoints(tx, orgId))).map(endpointOut);
    },

    async get(principal: Principal, id: string): Promise<WebhookEndpoint> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      return endpointOut(await owned(orgId, id));
    },

    /** Turning an endpoint back on clears its failure record; it then catches up on the events it missed. */
    async update(principal: Principal, id: string, input: UpdateWebhookEndpointInput, expected: readonly number[] | undefined): Promise<WebhookEndpoint> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      const url = input.url === undefined ? undefined : await checkUrl(input.url);
      const types = input.eventTypes === undefined ? undefined : checkTypes(input.eventTypes);
      return endpointOut(await database.tenant(orgId, async (tx) => {
        const current = await repo.findEndpoint(tx, orgId, id, true);
        if (!current) throw notFound('Webhook endpoint');
        checkVersion(current, expected);
        const enabling = input.enabled === true && !current.enabled;
        return repo.updateEndpoint(tx, id, {
          ...(url !== undefined ? { url } : {}),
          ...(types !== undefined ? { eventTypes: types } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(enabling ? { disabledReason: null, failingSince: null } : {}),
        }, clock());
      }));
    },

    /** A new secret at once; deliveries from now on are signed with it only. */
    async rotateSecret(principal: Principal, id: string): Promise<{ secret: string }> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      const secret = newSecret();
      await database.tenant(orgId, async (tx) => {
        if (!await repo.findEndpoint(tx, orgId, id, true)) throw notFound('Webhook endpoint');
        await repo.updateEndpoint(tx, id, { secret }, clock(), false);
      });
      return { secret };
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      if (!await database.tenant(orgId, (tx) => repo.deleteEndpoint(tx, orgId, id))) throw notFound('Webhook endpoint');
    },

    /** The endpoint's deliveries, newest first, each with its attempt log. */
    async deliveries(principal: Principal, id: string, query: { limit?: number; beforeId?: string }): Promise<{ data: WebhookDelivery[]; next: string | null }> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      const limit = query.limit ?? 20;
      return database.tenant(orgId, async (tx) => {
        if (!await repo.findEndpoint(tx, orgId, id)) throw notFound('Webhook endpoint');
        const rows = await repo.deliveriesOf(tx, orgId, id, query.beforeId, limit + 1);
        const page = rows.slice(0, limit);
        const attempts = await repo.attemptsOf(tx, page.map((r) => r.id));
        return { data: page.map((r) => deliveryOut(r, attempts)), next: rows.length > limit ? page.at(-1)?.id ?? null : null };
      });
    },

    /** Sends a delivery once more, now (logged as a manual attempt), and returns it with its log. */
    async redeliver(principal: Principal, id: string, deliveryId: string): Promise<WebhookDelivery> {
      const { orgId } = authorize(principal, 'webhooks:manage');
      const found = await database.tenant(orgId, async (tx) => {
        const endpoint = await repo.findEndpoint(tx, orgId, id);
        const delivery = endpoint ? await repo.findDelivery(tx, orgId, id, deliveryId) : null;
        return endpoint && delivery ? { endpoint, delivery } : null;
      });
      if (!found) throw notFound('Webhook delivery');
      const updated = await resend(found.endpoint, found.delivery);
      const attempts = await database.tenant(orgId, (tx) => repo.attemptsOf(tx, [updated.id]));
      return deliveryOut(updated, attempts);
    },
  };
}
export type WebhooksService = ReturnType<typeof createWebhooksService>;
