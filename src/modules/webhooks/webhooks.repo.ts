import { and, asc, desc, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './webhooks.table.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;
export type EndpointPatch = Partial<Pick<EndpointRow, 'url' | 'description' | 'eventTypes' | 'enabled' | 'disabledReason' | 'failingSince' | 'secret'>>;
export type NewAttempt = Omit<typeof webhookAttempts.$inferInsert, 'id'>;

/** Every query runs on the executor it is given: the org's transaction, or the unscoped one of the delivery sweep. */
export function createWebhooksRepo() {
  return {
    async insertEndpoint(tx: DbExecutor, row: Omit<typeof webhookEndpoints.$inferInsert, 'id'>): Promise<EndpointRow> {
      const [inserted] = await tx.insert(webhookEndpoints).values({ id: newId('whep'), ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    async findEndpoint(tx: DbExecutor, orgId: string, id: string, lock = false): Promise<EndpointRow | null> {
      const query = tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id))).limit(1);
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    listEndpoints(tx: DbExecutor, orgId: string): Promise<EndpointRow[]> {
      // An org registers a handful of endpoints: one page of at most 100.
      return tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(asc(webhookEndpoints.id)).limit(100);
    },

    countEndpoints: async (tx: DbExecutor, orgId: string): Promise<number> =>
      (await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)))[0]?.n ?? 0,

    /** Every enabled endpoint of every org: the sweep's fan-out list. */
    enabledEndpoints(tx: DbExecutor): Promise<EndpointRow[]> {
      return tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true)).orderBy(asc(webhookEndpoints.id));
    },

    async updateEndpoint(tx: DbExecutor, id: string, patch: EndpointPatch, at: Date, bumpVersion = true): Promise<EndpointRow> {
      const [row] = await tx.update(webhookEndpoints)
        .set({ ...patch, updatedAt: at, ...(bumpVersion ? { version: sql`${webhookEndpoints.version} + 1` } : {}) })
        .where(eq(webhookEndpoints.id, id)).returning();
      if (!row) throw new Error(`webhook endpoint ${id} vanished`);
      return row;
    },

    /** Ends the endpoint's failing streak, if it had one; a healthy endpoint's row is neither written nor locked. */
    async clearFailing(tx: DbExecutor, id: string, at: Date): Promise<void> {
      await tx.update(webhookEndpoints)
        .set({ failingSince: null, updatedAt: at, version: sql`${webhookEndpoints.version} + 1` })
        .where(and(eq(webhookEndpoints.id, id), isNotNull(webhookEndpoints.failingSince)));
    },

    async moveCursor(tx: DbExecutor, id: string, cursor: string): Promise<void> {
      await tx.update(webhookEndpoints).set({ cursor }).where(eq(webhookEndpoints.id, id));
    },

    async deleteEndpoint(tx: DbExecutor, orgId: string, id: string): Promise<boolean> {
      const rows = await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id))).returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    /** New deliveries, due now; an event already owed to the endpoint is skipped. */
    async insertDeliveries(tx: DbExecutor, rows: Omit<typeof webhookDeliveries.$inferInsert, 'id'>[]): Promise<void> {
      if (rows.length === 0) return;
      await tx.insert(webhookDeliveries).values(rows.map((r) => ({ id: newId('whdl'), ...r }))).onConflictDoNothing();
    },

    /** Pending deliveries of enabled endpoints whose time has come, oldest first; locked, and skipped by a concurrent sweep. */
    dueDeliveries(tx: DbExecutor, now: Date, limit: number): Promise<DeliveryRow[]> {
      return tx.select().from(webhookDeliveries)
        .where(and(
          eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now),
          // A disabled endpoint's deliveries wait, untouched, until it is turned back on.
          inArray(webhookDeliveries.endpointId, tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true))),
        ))
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id)).limit(limit)
        .for('update', { skipLocked: true });
    },

    /** Pushes the deliveries' next attempt to `until`: a sweep that dies mid-request leaves them to be tried again then. */
    async lease(tx: DbExecutor, ids: readonly string[], until: Date): Promise<void> {
      if (ids.length > 0) await tx.update(webhookDeliveries).set({ nextAttemptAt: until }).where(inArray(webhookDeliveries.id, [...ids]));
    },

    async findDelivery(tx: DbExecutor, orgId: string, endpointId: string, id: string): Promise<DeliveryRow | null> {
      const [row] = await tx.select().from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id))).limit(1);
      return row ?? null;
    },

    /** Newest first, a page after `beforeId`. */
    deliveriesOf(tx: DbExecutor, orgId: string, endpointId: string, beforeId: string | undefined, limit: number): Promise<DeliveryRow[]> {
      return tx.select().from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId), beforeId ? lt(webhookDeliveries.id, beforeId) : undefined))
        .orderBy(desc(webhookDeliveries.id)).limit(limit);
    },

    async updateDelivery(tx: DbExecutor, id: string, patch: Partial<Pick<DeliveryRow, 'status' | 'attempts' | 'nextAttemptAt'>>): Promise<DeliveryRow> {
      const [row] = await tx.update(webhookDeliveries).set(patch).where(eq(webhookDeliveries.id, id)).returning();
      if (!row) throw new Error(`webhook delivery ${id} vanished`);
      return row;
    },

    async insertAttempt(tx: DbExecutor, row: NewAttempt): Promise<AttemptRow> {
      const [inserted] = await tx.insert(webhookAttempts).values({ id: newId('what'), ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    /** Every delivery counted by status, across organizations: the delivery log's outcomes, for /metrics. */
    deliveryCounts: (db: DbExecutor): Promise<{ status: string; count: number }[]> =>
      db.select({ status: webhookDeliveries.status, count: sql<number>`count(*)::int` }).from(webhookDeliveries).groupBy(webhookDeliveries.status),

    /** Drops the answers receivers gave to deliveries of events about these subjects (they may echo personal data). */
    async forgetResponses(tx: DbExecutor, orgId: string, subjectIds: readonly string[]): Promise<void> {
      if (subjectIds.length === 0) return;
      await tx.update(webhookAttempts).set({ responseExcerpt: null }).where(and(
        eq(webhookAttempts.orgId, orgId),
        inArray(webhookAttempts.deliveryId, tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.orgId, orgId), inArray(webhookDeliveries.subjectId, [...subjectIds])))),
      ));
    },

    /** The attempts of these deliveries, in order: one query for a page of deliveries. */
    attemptsOf(tx: DbExecutor, deliveryIds: readonly string[]): Promise<AttemptRow[]> {
      if (deliveryIds.length === 0) return Promise.resolve([]);
      return tx.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, [...deliveryIds])).orderBy(asc(webhookAttempts.id));
    },
  };
}
export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
