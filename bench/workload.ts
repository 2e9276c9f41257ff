/**
 * What the board scenarios ask for. Word classes are chosen against the synthetic generator's
 * vocabulary: common words appear in most jobs, rare ones in well under 1%, zero-hit ones in none.
 */
export const COMMON_WORDS = ['experience', 'team', 'engineer', 'customer', 'data', 'senior', 'python', 'manager', 'nurse', 'sales'];
export const RARE_WORDS = ['cobol', 'haskell', 'julia', 'elixir', 'phlebotomy', 'barista', 'forklift', 'physiotherapist', 'xero', 'ifrs'];
export const ZERO_HIT_WORDS = ['zyzzogeton', 'quidnunc', 'flibbertigibbet', 'xylograph', 'snollygoster', 'kerfuffle', 'bumfuzzle', 'lollygag'];
/** Words as people type them: a prefix of a common word, and common words with a typo (5+ letters, one or two edits). */
export const PREFIXES = ['engin', 'manag', 'pyth', 'nurs', 'custom', 'senio', 'analy', 'develo', 'kubern', 'accoun'];
export const TYPOS = ['enginer', 'managr', 'pyhton', 'nurze', 'custmer', 'senoir', 'analsyt', 'developr', 'kuberntes', 'acountant'];
const PHRASES = ['senior python', '"data engineer"', 'nurse -senior', 'react typescript', 'customer or sales', 'machine learning', 'remote', 'excel accounting'];

const LOCATIONS = ['berlin', 'germany', 'india', 'united states', 'tokyo', 'new york', 'canada', 'london', 'são paulo', 'nairobi'];
const WORKPLACES = ['remote', 'hybrid', 'onsite'];
const TYPES = ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'PER_DIEM'];
const SKILLS = ['python', 'node.js', 'postgresql', 'react', 'kubernetes', 'aws', 'excel', 'salesforce', 'figma', 'sql', 'customer service', 'project management'];
const DEPARTMENTS = ['Engineering', 'Data', 'Sales', 'Clinical', 'Logistics', 'Finance'];

/** A tiny LCG: the workload must be identical in every run so results stay comparable. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** The board scenario (b): `count` distinct search paths mixing word classes with 0–3 filters each (the list of every earlier run). */
export function searchPaths(slug: string, count = 200): string[] {
  return mixedPaths(slug, count);
}

/**
 * The board scenario (b2), a list of its own so (b) stays comparable with earlier runs: `count` searches as
 * people type them, in turn a prefix, a typo, or a common word asking for facets, each with 0–2 filters.
 */
export function typedSearchPaths(slug: string, count = 60): string[] {
  const rng = lcg(20_261_206);
  const pick = (items: readonly string[]): string => items[Math.floor(rng() * items.length)] ?? '';
  const paths = new Set<string>();
  for (let i = 0; paths.size < count && i < count * 50; i++) {
    const params = new URLSearchParams();
    const kind = i % 3;
    params.set('q', pick(kind === 0 ? PREFIXES : kind === 1 ? TYPOS : COMMON_WORDS));
    if (rng() < 0.3) params.set('location', pick(LOCATIONS));
    if (rng() < 0.2) params.set('workplace', pick(WORKPLACES));
    if (rng() < 0.2) params.set('skill', pick(SKILLS));
    if (kind === 2) params.set('facets', 'true');
    params.set('limit', '20');
    paths.add(`/v1/boards/${slug}/jobs?${params.toString()}`);
  }
  return [...paths];
}

