// Candidates: one person per organization, their profile, merging and search.
export { createCandidatesRepo, type Applicant, type CandidateRow, type CandidatesRepo } from './candidates.repo.ts';
export { emailKey, nameKey, phoneKey } from './candidate-identity.ts';
export { candidateEvents } from './candidates.events.ts';
