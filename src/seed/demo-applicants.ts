import { readFileSync } from 'node:fs';
import type { Container } from '../container.ts';
import { wholeOrg } from '../modules/access/index.ts';

const sampleResume = new URL('../../data/demo/sample-resume.pdf', import.meta.url);

// Fictional people; every address is on example.com, a domain reserved for examples.
const people = [
  'Ada Quill', 'Bram Osei', 'Carmen Ruiz', 'Dev Anand', 'Elin Berg', 'Farah Haddad', 'Goran Petrov', 'Hana Sato',
  'Ivo Marsh', 'Jun Park', 'Kofi Mensah', 'Lea Novak', 'Mira Das', 'Nils Ekberg', 'Omar Saleh', 'Pia Lund',
  'Quinn Roe', 'Rosa Vidal',
];

/** Where each demo application ends up: the stage it is moved to (by position), rejected, or hired. */
const outcomes = ['stay', 1, 2, 'reject', 3, 1, 'stay', 2, 'hire', 'stay', 1, 'reject', 2, 'stay', 3, 1, 'stay', 2] as const;

export interface DemoApplicantsResult {
  applications: number;
}

/**
 * Demo candidates applying to the first four published jobs with the sample résumé, through the same
 * service as the public form, then spread over the pipeline: some screened, interviewed, offered, one
 * hired, two rejected with a reason, and a note on one.
 */
export async function seedDemoApplicants(container: Pick<Container, 'jobs' | 'recruiting'>, org: { id: string; slug: string }): Promise<DemoApplicantsResult> {
  const principal = wholeOrg(org.id);
  const { recruiting } = container;
  const { data: jobs } = await container.jobs.list(principal, { status: 'published', limit: 4 });
  if (jobs.length === 0) return { applications: 0 };
  const bytes = new Uint8Array(readFileSync(sampleResume));
  const [reason] = await recruiting.pipelines.rejectionReasons.list(principal);
  let applications = 0;
  for (const [i, name] of people.entries()) {
    const job = jobs[i % jobs.length];
    if (!job) continue;
    const email = `${name.toLowerCase().replace(' ', '.')}@example.com`;
    const target = await recruiting.applying.target(org.slug, job.id);
    const { result } = await recruiting.applying.apply(target, {
      name, email, resume: { fileName: `${name.split(' ')[0]}-cv.pdf`, bytes }, consent: true, answers: {},
    });
    applications++;
    const outcome = outcomes[i] ?? 'stay';
    if (outcome === 'stay') continue;
    const stages = await recruiting.pipelines.stagesForJob(principal, job.id);
    const act = recruiting.applications.actions.act;
    if (outcome === 'reject' && reason) await act(principal, result.applicationId, { kind: 'reject', reasonId: reason.id, note: null });
    else if (outcome === 'hire') {
      const hired = stages.find((s) => s.kind === 'hired');
      if (hired) await act(principal, result.applicationId, { kind: 'move', stageId: hired.id });
    } else if (typeof outcome === 'number') {
      const stage = stages[outcome];
      if (stage) await act(principal, result.applicationId, { kind: 'move', stageId: stage.id });
    }
    if (i === 2) {
      const { candidateId } = await recruiting.applications.service.get(principal, result.applicationId);
      await recruiting.notes.service.create(principal, candidateId, { body: 'Strong API design answers in the screen; schedule the system design interview.', visibility: 'team' });
    }
  }
  return { applications };
}
