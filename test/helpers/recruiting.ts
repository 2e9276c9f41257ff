import { createApplicationsRepo } from '../../src/modules/recruiting/applications/index.ts';
import { createCandidatesRepo, type Applicant } from '../../src/modules/recruiting/candidates/index.ts';
import { createPipelinesRepo } from '../../src/modules/recruiting/pipelines/index.ts';
import type { TestApp } from './app.ts';

const candidatesRepo = createCandidatesRepo();
const pipelinesRepo = createPipelinesRepo();
const applicationsRepo = createApplicationsRepo();

/**
 * Test set-up only: a candidate with an application to a job, written straight through the
 * repositories (no events, no HTTP), for tests of what happens after applying.
 */
export async function addApplicant(
  t: TestApp, orgId: string, jobId: string, applicant: Partial<Applicant> & { email: string }, stageIndex = 0,
): Promise<{ candidateId: string; applicationId: string; stageId: string }> {
  return t.container.database.tenant(orgId, async (tx) => {
    const now = new Date();
    const { candidateId } = await candidatesRepo.matchOrCreate(tx, orgId, { name: 'Test Applicant', source: 'board', ...applicant }, now);
    const stages = await pipelinesRepo.stagesOf(tx, orgId, jobId);
    const stage = stages[stageIndex];
    if (!stage) throw new Error(`job ${jobId} has no stage ${stageIndex}`);
    const application = await applicationsRepo.insert(tx, {
      orgId, jobId, candidateId, stageId: stage.id, source: 'board', appliedAt: now, lastActivityAt: now, updatedAt: now,
    });
    await applicationsRepo.addHistory(tx, [{ orgId, applicationId: application.id, action: 'created', actorType: 'system', toStageId: stage.id, at: now }]);
    return { candidateId, applicationId: application.id, stageId: stage.id };
  });
}
