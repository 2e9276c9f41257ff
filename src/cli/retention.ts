import { AppError } from '../app-error.ts';
import type { Container } from '../container.ts';
import { wholeOrg } from '../modules/access/index.ts';
import type { RetentionRun } from '../modules/recruiting/index.ts';

export interface RetentionRunOptions {
  dryRun?: boolean;
  /** One org's slug; without it, every org whose policy is on. */
  org?: string;
}

const plural = (n: number) => `${n} candidate${n === 1 ? '' : 's'}`;

/** The run as an operator reads it: per org, the policy and each candidate by id (never by name: output is often logged). */
export function describeRetentionRun(run: RetentionRun, slugs: ReadonlyMap<string, string>): string {
  const lines = [`Retention run${run.dryRun ? ' (dry run: nothing changes)' : ''} at ${run.at}`];
  if (run.orgs.length === 0) lines.push('No organization has a retention policy turned on.');
  let total = 0;
  for (const org of run.orgs) {
    const name = slugs.get(org.orgId) ?? org.orgId;
    lines.push(`${name}: policy ${org.enabled ? 'on' : 'off'}; anonymize ${org.policy.anonymizeAfterMonths} months after the last application closed, `
      + `${org.policy.keepConsentedMonths} months after consent to be kept for future roles`);
    for (const c of org.due) lines.push(`  ${run.dryRun ? 'would anonymize' : 'due'} ${c.candidateId} (last application closed ${c.lastClosedAt})`);
    if (run.dryRun) {
      lines.push(`  ${plural(org.due.length)} would be anonymized${org.enabled ? '' : ' once the policy is on'}`);
      total += org.due.length;
    } else if (!org.enabled) {
      lines.push(`  policy off: nothing anonymized (${plural(org.due.length)} due)`);
    } else {
      lines.push(`  anonymized ${plural(org.anonymized)}${org.failed > 0 ? `; ${org.failed} of them kept files the file store could not delete (see the log)` : ''}`);
      total += org.anonymized;
    }
  }
  lines.push(`${run.dryRun ? 'Would anonymize' : 'Anonymized'} ${plural(total)} in all.`);
  return `${lines.join('\n')}\n`;
}

/** `hireline retention run`: the policy's run over one org or every org whose policy is on; an unknown slug is a not-found. */
export async function retentionRun(container: Pick<Container, 'orgs' | 'recruiting'>, options: RetentionRunOptions): Promise<{ run: RetentionRun; output: string }> {
  let orgId: string | undefined;
  if (options.org !== undefined) {
    const org = await container.orgs.findBySlug(options.org);
    if (!org) throw new AppError('not-found', `No organization with slug "${options.org}"`);
    orgId = org.id;
  }
  const run = await container.recruiting.retention.run({ dryRun: options.dryRun === true, orgId });
  const slugs = new Map<string, string>();
  for (const org of run.orgs) slugs.set(org.orgId, (await container.orgs.current(wholeOrg(org.orgId))).slug);
  return { run, output: describeRetentionRun(run, slugs) };
}
