import { AppError, notFound } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { auditActor, authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { CandidateLinks } from './candidates.table.ts';
import type { CandidatesMergeRepo } from './candidates.merge.repo.ts';
import type { CandidateRow, CandidatesRepo, ProfileWrite } from './candidates.repo.ts';
import type { Candidate, DuplicatePair } from './candidates.schemas.ts';
import type { CandidatesSearchRepo } from './candidates.search.repo.ts';
import { toSummary } from './candidates.service.ts';

export interface MergeServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: CandidatesRepo;
  searchRepo: CandidatesSearchRepo;
  mergeRepo: CandidatesMergeRepo;
  clock: () => Date;
}

export interface DuplicatePosition {
  firstId: string;
  secondId: string;
}

/** The kept candidate's fields win; an empty one takes the merged candidate's value. Tags are the union. */
export function mergedProfile(kept: CandidateRow, other: CandidateRow): Partial<ProfileWrite> {
  const links: CandidateLinks = { ...other.links, ...kept.links };
  const otherLinks = [...new Set([...(kept.links.other ?? []), ...(other.links.other ?? [])])];
  if (otherLinks.length > 0) links.other = otherLinks;
  return {
    tags: [...new Set([...kept.tags, ...other.tags])],
    location: kept.location ?? other.location,
    sourceDetail: kept.sourceDetail ?? other.sourceDetail,
    links,
    customFields: { ...other.customFields, ...kept.customFields },
  };
}

export function createMergeService({ database, events, repo, searchRepo, mergeRepo, clock }: MergeServiceDeps) {
  return {
    /**
     * Merges `otherId` into `keptId` in one transaction. Merging acts on records the caller may not
     * all see (the other's applications can be on any job), so it needs whole-org reach.
     */
    async merge(principal: Principal, keptId: string, otherId: string): Promise<Candidate> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'merge candidates');
      const { orgId } = access;
      if (keptId === otherId) throw new AppError('conflict', 'A candidate cannot be merged into itself');
      return events.withEvents(orgId, async (tx, record) => {
        // Locked in id order, so two opposite merges of the same pair cannot deadlock.
        const locked = new Map<string, CandidateRow>();
        for (const id of [keptId, otherId].sort()) {
          const row = await repo.findForUpdate(tx, orgId, id);
          if (!row) throw notFound(`Candidate ${id}`);
          locked.set(id, row);
        }
        const kept = locked.get(keptId);
        const other = locked.get(otherId);
        if (!kept || !other) throw new Error('locked candidates went missing');
        for (const row of [kept, other]) {
          if (row.mergedInto) throw new AppError('conflict', `Candidate ${row.id} was already merged into ${row.mergedInto}`);
        }
        const now = clock();
        const actor = auditActor(principal.actor);
        const snapshot = { ...toSummary({ ...other, ...(await repo.contacts(tx, other.id)) }) };
        const { applicationIds } = await mergeRepo.moveAll(tx, orgId, keptId, otherId, actor, now);
        await mergeRepo.combineSearchText(tx, keptId, otherId);
        await repo.update(tx, kept, mergedProfile(kept, other), now);
        await mergeRepo.markMerged(tx, otherId, keptId, now);
        await mergeRepo.recordMerge(tx, { orgId, keptId, mergedId: otherId, actor, mergedProfile: { ...snapshot, applicationIds }, at: now });
        record({ orgId, type: 'candidate.merged', subjectId: keptId, payload: { keptId, mergedId: otherId } });
        const detail = await searchRepo.detail(tx, access, keptId);
        if (!detail) throw new Error(`candidate ${keptId} vanished inside its own transaction`);
        return { ...toSummary(detail), applications: detail.applications as Candidate['applications'] };
      });
    },

    /** Possible duplicates for review, as pairs; an org-wide list, so it needs whole-org reach. */
    async duplicates(principal: Principal, after: DuplicatePosition | undefined, limit: number): Promise<{ data: DuplicatePair[]; next: DuplicatePosition | null }> {
      const access = authorize(principal, 'candidates:read');
      requireWholeOrg(access, 'review possible duplicates');
      return database.tenant(access.orgId, async (tx) => {
        const pairs = await mergeRepo.duplicatePairs(tx, access.orgId, after, limit + 1);
        const page = pairs.slice(0, limit);
        const people = new Map((await searchRepo.withContacts(tx, access.orgId, [...new Set(page.flatMap((p) => [p.firstId, p.secondId]))]))
          .map((c) => [c.id, { id: c.id, name: c.name, emails: c.emails }]));
        const data = page.flatMap((p) => {
          const a = people.get(p.firstId);
          const b = people.get(p.secondId);
          return a && b ? [{ candidates: [a, b], reason: { nameKey: p.nameKey, phone: p.phone ?? '' } }] : [];
        });
        const last = page.at(-1);
        return { data, next: pairs.length > limit && last ? { firstId: last.firstId, secondId: last.secondId } : null };
      });
    },
  };
}
export type MergeService = ReturnType<typeof createMergeService>;
