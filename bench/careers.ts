import type { LoadResult } from './load.ts';
import { startServer } from './processes.ts';
import type { Row } from './report.ts';
import { BENCH_SLUG, ensurePgliteSeeded, ensurePostgresSeeded } from './seed.ts';
import { collectJobIds, searchPaths } from './workload.ts';

/** The filters the careers search form has; the board's others (skill, salary, recency, limit) are left out of both sides. */
const FORM_FILTERS = ['q', 'location', 'workplace', 'employmentType', 'department'];

/** The board workload's searches that the careers form can make, as the careers URL and as the JSON route with the same filters. */
export function careersSearchPairs(slug: string): { careers: string[]; json: string[] } {
  const seen = new Set<string>();
  const careers: string[] = [];
  const json: string[] = [];
  for (const path of searchPaths(slug)) {
    const given = new URLSearchParams(path.split('?')[1] ?? '');
    const kept = new URLSearchParams([...given].filter(([key]) => FORM_FILTERS.includes(key)));
    const query = kept.toString();
    if (seen.has(query)) continue;
    seen.add(query);
    careers.push(`/careers/${slug}${query ? `?${query}` : ''}`);
    json.push(`/v1/boards/${slug}/jobs${query ? `?${query}` : ''}`);
  }
  return { careers, json };
}

/**
 * (j) The careers pages against the JSON board routes they render, in one server and one run: search page vs search,
 * job page vs job detail. Ratio = careers req/s over the JSON route's (target ≥ 0.7: rendering HTML may cost at most 30 %).
 */
export async function benchCareers(profile: string, env: Record<string, string>, options: {
  measure: (url: string, paths: readonly string[]) => Promise<LoadResult>;
}): Promise<{ rows: Row[]; notes: string[] }> {
  const server = await startServer('src/main.ts', ['serve'], env, { readyPath: '/health', timeoutMs: 180_000 });
  try {
    const ids = await collectJobIds(server.url, BENCH_SLUG, 100);
    const { careers, json } = careersSearchPairs(BENCH_SLUG);
    const pairs = [
      { name: 'search page', page: careers, api: json, apiName: 'board search' },
      { name: 'job page', page: ids.map((id) => `/careers/${BENCH_SLUG}/jobs/${id}`), api: ids.map((id) => `/v1/boards/${BENCH_SLUG}/jobs/${id}`), apiName: 'job detail' },
    ];
    const rows: Row[] = [];
    for (const { name, page, api, apiName } of pairs) {
      const base = await options.measure(server.url, api);
      const html = await options.measure(server.url, page);
      const ratio = base.reqPerSec > 0 ? html.reqPerSec / base.reqPerSec : 0;
      rows.push({ scenario: `(j) JSON ${apiName}, careers workload`, profile, cache: 'on', ...base, ratio: null, target: 'reference for (j)', failures: base.failures });
      rows.push({
        scenario: `(j) careers ${name} (HTML)`, profile, cache: 'on', ...html, ratio,
        target: `${ratio >= 0.7 ? 'yes' : 'NO'} (≥ 0.7× the JSON ${apiName} in this run)`, failures: html.failures,
      });
    }
    return {
      rows,
      notes: [`(j) ${careers.length} searches (the board workload's, limited to the careers form's filters) and 100 job ids; the careers and JSON routes alternate on one server `
        + '(cache on), each measured after a warm-up; the ratio column of (j) rows is to the JSON route of the row above, not to bare Fastify.'],
    };
  } finally {
    await server.stop();
  }
}

/** (j) on each profile, over the same seeded jobs as the board scenarios; a failed profile is a note, not the end of the run. */
export async function benchCareersProfiles(profiles: readonly string[], options: {
  jobCount: number;
  measure: (url: string, paths: readonly string[]) => Promise<LoadResult>;
  print: (message: string) => void;
}): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const profile of profiles) {
    options.print(`\n(j) careers pages, ${profile}`);
    const env: Record<string, string> = { SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
    try {
      if (profile === 'pglite') env.DATA_DIR = await ensurePgliteSeeded(options.jobCount);
      else env.DATABASE_URL = await ensurePostgresSeeded(options.jobCount);
      const result = await benchCareers(profile, env, options);
      rows.push(...result.rows);
      notes.push(...result.notes);
      for (const row of result.rows) options.print(`${row.scenario}: ${Math.round(row.reqPerSec)} req/s, p99 ${row.p99} ms${row.ratio === null ? '' : `, ${row.ratio.toFixed(2)}×`}`);
    } catch (err) {
      notes.push(`(j) careers, ${profile}: failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  return { rows, notes: [...new Set(notes)] };
}
