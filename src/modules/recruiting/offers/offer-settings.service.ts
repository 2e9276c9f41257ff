import type { Database } from '../../../infra/db/database.ts';
import { authorize, type Principal } from '../../access/index.ts';
import type { OffersRepo } from './offers.repo.ts';
import type { OfferSettings } from './offers.schemas.ts';
import { defaultApprovalMode } from './offers.service.ts';
import type { ApprovalMode } from './offers.table.ts';

/** The org's offer settings: how named approvers approve. Read by those who see candidates; set by admins. */
export function createOfferSettingsService({ database, repo, clock = () => new Date() }: { database: Pick<Database, 'tenant'>; repo: OffersRepo; clock?: () => Date }) {
  return {
    async get(principal: Principal): Promise<OfferSettings> {
      const { orgId } = authorize(principal, 'candidates:read');
      const row = await database.tenant(orgId, (tx) => repo.settings(tx, orgId));
      return { approvalMode: row?.approvalMode ?? defaultApprovalMode, updatedAt: row ? row.updatedAt.toISOString() : null };
    },

    /** Applies to offers submitted from now on; an approval under way keeps the mode it started with. */
    async put(principal: Principal, approvalMode: ApprovalMode): Promise<OfferSettings> {
      const { orgId } = authorize(principal, 'org:manage');
      const row = await database.tenant(orgId, (tx) => repo.saveSettings(tx, orgId, approvalMode, clock()));
      return { approvalMode: row.approvalMode, updatedAt: row.updatedAt.toISOString() };
    },
  };
}
export type OfferSettingsService = ReturnType<typeof createOfferSettingsService>;
