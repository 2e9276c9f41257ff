import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { applications } from '../applications/applications.table.ts';

export type InterviewKind = 'phone' | 'video' | 'onsite';
export type InterviewStatus = 'scheduled' | 'cancelled';

/** One interview of an application: when (with the time zone it was planned in), how, and who interviews. */
export const interviews = pgTable('interviews', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  // Copied from the application (whose job never changes), so the assigned-jobs rule needs no join;
  // the candidate is read through the application, which a merge moves.
  jobId: text('job_id').notNull(),
  kind: text('kind').$type<InterviewKind>().notNull(),
  status: text('status').$type<InterviewStatus>().notNull().default('scheduled'),
  startAt: timestamp('start_at', { withTimezone: true, mode: 'date' }).notNull(),
  endAt: timestamp('end_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** IANA name: invites show the wall-clock time where the interview was planned. */
  timeZone: text('time_zone').notNull(),
  location: text('location'),
  videoUrl: text('video_url'),
  agenda: text('agenda'),
  interviewerIds: text('interviewer_ids').array().notNull(),
  /** iCalendar SEQUENCE: bumped on every change, so calendars replace the copy they hold. */
  sequence: integer('sequence').notNull().default(0),
  organizerType: text('organizer_type').$type<'user' | 'api-key' | 'system'>().notNull(),
  organizerId: text('organizer_id'),
  cancelReason: text('cancel_reason'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('interviews_application_idx').on(t.applicationId, t.startAt, t.id),
  index('interviews_interviewers_idx').using('gin', t.interviewerIds),
  index('interviews_org_start_idx').on(t.orgId, t.startAt, t.id),
]);

/** A person's private calendar feed in one org: the URL's token is the credential, stored only as its hash. */
export const calendarFeeds = pgTable('calendar_feeds', {
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.userId] }), uniqueIndex('calendar_feeds_token_key').on(t.tokenHash)]);
