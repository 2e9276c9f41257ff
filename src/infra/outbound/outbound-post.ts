import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolvePublic } from './public-address.ts';

export interface OutboundPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Hosts (as written in URLs) that may be private or plain http: tests and in-cluster receivers. */
  allowedHosts: readonly string[];
}

export interface OutboundResponse {
  status: number;
  /** The start of the body, at most 1 KB, decoded as UTF-8. */
  excerpt: string;
}

const EXCERPT_BYTES = 1024;

/**
 * POSTs once and reads at most the start of the answer. Redirects are not followed (a 3xx comes back
 * as it is). A host off the allowlist must resolve to public addresses only, and the socket connects
 * to the address that was checked (the lookup hands it over), so a second DNS answer cannot
 * point the request elsewhere. Throws RefusedHostError, or the network error, or a timeout.
 */
export async function postOnce(request: OutboundPost): Promise<OutboundResponse> {
  const url = new URL(request.url);
  const allowed = request.allowedHosts.includes(url.hostname);
  const checked = allowed ? null : await resolvePublic(url.hostname);
  const lookup: LookupFunction | undefined = checked
    ? (_host, options, callback) => {
      if (options.all) callback(null, [{ address: checked.address, family: checked.family }]);
      else callback(null, checked.address, checked.family);
    }
    : undefined;
  const client = url.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(request.timeoutMs);
  return new Promise<OutboundResponse>((resolve, reject) => {
    const req = client.request(url, {
      method: 'POST', signal, ...(lookup ? { lookup } : {}),
      headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body).toString() },
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        resolve({ status: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) done();
      });
      res.on('end', done);
      res.on('error', reject);
    });
    req.on('error', (err) => reject(signal.aborted ? new Error(`no answer within ${request.timeoutMs} ms`) : err));
    req.end(request.body);
  });
}
