// Candidates: one person per organization, their profile, merging and search.
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import { createCandidateFieldsRepo } from './candidate-fields.repo.ts';
import { createCandidateFieldsService } from './candidate-fields.service.ts';
import { createCandidatesImport } from './candidates.import.ts';
import { createCandidatesMergeRepo } from './candidates.merge.repo.ts';
import { createMergeService } from './candidates.merge.service.ts';
import { createCandidatesRepo } from './candidates.repo.ts';
import { candidatesRoutes } from './candidates.routes.ts';
import { createCandidatesSearchRepo } from './candidates.search.repo.ts';
import { createCandidatesService } from './candidates.service.ts';

export { createCandidatesRepo, profileText, type Applicant, type CandidateRow, type CandidatesRepo, type ProfileWrite } from './candidates.repo.ts';
export { emailKey, nameKey, phoneKey } from './candidate-identity.ts';
export { candidateEvents } from './candidates.events.ts';
export { visibleCandidate } from './candidates.search.repo.ts';
export { CandidateSourceSchema, CandidateSummarySchema, CustomFieldValueSchema, LinksSchema, type ImportResult } from './candidates.schemas.ts';

export interface CandidatesAreaDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  events: Pick<EventsService, 'withEvents'>;
  clock?: () => Date;
}

export function createCandidatesArea({ database, events, clock = () => new Date() }: CandidatesAreaDeps) {
  const repo = createCandidatesRepo();
  const searchRepo = createCandidatesSearchRepo();
  const fieldsRepo = createCandidateFieldsRepo();
  const service = createCandidatesService({ database, events, repo, searchRepo, fieldsRepo, clock });
  const merges = createMergeService({ database, events, repo, searchRepo, mergeRepo: createCandidatesMergeRepo(), clock });
  const fields = createCandidateFieldsService({ database, repo: fieldsRepo, clock });
  const imports = createCandidatesImport({ database, events, repo, fieldsRepo, candidates: service, clock });
  return {
    service, merges, fields, imports,
    routes: [candidatesRoutes({ candidates: service, merges, fields, imports })],
  };
}
export type CandidatesArea = ReturnType<typeof createCandidatesArea>;
