// The emails to candidates, queued by the areas in the transactions of the changes they announce.
import type { Database } from '../../../infra/db/database.ts';
import type { MailOutbox } from '../../mail/index.ts';
import { createStatusLinksRepo } from '../status/index.ts';
import { createEmailsRepo } from './emails.repo.ts';
import { createCandidateEmails } from './emails.service.ts';

export type { CandidateEmails, MailContext } from './emails.service.ts';

export function createEmailsArea(deps: {
  database: Pick<Database, 'tenant'>;
  mail: MailOutbox;
  orgName: (orgId: string) => Promise<string>;
  jobTitle: (orgId: string, jobId: string) => Promise<string | null>;
  publicBaseUrl: string;
  clock?: () => Date;
}) {
  return createCandidateEmails({ ...deps, repo: createEmailsRepo(), links: createStatusLinksRepo(), clock: deps.clock ?? (() => new Date()) });
}
