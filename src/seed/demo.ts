import { readdirSync, readFileSync } from 'node:fs';
import { AppError } from '../app-error.ts';
import type { Container } from '../container.ts';
import { wholeOrg } from '../modules/access/index.ts';
import { seedDemoApplicants } from './demo-applicants.ts';
import { syntheticJobs } from './synthetic-jobs.ts';

export const DEMO_SLUG = 'demo';
const demoPostings = new URL('../../data/demo/', import.meta.url);

export interface DemoSeedResult {
  created: boolean;
  apiKey: string | null;
  /** An admin invitation to the demo org, for the person who started it to open the recruiter console with. */
  consoleInvitation: string | null;
  published: number;
  imported: number;
  applications: number;
}

/**
 * Org `demo` with 48 fictional published jobs plus the sample postings under data/demo imported
 * (published when complete enough), 18 applicants spread over the pipelines of four of them, and an
 * admin invitation for the recruiter console.
 * Does nothing when the org already exists.
 */
export const DEMO_ADMIN_EMAIL = 'you@demo.example';

export async function seedDemo(container: Pick<Container, 'orgs' | 'jobs' | 'recruiting' | 'invitations'>): Promise<DemoSeedResult> {
  if (await container.orgs.findBySlug(DEMO_SLUG)) return { created: false, apiKey: null, consoleInvitation: null, published: 0, imported: 0, applications: 0 };
  const { org, apiKey } = await container.orgs.createOrg({ name: 'Demo Company (fictional)', slug: DEMO_SLUG });
  const published = await container.jobs.bulkPublish(org.id, syntheticJobs(48, 42));
  let imported = 0;
  for (const file of readdirSync(demoPostings).filter((f) => f.endsWith('.txt')).sort()) {
    const { job } = await container.jobs.importDescription(wholeOrg(org.id), readFileSync(new URL(file, demoPostings), 'utf8'));
    imported++;
    try {
      await container.jobs.transition(wholeOrg(org.id), job.id, 'publish');
    } catch (err) {
      // A sample that lacks what the board needs stays a draft, as a real import would.
      if (!(err instanceof AppError && err.code === 'unprocessable-job')) throw err;
    }
  }
  const { applications } = await seedDemoApplicants(container, org);
  // No account with a known password: the person who started the server picks their own through this invitation.
  const { token } = await container.invitations.create({ principal: wholeOrg(org.id), origin: { ip: null, userAgent: 'hireline demo seed' } }, { email: DEMO_ADMIN_EMAIL, role: 'admin' });
  return { created: true, apiKey, consoleInvitation: token, published, imported, applications };
}
