/**
 * An open-loop load at a fixed rate: request i is due at start + i/rate, sent then whether or not
 * earlier answers are back, and its latency counts from when it was due, so a slow server cannot hide
 * its queue by slowing the sender (coordinated omission). autocannon's rate mode is not this: it sends
 * each connection's share of a second in one burst at the start of the second.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PacedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface PacedResult {
  /** Answers per second over the run (all of them, whatever their status). */
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, errors and requests not sent because maxInFlight were outstanding. */
  failures: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN);

export async function pacedLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  /** Bounds the sockets; a request due while this many are outstanding is a failure, not a wait. */
  maxInFlight?: number;
  request: (n: number) => PacedRequest;
  onResponse?: (status: number, body: string) => void;
}): Promise<PacedResult> {
  const { rate, seconds } = options;
  const maxInFlight = options.maxInFlight ?? 256;
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const latencies: number[] = [];
  let failures = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();

  const send = (n: number, due: number) => new Promise<void>((resolve) => {
    const spec = options.request(n);
    const req = http.request({
      host: base.hostname, port: base.port, method: spec.method, path: spec.path, agent, timeout: 30_000,
      headers: { ...spec.headers, ...(spec.body ? { 'content-length': String(spec.body.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        latencies.push(performance.now() - due);
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) failures++;
        options.onResponse?.(status, Buffer.concat(chunks).toString('utf8'));
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      failures++;
      resolve();
    });
    req.end(spec.body);
  });

  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (inFlight >= maxInFlight) {
      failures++;
      continue;
    }
    inFlight++;
    pending.push(send(n, due).finally(() => inFlight--));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { reqPerSec: latencies.length / elapsed, p50: Math.round(percentile(sorted, 0.5)), p99: Math.round(percentile(sorted, 0.99)), failures };
}
