import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { applications } from '../applications/applications.table.ts';
import type { InterviewKind } from './interviews.table.ts';

/** One span of time in which a member is free to interview; PUT /v1/me/availability replaces a person's set. */
export const availabilityWindows = pgTable('availability_windows', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull(),
  startAt: timestamp('start_at', { withTimezone: true, mode: 'date' }).notNull(),
  endAt: timestamp('end_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('availability_windows_user_idx').on(t.orgId, t.userId, t.startAt)]);

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
/** One stretch of a weekday, in wall-clock `HH:MM` (end may be `24:00`). */
export interface WeeklyHoursRule {
  day: Weekday;
  start: string;
  end: string;
}

/** A member's recurring hours: each week, these wall-clock hours in their IANA zone (DST moves them with the clock). */
export const availabilityWeekly = pgTable('availability_weekly', {
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull(),
  timeZone: text('time_zone').notNull(),
  hours: jsonb('hours').$type<WeeklyHoursRule[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.userId] })]);

export type SchedulingLinkStatus = 'open' | 'booked' | 'revoked';

/**
 * A link a candidate books one interview through. The URL's token is the credential, stored only as its
 * hash; it stops working at `expires_at`, once revoked, and once booked.
 */
export const schedulingLinks = pgTable('scheduling_links', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  jobId: text('job_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  status: text('status').$type<SchedulingLinkStatus>().notNull().default('open'),
  interviewerIds: text('interviewer_ids').array().notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  kind: text('kind').$type<InterviewKind>().notNull(),
  location: text('location'),
  videoUrl: text('video_url'),
  agenda: text('agenda'),
  /** The span the candidate may pick from. */
  rangeStart: timestamp('range_start', { withTimezone: true, mode: 'date' }).notNull(),
  rangeEnd: timestamp('range_end', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  interviewId: text('interview_id'),
  createdByType: text('created_by_type').$type<'user' | 'api-key' | 'system'>().notNull(),
  createdById: text('created_by_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('scheduling_links_token_key').on(t.tokenHash),
  index('scheduling_links_application_idx').on(t.applicationId, t.createdAt, t.id),
]);
