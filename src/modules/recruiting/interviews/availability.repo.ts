import { and, arrayOverlaps, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { interviews } from './interviews.table.ts';
import { availabilityWeekly, availabilityWindows, type WeeklyHoursRule } from './self-scheduling.table.ts';
import type { Span } from './slots.ts';

export interface WeeklyPattern {
  timeZone: string;
  hours: readonly WeeklyHoursRule[];
}

const toSpan = (row: { startAt: Date; endAt: Date }): Span => ({ start: row.startAt.getTime(), end: row.endAt.getTime() });

/** Interviewers' free windows, and the interviews that take time out of them. */
export function createAvailabilityRepo() {
  return {
    /** Replaces the person's windows with these. */
    async replace(tx: DbExecutor, orgId: string, userId: string, windows: readonly Span[], at: Date): Promise<void> {
      await tx.delete(availabilityWindows).where(and(eq(availabilityWindows.orgId, orgId), eq(availabilityWindows.userId, userId)));
      if (windows.length === 0) return;
      await tx.insert(availabilityWindows).values(windows.map((w) => ({
        id: newId('avw'), orgId, userId, startAt: new Date(w.start), endAt: new Date(w.end), createdAt: at,
      })));
    },

    /** Sets (or with null, removes) the person's weekly hours. */
    async putWeekly(tx: DbExecutor, orgId: string, userId: string, weekly: WeeklyPattern | null, at: Date): Promise<void> {
      if (!weekly) {
        await tx.delete(availabilityWeekly).where(and(eq(availabilityWeekly.orgId, orgId), eq(availabilityWeekly.userId, userId)));
        return;
      }
      const row = { timeZone: weekly.timeZone, hours: [...weekly.hours], updatedAt: at };
      await tx.insert(availabilityWeekly).values({ orgId, userId, ...row })
        .onConflictDoUpdate({ target: [availabilityWeekly.orgId, availabilityWeekly.userId], set: row });
    },

    /** Each person's weekly hours, where they have set some. */
    async weeklyOf(tx: DbExecutor, orgId: string, userIds: readonly string[]): Promise<Map<string, WeeklyPattern>> {
      const rows = await tx.select().from(availabilityWeekly).where(and(eq(availabilityWeekly.orgId, orgId), inArray(availabilityWeekly.userId, [...userIds])));
      return new Map(rows.map((r) => [r.userId, { timeZone: r.timeZone, hours: r.hours }]));
    },

    /** The person's windows ending after `since`, soonest first. */
    async of(tx: DbExecutor, orgId: string, userId: string, since: Date): Promise<Span[]> {
      const rows = await tx.select({ startAt: availabilityWindows.startAt, endAt: availabilityWindows.endAt }).from(availabilityWindows)
        .where(and(eq(availabilityWindows.orgId, orgId), eq(availabilityWindows.userId, userId), gt(availabilityWindows.endAt, since)))
        .orderBy(asc(availabilityWindows.startAt));
      return rows.map(toSpan);
    },

    /** Each person's windows that overlap `range` (a person without any gets an empty list). */
    async overlapping(tx: DbExecutor, orgId: string, userIds: readonly string[], range: Span): Promise<Span[][]> {
      const rows = await tx.select({ userId: availabilityWindows.userId, startAt: availabilityWindows.startAt, endAt: availabilityWindows.endAt })
        .from(availabilityWindows)
        .where(and(eq(availabilityWindows.orgId, orgId), inArray(availabilityWindows.userId, [...userIds]),
          lt(availabilityWindows.startAt, new Date(range.end)), gt(availabilityWindows.endAt, new Date(range.start))));
      return userIds.map((id) => rows.filter((r) => r.userId === id).map(toSpan));
    },

    /** The standing interviews of any of these people that overlap `range`, whatever application they are for. */
    async busy(tx: DbExecutor, orgId: string, userIds: readonly string[], range: Span): Promise<Span[]> {
      const rows = await tx.select({ startAt: interviews.startAt, endAt: interviews.endAt }).from(interviews)
        .where(and(eq(interviews.orgId, orgId), ne(interviews.status, 'cancelled'), arrayOverlaps(interviews.interviewerIds, [...userIds]),
          lt(interviews.startAt, new Date(range.end)), gt(interviews.endAt, new Date(range.start))));
      return rows.map(toSpan);
    },

    /** When an interview is (as it stands now: a recruiter may have moved it since it was booked). */
    async interviewSpan(tx: DbExecutor, orgId: string, interviewId: string): Promise<Span | null> {
      const [row] = await tx.select({ startAt: interviews.startAt, endAt: interviews.endAt }).from(interviews)
        .where(and(eq(interviews.orgId, orgId), eq(interviews.id, interviewId))).limit(1);
      return row ? toSpan(row) : null;
    },

    /**
     * Holds each person's booking lock until the transaction ends, in one fixed order so two bookings
     * sharing interviewers cannot deadlock: a second booking for any of them waits, then sees the first's interview.
     */
    async lockInterviewers(tx: DbExecutor, orgId: string, userIds: readonly string[]): Promise<void> {
      for (const id of [...new Set(userIds)].sort()) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`interviewer-bookings:${orgId}:${id}`}, 0))`);
      }
    },
  };
}
export type AvailabilityRepo = ReturnType<typeof createAvailabilityRepo>;
