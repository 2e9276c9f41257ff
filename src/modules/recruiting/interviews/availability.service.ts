import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, type Principal } from '../../access/index.ts';
import type { AvailabilityRepo } from './availability.repo.ts';
import { invalid } from './interviews.rules.ts';
import type { Availability, AvailabilityInput } from './self-scheduling.schemas.ts';
import type { Span } from './slots.ts';

export interface AvailabilityDeps {
  database: Pick<Database, 'tenant'>;
  repo: AvailabilityRepo;
  clock?: () => Date;
}

function personIn(principal: Principal): { orgId: string; userId: string } {
  const access = authorize(principal, 'candidates:read');
  const { actor } = principal;
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Availability is a person\'s, not an API key\'s');
  return { orgId: access.orgId, userId: actor.userId };
}

/** Checks each window (400 naming each bad one) and joins those that overlap or touch, soonest first. */
export function normalizeWindows(input: AvailabilityInput['windows']): Span[] {
  const problems: FieldProblem[] = [];
  const spans = input.map((w, i) => {
    const span = { start: Date.parse(w.start), end: Date.parse(w.end) };
    if (!(span.end > span.start)) problems.push({ field: `windows.${i}.end`, detail: 'must be after start' });
    return span;
  });
  if (problems.length > 0) throw invalid('Every availability window must end after it starts', problems);
  const joined: Span[] = [];
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    const last = joined.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else joined.push({ ...span });
  }
  return joined;
}

const toAvailability = (spans: readonly Span[]): Availability => ({
  windows: spans.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
});

/** Each interviewer's own free windows, which scheduling links offer slots from. */
export function createAvailabilityService({ database, repo, clock = () => new Date() }: AvailabilityDeps) {
  return {
    /** The caller's windows that have not ended. */
    async mine(principal: Principal): Promise<Availability> {
      const { orgId, userId } = personIn(principal);
      return toAvailability(await database.tenant(orgId, (tx) => repo.of(tx, orgId, userId, clock())));
    },

    /** Replaces the caller's windows; a booking holding an interviewer's lock sees either the old set or the new one. */
    async replace(principal: Principal, input: AvailabilityInput): Promise<Availability> {
      const { orgId, userId } = personIn(principal);
      const windows = normalizeWindows(input.windows);
      const now = clock();
      return database.tenant(orgId, async (tx) => {
        await repo.lockInterviewers(tx, orgId, [userId]);
        await repo.replace(tx, orgId, userId, windows, now);
        return toAvailability(windows.filter((w) => w.end > now.getTime()));
      });
    },
  };
}
export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
