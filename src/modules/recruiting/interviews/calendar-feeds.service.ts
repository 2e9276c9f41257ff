import { AppError, notFound } from '../../../app-error.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, type Principal } from '../../access/index.ts';
import type { CalendarFeedsRepo } from './calendar-feeds.repo.ts';
import { feedIcs, type Person } from './interviews.ics.ts';
import { inviteParts, readAccessOf, type MemberContacts } from './interviews.people.ts';
import type { InterviewsRepo } from './interviews.repo.ts';

export interface CalendarFeedsDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  repo: CalendarFeedsRepo;
  interviews: Pick<InterviewsRepo, 'feedFor'>;
  contacts: MemberContacts;
  sender: Person;
  publicBaseUrl: string;
  clock?: () => Date;
}

/** How far back a feed reaches: recent interviews stay on the calendar a while after they happen. */
const FEED_PAST_DAYS = 30;
const FEED_MAX_ENTRIES = 1000;

function userIn(principal: Principal): { orgId: string; userId: string } {
  authorize(principal, 'candidates:read');
  const { actor } = principal;
  if (actor.kind !== 'user') throw new AppError('forbidden', 'A calendar feed is a person\'s, not an API key\'s');
  return { orgId: principal.orgId, userId: actor.userId };
}

export function createCalendarFeedsService({ database, repo, interviews, contacts, sender, publicBaseUrl, clock = () => new Date() }: CalendarFeedsDeps) {
  return {
    /** A new secret feed URL for the caller; the previous one stops working at once. */
    async rotate(principal: Principal): Promise<{ url: string; createdAt: string }> {
      const { orgId, userId } = userIn(principal);
      const { token, hash } = newSecretToken('calendarFeed');
      const now = clock();
      await database.tenant(orgId, (tx) => repo.put(tx, orgId, userId, hash, now));
      return { url: `${publicBaseUrl}/v1/calendar-feeds/${token}.ics`, createdAt: now.toISOString() };
    },

    async revoke(principal: Principal): Promise<void> {
      const { orgId, userId } = userIn(principal);
      await database.tenant(orgId, (tx) => repo.remove(tx, orgId, userId));
    },

    /**
     * The feed a token opens: its owner's interviews of the last 30 days and to come, as far as their
     * role reaches now. An unknown or revoked token, or one whose owner left the org, is a 404.
     */
    async read(token: string): Promise<string> {
      if (!looksLikeSecretToken('calendarFeed', token)) throw notFound('Calendar feed');
      const feed = await repo.findByHash(database.unscoped, hashSecretToken(token));
      if (!feed) throw notFound('Calendar feed');
      const [member] = await contacts(feed.orgId, [feed.userId]);
      const access = member ? readAccessOf(feed.orgId, member) : null;
      if (!member || !access) throw notFound('Calendar feed');
      const now = clock();
      const since = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
      const rows = await database.tenant(feed.orgId, (tx) => interviews.feedFor(tx, access, feed.userId, since, FEED_MAX_ENTRIES));
      return feedIcs(`Interviews (${member.name})`, await inviteParts(contacts, sender, feed.orgId, rows), now);
    },
  };
}
export type CalendarFeedsService = ReturnType<typeof createCalendarFeedsService>;