function mixedPaths(slug: string, count: number): string[] {
  const rng = lcg(20_240_601);
  const pick = (items: readonly string[]): string => items[Math.floor(rng() * items.length)] ?? '';
  const paths = new Set<string>();
  for (let i = 0; paths.size < count && i < count * 50; i++) {
    const params = new URLSearchParams();
    const kind = i % 5;
    if (kind === 1) params.set('q', pick(COMMON_WORDS));
    else if (kind === 2) params.set('q', pick(RARE_WORDS));
    else if (kind === 3) params.set('q', pick(ZERO_HIT_WORDS));
    else if (kind === 4) params.set('q', pick(PHRASES));
    if (rng() < 0.3) params.set('location', pick(LOCATIONS));
    if (rng() < 0.2) params.set('workplace', pick(WORKPLACES));
    if (rng() < 0.15) params.set('employmentType', pick(TYPES));
    if (rng() < 0.2) params.set('skill', pick(SKILLS));
    if (rng() < 0.1) params.set('department', pick(DEPARTMENTS));
    if (rng() < 0.1) {
      // salaryMin compares within one currency; the synthetic jobs are mostly paid in USD.
      params.set('salaryMin', String(20_000 + Math.floor(rng() * 10) * 10_000));
      params.set('salaryCurrency', 'USD');
    }
    if (rng() < 0.1) params.set('postedWithinDays', String(1 + Math.floor(rng() * 30)));
    params.set('limit', '20');
    paths.add(`/v1/boards/${slug}/jobs?${params.toString()}`);
  }
  return [...paths];
}

interface SearchPage {
  data: { id: string }[];
  nextCursor: string | null;
}

async function getJson<T>(url: string): Promise<{ body: T; bytes: number }> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as T, bytes: Buffer.byteLength(text) };
}

/** Job ids for the detail scenario, from the newest pages of the board (cursor pagination). */
export async function collectJobIds(baseUrl: string, slug: string, wanted = 100): Promise<string[]> {
  const ids: string[] = [];
  let path: string | null = `/v1/boards/${slug}/jobs?limit=50`;
  while (path && ids.length < wanted) {
    const page: SearchPage = (await getJson<SearchPage>(baseUrl + path)).body;
    ids.push(...page.data.map((job) => job.id));
    path = page.nextCursor ? `/v1/boards/${slug}/jobs?limit=50&cursor=${encodeURIComponent(page.nextCursor)}` : null;
  }
  return ids.slice(0, wanted);
}

export interface PathsCheck {
  averageBytes: number;
  /** How many paths returned an empty page: the zero-hit share of the workload, for the report. */
  empty: number;
  /** Paths that did not answer 200 (e.g. a statement timeout), with the first error seen. */
  failed: number;
  firstError: string | null;
  /** Slowest single request in this sequential pass, ms: points at the query class to EXPLAIN. */
  slowest: { path: string; ms: number };
  /** Paths actually requested before the time budget ran out. */
  checked: number;
}

/**
 * Requests every path once, sequentially: shows failures before the load run (a broken workload
 * would otherwise be measured as fast errors) and yields the mean body size to size the baseline.
 * Bounded by `budgetMs` overall and 15 s per request, because a slow profile must not stall the bench.
 */
export async function checkPaths(baseUrl: string, paths: readonly string[], budgetMs = 60_000): Promise<PathsCheck> {
  let bytes = 0;
  let ok = 0;
  const check: PathsCheck = { averageBytes: 0, empty: 0, failed: 0, firstError: null, slowest: { path: '', ms: 0 }, checked: 0 };
  const deadline = Date.now() + budgetMs;
  for (const path of paths) {
    if (Date.now() > deadline) break;
    check.checked++;
    const started = performance.now();
    const result = await fetch(baseUrl + path, { signal: AbortSignal.timeout(15_000) })
      .then(async (r) => ({ status: r.status, text: await r.text() }), (err: unknown) => ({ status: 0, text: String(err) }));
    const { status, text } = result;
    const response = { ok: status === 200, status };
    const ms = performance.now() - started;
    if (ms > check.slowest.ms) check.slowest = { path, ms: Math.round(ms) };
    if (!response.ok) {
      check.failed++;
      check.firstError ??= `GET ${path} → ${response.status}: ${text.slice(0, 200)}`;
      continue;
    }
    ok++;
    bytes += Buffer.byteLength(text);
    const body = JSON.parse(text) as { data?: unknown[] };
    if (Array.isArray(body.data) && body.data.length === 0) check.empty++;
  }
  check.averageBytes = ok ? Math.round(bytes / ok) : 0;
  return check;
}
