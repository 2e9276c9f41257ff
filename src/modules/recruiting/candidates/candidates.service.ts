import { AppError, notFound } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { searchText } from '../../../infra/search/plain-text.ts';
import { authorize, requireWholeOrg, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import { emailKey } from './candidate-identity.ts';
import { applyCustomFields, checkCustomFields } from './candidate-fields.ts';
import type { CandidateFieldsRepo } from './candidate-fields.repo.ts';
import type { CandidateRow, CandidatesRepo, ContactRows, ProfileWrite } from './candidates.repo.ts';
import type {
  Candidate, CandidateListQuery, CandidatePosition, CandidateSummary, CreateCandidateInput, UpdateCandidateInput,
} from './candidates.schemas.ts';
import type { CandidateApplicationRow, CandidatesSearchRepo, ShownCandidate } from './candidates.search.repo.ts';

/**
 * How long a change may wait before incremental sync lists it: a transaction that stamped its rows
 * with an earlier updatedAt may still be committing, and a client that already moved past that time
 * would never see them. Longer than any candidate write takes, short enough to feel live.
 */
export const SYNC_SETTLE_MS = 5_000;

export interface CandidatesServiceDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: CandidatesRepo;
  searchRepo: CandidatesSearchRepo;
  fieldsRepo: CandidateFieldsRepo;
  clock: () => Date;
}

export const toSummary = (row: ShownCandidate & ContactRows): CandidateSummary => ({
  id: row.id, name: row.name, emails: row.emails, phones: row.phones, location: row.location, links: row.links, tags: row.tags,
  source: row.source, sourceDetail: row.sourceDetail, customFields: row.customFields, mergedInto: row.mergedInto,
  createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
});

const toCandidate = (row: ShownCandidate & ContactRows, applications: readonly CandidateApplicationRow[]): Candidate =>
  ({ ...toSummary(row), applications: applications as Candidate['applications'] });

export const mergedAway = (row: Pick<CandidateRow, 'id' | 'mergedInto'>): AppError =>
  new AppError('not-found', `Candidate ${row.id} was merged into ${row.mergedInto ?? ''}; use that candidate`);

/** Undefined accepts any version; otherwise the current one must be among those named (412). */
function checkVersion(current: CandidateRow, expected: readonly number[] | undefined): void {
  if (expected !== undefined && !expected.includes(current.version)) {
    throw new AppError('precondition-failed', `The candidate is at version ${current.version}; fetch it again and reapply your change`);
  }
}

