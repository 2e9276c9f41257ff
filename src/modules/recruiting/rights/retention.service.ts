import { AppError } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { auditActor, authorize, wholeOrg, type Caller, type Principal } from '../../access/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EraseService } from './rights.erase.service.ts';
import type { RetentionPolicyRow, RetentionRepo } from './retention.repo.ts';
import {
  DEFAULT_POLICY, RETENTION_REASON, type RetentionOrgRun, type RetentionPolicy, type RetentionPolicyInput, type RetentionRun,
} from './retention.schemas.ts';

export interface RetentionServiceDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  repo: RetentionRepo;
  erasure: Pick<EraseService, 'eraseIf'>;
  audit: Pick<AuditService, 'record'>;
  log: { warn(details: object, message: string): void };
  clock: () => Date;
}

const toPolicy = (row: RetentionPolicyRow | null): RetentionPolicy => (row
  ? { enabled: row.enabled, anonymizeAfterMonths: row.anonymizeAfterMonths, keepConsentedMonths: row.keepConsentedMonths, version: row.version, updatedAt: row.updatedAt.toISOString() }
  : { ...DEFAULT_POLICY, version: 0, updatedAt: null });

/** The operator or the scheduled task: no request, so no address to audit. */
const systemOrigin = { ip: null, userAgent: null };

export function createRetentionService({ database, repo, erasure, audit, log, clock }: RetentionServiceDeps) {
  async function runOrg(orgId: string, dryRun: boolean): Promise<RetentionOrgRun> {
    const now = clock();
    const policy = toPolicy(await database.tenant(orgId, (tx) => repo.policy(tx, orgId)));
    const terms = { anonymizeAfterMonths: policy.anonymizeAfterMonths, keepConsentedMonths: policy.keepConsentedMonths };
    const due = await database.tenant(orgId, (tx) => repo.due(tx, orgId, now, terms));
    const result: RetentionOrgRun = { orgId, enabled: policy.enabled, policy: terms, due, anonymized: 0, failed: 0 };
    if (dryRun || !policy.enabled) return result;
    const caller = { principal: wholeOrg(orgId), origin: systemOrigin };
    for (const candidate of due) {
      try {
        // Re-checked with the candidate locked: one who applied again since the list was read is kept.
        const erased = await erasure.eraseIf(caller, candidate.candidateId, { reason: RETENTION_REASON }, async (tx) =>
          (await repo.due(tx, orgId, now, terms, candidate.candidateId)).length > 0);
        if (erased) result.anonymized += 1;
      } catch (err) {
        // The rows are erased; only the bytes of some files are left, and the log names their keys.
        if (!(err instanceof AppError) || err.code !== 'service-unavailable') throw err;
        log.warn({ err, orgId, candidateId: candidate.candidateId }, 'retention: candidate anonymized, but some files could not be deleted');
        result.failed += 1;
      }
    }
    return result;
  }

  return {
    async get(principal: Principal): Promise<RetentionPolicy> {
      const { orgId } = authorize(principal, 'org:manage');
      return toPolicy(await database.tenant(orgId, (tx) => repo.policy(tx, orgId)));
    },

    /**
     * Owners and admins set it, recorded in the audit log; If-Match (the version, 0 for the defaults)
     * guards against overwriting another admin's change.
     */
    async put({ principal, origin }: Caller, input: RetentionPolicyInput, acceptedVersions?: readonly number[]): Promise<RetentionPolicy> {
      const { orgId } = authorize(principal, 'org:manage');
      return database.tenant(orgId, async (tx) => {
        await repo.lock(tx, orgId);
        const current = toPolicy(await repo.policy(tx, orgId));
        if (acceptedVersions !== undefined && !acceptedVersions.includes(current.version)) {
          throw new AppError('version-conflict', `The retention policy is at version ${current.version}, not the one If-Match names; fetch it again and retry`);
        }
        const saved = toPolicy(await repo.save(tx, orgId, input, clock()));
        await audit.record({
          orgId, action: 'retention_policy.updated', actor: auditActor(principal.actor), origin, target: { type: 'retention_policy', id: orgId }, data: { ...input, version: saved.version },
        }, tx);
        return saved;
      });
    },

    /**
     * Anonymizes every due candidate (repo.due) through the erasure, as the system, with the reason
     * "retention policy" in the audit log: of one org (`orgId`), or of every org whose policy is on.
     * A disabled org's policy is only reported. Safe to repeat: an erased candidate is never due again.
     * A dry run lists the candidates and changes nothing.
     */
    async run(options: { dryRun: boolean; orgId?: string }): Promise<RetentionRun> {
      const at = clock().toISOString();
      const orgIds = options.orgId !== undefined ? [options.orgId] : await repo.enabledOrgIds(database.unscoped);
      const orgs: RetentionOrgRun[] = [];
      for (const orgId of orgIds) orgs.push(await runOrg(orgId, options.dryRun));
      return { dryRun: options.dryRun, at, orgs };
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
