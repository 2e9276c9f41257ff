import { AppError, notFound } from '../../../app-error.ts';
import type { Cache } from '../../../infra/cache/memory-cache.ts';
import type { SharedCache } from '../../../infra/cache/shared-cache.ts';
import type { EventsService, EventType } from '../../events/index.ts';
import { jobEventTypes } from '../jobs.events.ts';
import type { Job } from '../jobs.schemas.ts';
import type { PublishedJobsService, PublishedPosition } from './board.published.service.ts';
import type { Org, OrgsService } from '../../orgs/index.ts';
import { jobPostingJsonLd } from './board.jsonld.ts';
import type { BoardFacets, BoardFeed, BoardJob, BoardJobSummary, BoardQuestion, BoardSearchQuery } from './board.schemas.ts';

/** Board search as the service takes it: the page starts after `after`. */
export type BoardSearch = Omit<BoardSearchQuery, 'cursor'> & { after?: PublishedPosition };
/** A page of board search; `next` is where the following page starts, null on the last. */
export interface BoardSearchPage {
  data: BoardJobSummary[];
  next: PublishedPosition | null;
  /** On the first page: matches per location, workplace, employment type and department. */
  facets?: BoardFacets;
}
/** Every open job of a board, for a sitemap: id, public URL and last change. */
export interface BoardIndex {
  org: { name: string; slug: string };
  jobs: readonly { id: string; updatedAt: string }[];
}
type BoardAnswer = BoardSearchPage | BoardJob | BoardFeed | BoardIndex;
/** What a cached answer was built from: only the jobs' expiry matters to the cache. */
type Expiring = readonly Pick<Job, 'validThrough'>[];

/** A cached answer and the time after which it is served only while a fresh copy is built. */
export interface CachedPage {
  answer: BoardAnswer;
  freshUntil: number;
}

export interface BoardServiceDeps {
  orgs: Pick<OrgsService, 'findBySlug'>;
  published: PublishedJobsService;
  events: Pick<EventsService, 'onCommitted'>;
  /** Board answers, by org, generation and query: this process's copy, in front of `shared`. */
  pages: Cache<CachedPage>;
  /**
   * Board answers shared by every API instance (Redis), with each org's generation there, so a change
   * committed on one instance moves the key every instance reads. Unreachable, it is bypassed.
   */
  shared?: SharedCache;
  /** Slug → org (null for an unknown slug). */
  orgCache: Cache<Org | null>;
  cacheTtlMs: number;
  publicBaseUrl: string;
  /** A job's application form (recruiting owns it), and the events that change one: they move the cache's generation too. */
  applicationForm?: ApplicationForm;
}

/** Late-bound: the recruiting module is built after jobs, and jobs may not import it. */
export interface ApplicationForm {
  /** The job's questions, and the org's voluntary equal-opportunity questions (the same on every job's page). */
  forJob(orgId: string, jobId: string): Promise<{ questions: BoardQuestion[]; equalOpportunity: { id: string; label: string; choices: string[] }[] }>;
  changedBy: readonly EventType[];
}
const NO_FORM = { questions: [], equalOpportunity: [] };

const FEED_SIZE = 50;
const SITEMAP_SIZE = 50_000;
/** How long past its TTL a page may still be served while one request rebuilds it (as in Cache-Control). */
export const STALE_WHILE_REVALIDATE_MS = 60_000;
const ORG_CACHE_TTL_MS = 60_000;

/** Markdown → a short plain-text teaser for lists and feeds. */
export function summarize(markdown: string, max = 280): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/[*_`>~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).trimEnd()}…`;
}

