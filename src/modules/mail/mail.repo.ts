import { and, arrayOverlaps, desc, eq, inArray, lt, param, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { emailSettings, emailTemplates, outgoingMail } from './mail.table.ts';
import { insertRows } from '../../infra/db/insert-parts.ts';

export type OutgoingMailRow = typeof outgoingMail.$inferSelect;
export type NewOutgoingMail = typeof outgoingMail.$inferInsert;
export type TemplateRow = typeof emailTemplates.$inferSelect;
export type SettingsRow = typeof emailSettings.$inferSelect;

/** Every query runs on the executor it is given: the caller's transaction, or the unscoped one of the send task and the CLI. */
export function createMailRepo() {
  return {
    async insert(tx: DbExecutor, rows: readonly NewOutgoingMail[]): Promise<void> {
      if (rows.length > 0) await insertRows(tx, outgoingMail, rows);
    },

    async find(tx: DbExecutor, id: string): Promise<OutgoingMailRow | null> {
      const [row] = await tx.select().from(outgoingMail).where(eq(outgoingMail.id, id)).limit(1);
      return row ?? null;
    },

    /** A batch the send task took, in one read. */
    findMany(tx: DbExecutor, ids: readonly string[]): Promise<OutgoingMailRow[]> {
      return ids.length === 0 ? Promise.resolve([]) : tx.select().from(outgoingMail).where(inArray(outgoingMail.id, [...ids]));
    },

    /** Stores what the send task rendered, for the messages still waiting; their template data goes. */
    async saveRendered(tx: DbExecutor, rendered: readonly { id: string; subject: string; text: string; html: string }[]): Promise<void> {
      if (rendered.length === 0) return;
      await tx.execute(sql`update ${outgoingMail} set subject = r.subject, text_body = r.text_body, html_body = r.html_body, data = null
        from (select unnest(${param(rendered.map((r) => r.id))}::text[]) as id, unnest(${param(rendered.map((r) => r.subject))}::text[]) as subject,
                     unnest(${param(rendered.map((r) => r.text))}::text[]) as text_body, unnest(${param(rendered.map((r) => r.html))}::text[]) as html_body) as r
        where ${outgoingMail.id} = r.id and ${outgoingMail.status} = 'queued'`);
    },

    async markSent(tx: DbExecutor, ids: readonly string[], at: Date, keepBody: boolean): Promise<void> {
      if (ids.length === 0) return;
      await tx.update(outgoingMail).set({
        status: 'sent', sentAt: at, attempts: sql`${outgoingMail.attempts} + 1`, lastError: null,
        ...(keepBody ? {} : { text: null, html: null, attachments: [] }),
      }).where(inArray(outgoingMail.id, [...ids]));
    },

    async markFailedAttempt(tx: DbExecutor, id: string, error: string, final: boolean): Promise<void> {
      await tx.update(outgoingMail).set({
        attempts: sql`${outgoingMail.attempts} + 1`, lastError: error,
        // Given up: what it would have said (tokens, names) is not kept either.
        ...(final ? { status: 'failed' as const, text: null, html: null, data: null, attachments: [] } : {}),
      }).where(eq(outgoingMail.id, id));
    },

    async cancel(tx: DbExecutor, orgId: string, cancelKey: string): Promise<number> {
      const rows = await tx.update(outgoingMail).set({ status: 'cancelled', text: null, html: null, data: null, attachments: [] })
        .where(and(eq(outgoingMail.orgId, orgId), eq(outgoingMail.cancelKey, cancelKey), eq(outgoingMail.status, 'queued')))
        .returning({ id: outgoingMail.id });
      return rows.length;
    },

    /** Erasure: every message of the org about these subjects goes, sent or not (its address and subject line name the person). */
    async forget(tx: DbExecutor, orgId: string, subjectIds: readonly string[]): Promise<void> {
      if (subjectIds.length === 0) return;
      await tx.delete(outgoingMail).where(and(eq(outgoingMail.orgId, orgId), arrayOverlaps(outgoingMail.subjectIds, [...subjectIds])));
    },

    /** The local mailbox, newest first (the CLI reads it across orgs). */
    list(tx: DbExecutor, query: { to?: string; beforeId?: string; limit: number }): Promise<OutgoingMailRow[]> {
      return tx.select().from(outgoingMail).where(and(
        query.to === undefined ? undefined : eq(sql`lower(${outgoingMail.to})`, query.to.toLowerCase()),
        query.beforeId === undefined ? undefined : lt(outgoingMail.id, query.beforeId),
      )).orderBy(desc(outgoingMail.id)).limit(query.limit);
    },

    async template(tx: DbExecutor, orgId: string, key: string): Promise<TemplateRow | null> {
      const [row] = await tx.select().from(emailTemplates).where(and(eq(emailTemplates.orgId, orgId), eq(emailTemplates.key, key))).limit(1);
      return row ?? null;
    },

    /** The orgs' own versions of the templates a batch uses, in one read (across orgs: the send task's). */
    templatesOf(tx: DbExecutor, orgIds: readonly string[], keys: readonly string[]): Promise<TemplateRow[]> {
      if (orgIds.length === 0 || keys.length === 0) return Promise.resolve([]);
      return tx.select().from(emailTemplates).where(and(inArray(emailTemplates.orgId, [...orgIds]), inArray(emailTemplates.key, [...keys])));
    },

    async putTemplate(tx: DbExecutor, row: TemplateRow): Promise<TemplateRow> {
      const [saved] = await tx.insert(emailTemplates).values(row)
        .onConflictDoUpdate({ target: [emailTemplates.orgId, emailTemplates.key], set: { subject: row.subject, text: row.text, html: row.html, updatedAt: row.updatedAt } })
        .returning();
      if (!saved) throw new Error('upsert returned no row');
      return saved;
    },

    async deleteTemplate(tx: DbExecutor, orgId: string, key: string): Promise<boolean> {
      const rows = await tx.delete(emailTemplates).where(and(eq(emailTemplates.orgId, orgId), eq(emailTemplates.key, key))).returning({ key: emailTemplates.key });
      return rows.length > 0;
    },

    async settings(tx: DbExecutor, orgId: string): Promise<SettingsRow | null> {
      const [row] = await tx.select().from(emailSettings).where(eq(emailSettings.orgId, orgId)).limit(1);
      return row ?? null;
    },

    async putSettings(tx: DbExecutor, row: SettingsRow): Promise<SettingsRow> {
      const [saved] = await tx.insert(emailSettings).values(row)
        .onConflictDoUpdate({ target: emailSettings.orgId, set: { rejectionEnabled: row.rejectionEnabled, rejectionDelayMinutes: row.rejectionDelayMinutes, updatedAt: row.updatedAt } })
        .returning();
      if (!saved) throw new Error('upsert returned no row');
      return saved;
    },
  };
}
export type MailRepo = ReturnType<typeof createMailRepo>;
