import { createRequire } from 'node:module';

/** The slice of autocannon 8's API this bench uses (the package ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: AutocannonOptions) => PromiseLike<AutocannonResult> & { stop: () => void };

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  /** Non-2xx responses, socket errors and timeouts together: any of them makes the figures suspect. */
  failures: number;
  bytesPerSec: number;
}

/**
 * Drives `baseUrl` with `connections` keep-alive connections for `seconds`, cycling through `paths`
 * with one counter shared by all connections, so concurrent requests ask for different keys rather
 * than every connection walking the same list in lockstep.
 */
export async function drive(baseUrl: string, paths: readonly string[], connections: number, seconds: number): Promise<LoadResult> {
  if (paths.length === 0) throw new Error('no paths to request');
  let next = 0;
  const setupRequest = (request: AutocannonRequest): AutocannonRequest => {
    const path = paths[next++ % paths.length];
    return { ...request, path };
  };
  const instance = autocannon({ url: baseUrl, connections, duration: seconds, requests: [{ method: 'GET', setupRequest }] });
  // autocannon stops itself at `duration`; this guard bounds the run even if a socket hangs.
  const guard = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
  const result = await instance;
  clearTimeout(guard);
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    bytesPerSec: result.throughput.average,
  };
}