export function createBoardService(deps: BoardServiceDeps) {
  const { pages, orgCache, cacheTtlMs, publicBaseUrl, shared } = deps;
  // Any committed change to an org's jobs moves its generation, so cached pages are never served stale
  // from this process; with a shared cache, its generation moves too and every process reads that one.
  // Without (or while it is unreachable), other processes converge within the TTL.
  const generations = new Map<string, number>();
  // A change committed while Redis was unreachable could not move the org's shared generation, so on
  // reconnection one epoch for all orgs moves instead: no page cached before the outage is served again.
  let missedBump = false;
  const bumpShared = (key: string) => {
    shared?.increment(key).catch(() => {
      missedBump = true;
    });
  };
  shared?.onReconnect(() => {
    if (!missedBump) return;
    missedBump = false;
    bumpShared('board:epoch');
  });
  const bump = (e: { orgId: string }) => {
    generations.set(e.orgId, (generations.get(e.orgId) ?? 0) + 1);
    bumpShared(`board:generation:${e.orgId}`);
  };
  // Keys are "org:generation:query"; those with a shared generation (r…) are the ones other processes read.
  const isShared = (fullKey: string) => fullKey.split(':', 2)[1]?.startsWith('r') === true;
  /** The org's generation: the shared one when it answers, else this process's. */
  async function generationOf(orgId: string): Promise<string> {
    if (shared) {
      const found = await shared.get(['board:epoch', `board:generation:${orgId}`]).catch(() => null);
      if (found) return `r${found[0] ?? 0}.${found[1] ?? 0}`;
    }
    return `m${generations.get(orgId) ?? 0}`;
  }
  deps.events.onCommitted(jobEventTypes, bump);
  if (deps.applicationForm) deps.events.onCommitted(deps.applicationForm.changedBy, bump);

  const boardUrl = (slug: string) => `${publicBaseUrl}/v1/boards/${slug}/jobs`;
  const jobUrl = (slug: string, id: string) => `${boardUrl(slug)}/${id}`;

  async function orgBySlug(slug: string): Promise<Org> {
    const key = slug;
    let org = orgCache.get(key);
    if (org === undefined) {
      org = await deps.orgs.findBySlug(slug);
      // Orgs are never renamed or removed yet, so a found one can be kept longer than pages are;
      // an unknown slug is remembered only briefly, so a new org's board appears quickly.
      orgCache.set(key, org, org ? ORG_CACHE_TTL_MS : cacheTtlMs);
    }
    if (!org) throw notFound('Board');
    return org;
  }

  // Concurrent misses on one key share one database query instead of each running it.
  const inflight = new Map<string, Promise<BoardAnswer>>();
  type Build = () => Promise<{ answer: BoardAnswer; jobs: Expiring }>;

  function rebuild(fullKey: string, build: Build): Promise<BoardAnswer> {
    const result = build().then(({ answer, jobs }) => {
      const now = Date.now();
      // validThrough is a hard limit: a page holding a job that has expired is never served, not even stale.
      const untilExpiry = Math.min(...jobs.map((j) => (j.validThrough ? Date.parse(j.validThrough) - now : Infinity)));
      // ±20 % jitter: pages built together (a cold start, a burst) do not all go stale together.
      const freshFor = Math.min(cacheTtlMs * (0.8 + Math.random() * 0.4), untilExpiry);
      if (freshFor > 0) {
        const page = { answer, freshUntil: now + freshFor };
        const keepFor = Math.min(cacheTtlMs + STALE_WHILE_REVALIDATE_MS, untilExpiry);
        pages.set(fullKey, page, keepFor);
        if (shared && isShared(fullKey)) void shared.set(`board:page:${fullKey}`, JSON.stringify({ page, expiresAt: now + keepFor }), keepFor).catch(() => undefined);
      }
      return answer;
    }).finally(() => inflight.delete(fullKey));
    inflight.set(fullKey, result);
    return result;
  }

  // Stale pages are rebuilt one at a time in the background: revalidation gives way to the readers
  // it serves instead of competing with them for the database and the CPU.
  const revalidations = new Map<string, Build>();
  let revalidating = false;
  async function drainRevalidations(): Promise<void> {
    if (revalidating) return;
    revalidating = true;
    try {
      for (let next = revalidations.entries().next(); !next.done; next = revalidations.entries().next()) {
        const [fullKey, build] = next.value;
        revalidations.delete(fullKey);
        // A job that left the board drops the page; any other failure keeps serving it until it expires.
        await rebuild(fullKey, build).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not-found') pages.delete(fullKey);
        });
      }
    } finally {
      revalidating = false;
    }
  }

  /**
   * Serves from cache; a page past its TTL is still served while one background query refreshes it, so
   * readers never wait on the database for a page they have seen, and a failing database leaves the old page up.
   * A committed change moves the generation instead, so changed data is never served stale from this process.
   * A hit is the very object that was cached, so the HTTP layer can serialize it once, not per request.
   */
  async function cached<T extends BoardAnswer>(org: Org, key: string, build: () => Promise<{ answer: T; jobs: Expiring }>): Promise<T> {
    const fullKey = `${org.id}:${await generationOf(org.id)}:${key}`;
    const hit = pages.get(fullKey) ?? await fromShared(fullKey);
    if (hit) {
      if (hit.freshUntil <= Date.now() && !inflight.has(fullKey) && !revalidations.has(fullKey)) {
        revalidations.set(fullKey, build);
        void drainRevalidations();
      }
      // Keys begin with the kind of answer (search:, job:, feed), so what was cached under one is of that kind.
      return hit.answer as T;
    }
    return (await (inflight.get(fullKey) ?? rebuild(fullKey, build))) as T;
  }


  /** Another process's page for this generation, kept here too from then on. */
  async function fromShared(fullKey: string): Promise<CachedPage | undefined> {
    if (!shared || !isShared(fullKey) || cacheTtlMs <= 0) return undefined;
    const [raw] = await shared.get([`board:page:${fullKey}`]).catch(() => [null]);
    if (!raw) return undefined;
    const { page, expiresAt } = JSON.parse(raw) as { page: CachedPage; expiresAt: number };
    pages.set(fullKey, page, expiresAt - Date.now());
    return page;
  }

  const common = (job: Job, slug: string) => ({
    id: job.id, title: job.title, department: job.department, locations: job.locations, workplace: job.workplace,
    employmentType: job.employmentType, salary: job.salary, experienceYearsMin: job.experienceYearsMin, skills: job.skills,
    validThrough: job.validThrough, publishedAt: job.publishedAt ?? job.updatedAt, url: jobUrl(slug, job.id),
  });

  return {
    async search(slug: string, query: BoardSearch): Promise<BoardSearchPage> {
      const org = await orgBySlug(slug);
      const key = `search:${JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))}`;
      return cached(org, key, async () => {
        const { salaryMin, salaryCurrency, ...rest } = query;
        const page = await deps.published.search(org.id, { ...rest, salaryMinAnnual: salaryMin, salaryCurrency: salaryCurrency?.toUpperCase() });
        const data: BoardJobSummary[] = page.jobs.map((job) => ({ ...common(job, slug), summary: summarize(job.description) }));
        return { answer: { data, next: page.next, ...(page.facets ? { facets: page.facets } : {}) }, jobs: page.jobs };
      });
    },

    /** An open job with its schema.org JobPosting. */
    async job(slug: string, id: string): Promise<BoardJob> {
      const org = await orgBySlug(slug);
      return cached(org, `job:${id}`, async () => {
        // Both reads at once: the form of an id that is no job is read for nothing, but a page waits on one round trip, not two.
        const [job, form] = await Promise.all([deps.published.get(org.id, id), deps.applicationForm?.forJob(org.id, id) ?? NO_FORM]);
        if (!job) throw notFound('Job');
        const body: BoardJob = {
          ...common(job, slug),
          description: job.description,
          questions: form.questions,
          equalOpportunity: form.equalOpportunity.map((q) => ({ ...q, voluntary: true })),
          hiringOrganization: { name: org.name, slug: org.slug },
          jsonLd: jobPostingJsonLd(job, org, jobUrl(slug, job.id)),
        };
        return { answer: body, jobs: [job] };
      });
    },

    /** The newest open jobs, for a feed. */
    async feed(slug: string): Promise<BoardFeed> {
      const org = await orgBySlug(slug);
      return cached(org, 'feed', async () => {
        const jobs = await deps.published.latest(org.id, FEED_SIZE);
        const entries = jobs.map((job) => ({ job, url: jobUrl(slug, job.id), summary: summarize(job.description, 500) }));
        const feed: BoardFeed = { org: { name: org.name, slug: org.slug }, boardUrl: boardUrl(slug), feedUrl: `${publicBaseUrl}/v1/boards/${slug}/feed.xml`, entries };
        return { answer: feed, jobs };
      });
    },

    /** Every open job (up to the 50,000 URLs one sitemap may hold), for a sitemap. */
    async index(slug: string): Promise<BoardIndex> {
      const org = await orgBySlug(slug);
      return cached(org, 'index', async () => {
        const jobs = await deps.published.index(org.id, SITEMAP_SIZE);
        return { answer: { org: { name: org.name, slug: org.slug }, jobs: jobs.map(({ id, updatedAt }) => ({ id, updatedAt })) }, jobs };
      });
    },

    /** The org behind a board slug (cached as the board's pages are); 404 for an unknown slug. */
    org: orgBySlug,
  };
}
export type BoardService = ReturnType<typeof createBoardService>;
