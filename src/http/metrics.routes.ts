import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { AppError } from '../app-error.ts';
import type { Metrics } from '../infra/telemetry/metrics.ts';
import { problemRef } from './schemas.ts';

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: scrapers send it as a bearer token. Null: only scrapes from this host are answered. */
  token: string | null;
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Without a token, a scrape must come straight from this host: a reverse proxy on the same host
 * would make every visitor look local, so a forwarded request is refused too.
 */
function checkScraper(request: FastifyRequest, token: Buffer | null): void {
  if (token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    // Compared as digests: equal lengths for timingSafeEqual, and no timing signal on the token's length.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), token)) throw new AppError('unauthenticated', 'Send `Authorization: Bearer <METRICS_TOKEN>`');
    return;
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (forwarded || !loopback.has(request.socket.remoteAddress ?? '')) {
    throw new AppError('forbidden', 'Metrics are served only to this host unless METRICS_TOKEN is set; scrape with that token as a bearer');
  }
}

/**
 * The request-duration histogram for every route registered after this plugin (it is first in the
 * container's list, and skips encapsulation so the hook sits on the root), and GET /metrics.
 */
export function metricsRoutes(metrics: Metrics, options: MetricsRouteOptions): FastifyPluginAsync {
  const token = options.token ? digest(options.token) : null;
  return fp(async (app) => {
    app.addHook('onResponse', async (request, reply) => {
      // The pattern, so label values stay bounded whatever URLs callers send; unmatched ones share one.
      metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    });

    app.get('/metrics', {
      config: { access: { public: true } },
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics: request latency, outbox lag, webhook deliveries, task queue depth, process',
        description: 'Text exposition format 0.0.4. With METRICS_TOKEN set, send it as a bearer token; without it, only requests from this host (not forwarded by a proxy) are answered.',
        response: {
          200: { description: 'Prometheus text format', content: { 'text/plain': { schema: Type.String() } } },
          401: problemRef,
          403: problemRef,
        },
      },
    }, async (request, reply) => {
      checkScraper(request, token);
      const { contentType, body } = await metrics.scrape();
      return reply.type(contentType).send(body);
    });
  }, { name: 'hireline-metrics' });
}