export function createCandidatesService({ database, events, repo, searchRepo, fieldsRepo, clock }: CandidatesServiceDeps) {
  /** 409 naming the candidate that already holds one of these emails, unless it is `self`. */
  async function assertEmailsFree(tx: DbExecutor, orgId: string, emails: readonly string[], self?: string): Promise<void> {
    const owners = await repo.ownersOfEmails(tx, orgId, emails.map(emailKey));
    const other = owners.find((o) => o.candidateId !== self);
    if (other) throw new AppError('candidate-exists', `The email ${other.key} already belongs to candidate ${other.candidateId}`);
  }

  async function checkFields(tx: DbExecutor, orgId: string, values: CreateCandidateInput['customFields']): Promise<void> {
    if (values && Object.keys(values).length > 0) checkCustomFields(values, await fieldsRepo.list(tx, orgId));
  }

  /** Creates inside the caller's transaction: POST and each CSV row share it. */
  async function insertChecked(tx: DbExecutor, orgId: string, input: CreateCandidateInput, now: Date): Promise<CandidateRow & ContactRows> {
    await checkFields(tx, orgId, input.customFields);
    await assertEmailsFree(tx, orgId, input.emails);
    const profile: ProfileWrite = {
      name: input.name.trim(), location: input.location ?? null, links: input.links ?? {}, tags: [...new Set(input.tags ?? [])],
      source: input.source ?? 'manual', sourceDetail: input.sourceDetail ?? null, customFields: applyCustomFields({}, input.customFields ?? {}),
    };
    const { row, taken } = await repo.insert(tx, orgId, profile, input.emails, input.phones ?? [], now);
    // Someone else took the email between the check and the insert: the rollback undoes this row.
    if (taken.length > 0) await assertEmailsFree(tx, orgId, input.emails, row.id);
    return { ...row, ...(await repo.contacts(tx, row.id)) };
  }

  return {
    insertChecked,

    async create(principal: Principal, input: CreateCandidateInput): Promise<Candidate> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'add candidates by hand');
      return events.withEvents(access.orgId, async (tx, record) => {
        const row = await insertChecked(tx, access.orgId, input, clock());
        record({ orgId: access.orgId, type: 'candidate.created', subjectId: row.id, payload: { candidateId: row.id, source: row.source } });
        return toCandidate(row, []);
      });
    },

    async get(principal: Principal, id: string): Promise<Candidate> {
      const access = authorize(principal, 'candidates:read');
      const row = await database.tenant(access.orgId, (tx) => searchRepo.detail(tx, access, id));
      if (!row) throw notFound('Candidate');
      if (row.mergedInto) throw mergedAway(row);
      return toCandidate(row, row.applications);
    },

    async update(principal: Principal, id: string, input: UpdateCandidateInput, expectedVersions?: readonly number[]): Promise<Candidate> {
      const access = authorize(principal, 'candidates:write');
      const { orgId } = access;
      return events.withEvents(orgId, async (tx, record) => {
        const current = await repo.findForUpdate(tx, orgId, id);
        if (!current || !(await searchRepo.isVisible(tx, access, id))) throw notFound('Candidate');
        if (current.mergedInto) throw mergedAway(current);
        checkVersion(current, expectedVersions);
        await checkFields(tx, orgId, input.customFields);
        if (input.emails) await assertEmailsFree(tx, orgId, input.emails, id);
        const { emails, phones, customFields, tags, ...fields } = input;
        const taken = await repo.replaceContacts(tx, orgId, id, emails, phones);
        if (taken.length > 0 && emails) await assertEmailsFree(tx, orgId, emails, id);
        await repo.update(tx, current, {
          ...fields, ...(fields.name !== undefined ? { name: fields.name.trim() } : {}),
          ...(tags ? { tags: [...new Set(tags)] } : {}),
          ...(customFields ? { customFields: applyCustomFields(current.customFields, customFields) } : {}),
        }, clock());
        record({ orgId, type: 'candidate.updated', subjectId: id, payload: { candidateId: id, changed: Object.keys(input) } });
        const detail = await searchRepo.detail(tx, access, id);
        if (!detail) throw new Error(`candidate ${id} vanished inside its own transaction`);
        return toCandidate(detail, detail.applications);
      });
    },

    /**
     * A page of the org's candidates: newest first, or (updatedSince) oldest change first for sync.
     * `next` is the last row's position when more may follow, null on the last page.
     */
    async list(principal: Principal, query: CandidateListQuery): Promise<{ data: CandidateSummary[]; next: CandidatePosition | null }> {
      const access: JobAccess = authorize(principal, 'candidates:read');
      const limit = query.limit ?? 20;
      const words = query.q === undefined ? undefined : searchText(query.q, 200);
      // Nothing searchable left (only punctuation): no candidate can match.
      if (words === '') return { data: [], next: null };
      const { q: _q, updatedSince, after, ...filters } = query;
      const ids = await searchRepo.pageIds(database.unscoped, access, {
        ...filters, words, after, limit: limit + 1,
        ...(updatedSince ? { sync: { since: updatedSince, settledBefore: new Date(clock().getTime() - SYNC_SETTLE_MS) } } : {}),
      });
      const page = ids.slice(0, limit);
      const rows = await database.tenant(access.orgId, (tx) => searchRepo.withContacts(tx, access.orgId, page.map((p) => p.id)));
      const last = page.at(-1);
      return { data: rows.map(toSummary), next: ids.length > limit && last ? { at: last.at.toISOString(), id: last.id } : null };
    },
  };
}
export type CandidatesService = ReturnType<typeof createCandidatesService>;
