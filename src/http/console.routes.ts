import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AppError } from '../app-error.ts';

/** Where `npm run build:web` writes the recruiter console (web/vite.config.ts). */
export const consoleBuildDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Stricter than the app-wide policy (which lets /docs run inline code): the console's script and
 * stylesheet come from this server only, and it talks to this server only.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const mediaTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.json': 'application/json',
};

interface Asset {
  body: Buffer;
  type: string;
}

/** The build's files under assets/ (content-hashed names), read once: a few hundred KB held in memory. */
function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const assetsDir = path.join(dir, 'assets');
  if (!existsSync(assetsDir)) return assets;
  for (const name of readdirSync(assetsDir)) {
    assets.set(name, { body: readFileSync(path.join(assetsDir, name)), type: mediaTypes[path.extname(name)] ?? 'application/octet-stream' });
  }
  return assets;
}

/**
 * Serves the recruiter console at /app: built files under /app/assets/, and index.html for every other
 * path below /app, where the app's client-side router takes over. Without a build, /app answers a 503
 * problem saying how to make one, rather than a blank page.
 */
export function consoleRoutes(options: { buildDir?: string } = {}): FastifyPluginAsync {
  const dir = options.buildDir ?? consoleBuildDir;
  return async (app) => {
    const indexFile = path.join(dir, 'index.html');
    const index = existsSync(indexFile) ? readFileSync(indexFile) : null;
    const assets = readAssets(dir);
    if (!index) app.log.warn({ dir }, 'the recruiter console is not built: /app answers 503 until `npm run build:web` runs');

    const open = { access: { public: true } } as const;
    const page = async (_request: unknown, reply: FastifyReply) => {
      if (!index) throw new AppError('service-unavailable', 'The recruiter console is not built: run `npm run build:web` (npm install runs it), then restart the server.');
      // index.html names the current build's files: always ask again, so a deploy is picked up at once.
      return reply.header('content-security-policy', consoleContentSecurityPolicy).header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8').send(index);
    };
    app.get('/app', { config: open, schema: { hide: true } }, page);
    app.get('/app/*', { config: open, schema: { hide: true } }, page);
    app.get<{ Params: { name: string } }>('/app/assets/:name', { config: open, schema: { hide: true } }, async (request, reply) => {
      const asset = assets.get(request.params.name);
      if (!asset) throw new AppError('not-found', `The console has no file ${request.params.name}`);
      return reply.header('content-security-policy', consoleContentSecurityPolicy).header('cache-control', 'public, max-age=31536000, immutable')
        .type(asset.type).send(asset.body);
    });
  };
}
