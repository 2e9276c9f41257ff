import { drive } from './load.ts';
import { startServer } from './processes.ts';
import type { Row } from './report.ts';
import { BENCH_SLUG, ensurePgliteSeeded } from './seed.ts';
import { searchPaths } from './workload.ts';

/** Few enough that /health alone never queues; the searches get more, so PGlite is always busy. */
const HEALTH_CONNECTIONS = 4;
const SEARCH_CONNECTIONS = 8;

/**
 * (k) Does a slow query stop the HTTP loop? /health (no database) is timed idle, then while uncached
 * board searches (each tens to thousands of ms on PGlite) keep the database busy, with PGlite in its
 * worker thread (the default) and on the main thread (PGLITE_THREAD=false) for comparison.
 */
export async function benchPgliteLoop(options: { jobCount: number; seconds: number; print: (line: string) => void }): Promise<{ rows: Row[]; notes: string[] }> {
  const dataDir = await ensurePgliteSeeded(options.jobCount);
  const searches = searchPaths(BENCH_SLUG);
  const rows: Row[] = [];
  for (const thread of [true, false]) {
    const mode = thread ? 'PGlite in a worker thread' : 'PGlite on the main thread';
    const server = await startServer('src/main.ts', ['serve'], { SEED_DEMO: 'false', LOG_LEVEL: 'warn', DATA_DIR: dataDir, BOARD_CACHE_TTL_MS: '0', PGLITE_THREAD: String(thread) },
      { readyPath: '/health', timeoutMs: 180_000 });
    try {
      // Warm PGlite's buffers first, so the mode measured first is not the one that reads from disk.
      await drive(server.url, searches, SEARCH_CONNECTIONS, 2);
      const searchAlone = await drive(server.url, searches, SEARCH_CONNECTIONS, options.seconds);
      const idle = await drive(server.url, ['/health'], HEALTH_CONNECTIONS, options.seconds);
      const [busy, search] = await Promise.all([
        drive(server.url, ['/health'], HEALTH_CONNECTIONS, options.seconds),
        drive(server.url, searches, SEARCH_CONNECTIONS, options.seconds),
      ]);
      const row = (label: string, figures: typeof idle, target: string): Row => ({ scenario: `(k) ${label}, ${mode}`, profile: 'pglite', cache: 'off', ...figures, ratio: null, target, failures: figures.failures });
      rows.push(row('/health idle', idle, 'reference for the row below'));
      rows.push(row(`/health while ${SEARCH_CONNECTIONS} connections search`, busy, `p99 ${busy.p99} ms vs ${idle.p99} ms idle (×${(busy.p99 / Math.max(idle.p99, 1)).toFixed(0)})`));
      rows.push(row('uncached board search alone', searchAlone, 'reference for the row below'));
      rows.push(row('uncached board search beside /health', search, '(the load of the /health row)'));
      options.print(`(k) ${mode}: /health p99 ${idle.p99} ms idle, ${busy.p99} ms beside searches; searches ${Math.round(searchAlone.reqPerSec)}/s alone, `
        + `${Math.round(search.reqPerSec)}/s beside /health (p99 ${searchAlone.p99} / ${search.p99} ms)`);
    } finally {
      await server.stop();
    }
  }
  return {
    rows,
    notes: [`(k) one server per mode, board cache off (BOARD_CACHE_TTL_MS=0): /health with ${HEALTH_CONNECTIONS} connections for the duration alone, `
      + `then again while ${SEARCH_CONNECTIONS} connections rotate over the board searches of (b) (measured alone first, after a 2 s warm-up); `
      + 'PGLITE_THREAD=false runs PGlite on the main thread as before.'],
  };
}
