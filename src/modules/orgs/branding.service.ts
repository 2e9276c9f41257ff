import { AppError } from '../../app-error.ts';
import { createMemoryCache } from '../../infra/cache/memory-cache.ts';
import type { Database } from '../../infra/db/database.ts';
import { authorize, type Principal } from '../access/index.ts';
import type { BrandingRepo, BrandingRow } from './branding.repo.ts';
import type { Branding, BrandingInput } from './branding.schemas.ts';
import type { Org } from './orgs.schemas.ts';

/** What the careers pages need of an org's branding; `stamp` changes whenever it does (for cache keys and stylesheet URLs). */
export interface PublicBranding {
  logoUrl: string | null;
  accentColor: string | null;
  introText: string | null;
  stamp: string;
}

/** Another process's change shows within this long; this process's own at once. */
const PUBLIC_TTL_MS = 30_000;

/** "#AbC" → "#aabbcc"; null for anything that is not a hex colour. */
export function normalizeHexColor(value: string): string | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m?.[1]) return null;
  const hex = m[1].toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

export function createBrandingService(deps: { database: Pick<Database, 'tenant'>; repo: BrandingRepo; orgById: (orgId: string) => Promise<Org> }) {
  const { database, repo } = deps;
  const cache = createMemoryCache<PublicBranding>(10_000);

  const toBranding = (row: BrandingRow | null, org: Org): Branding => ({
    logoUrl: row?.logoUrl ?? null, accentColor: row?.accentColor ?? null, introText: row?.introText ?? null,
    privacyNoticeUrl: org.privacyNoticeUrl ?? null, updatedAt: row?.updatedAt.toISOString() ?? null,
  });

  return {
    async get(principal: Principal): Promise<Branding> {
      const { orgId } = authorize(principal, 'org:manage');
      const row = await database.tenant(orgId, (tx) => repo.find(orgId, tx));
      return toBranding(row, await deps.orgById(orgId));
    },

    /** Owners and admins replace the branding; null clears a field (its default shows). */
    async set(principal: Principal, input: BrandingInput): Promise<Branding> {
      const { orgId } = authorize(principal, 'org:manage');
      const accentColor = input.accentColor === null ? null : normalizeHexColor(input.accentColor);
      if (input.accentColor !== null && accentColor === null) {
        throw new AppError('validation-failed', 'accentColor must be a hex colour such as #1d4ed8', { fields: [{ field: 'accentColor', detail: 'must be #rgb or #rrggbb' }] });
      }
      if (input.logoUrl !== null && !/^https:\/\//i.test(input.logoUrl)) {
        throw new AppError('validation-failed', 'logoUrl must be an https URL', { fields: [{ field: 'logoUrl', detail: 'must start with https://' }] });
      }
      const introText = input.introText?.trim() || null;
      const row = await database.tenant(orgId, (tx) => repo.upsert({ orgId, logoUrl: input.logoUrl, accentColor, introText, updatedAt: new Date() }, tx));
      cache.delete(orgId);
      return toBranding(row, await deps.orgById(orgId));
    },

    /** For public pages: read through a short cache, since every careers page asks. */
    async forOrg(orgId: string): Promise<PublicBranding> {
      const hit = cache.get(orgId);
      if (hit) return hit;
      const row = await database.tenant(orgId, (tx) => repo.find(orgId, tx));
      const branding = {
        logoUrl: row?.logoUrl ?? null, accentColor: row?.accentColor ?? null, introText: row?.introText ?? null,
        stamp: row ? row.updatedAt.getTime().toString(36) : '0',
      };
      cache.set(orgId, branding, PUBLIC_TTL_MS);
      return branding;
    },
  };
}
export type BrandingService = ReturnType<typeof createBrandingService>;
