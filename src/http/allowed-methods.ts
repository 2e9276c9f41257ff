import type { FastifyInstance } from 'fastify';
import Router from 'find-my-way';

type Method = Router.HTTPMethod;
export type RouterOptions = Pick<Router.Config<Router.HTTPVersion.V1>, 'ignoreTrailingSlash' | 'maxParamLength'>;

const noop = () => undefined;
const isCatchAll = (url: string) => url === '*' || url === '/*';

/**
 * Mirrors every registered route in a second router of the same options, so a request Fastify found
 * no route for can be told apart: a known path asked with another method (405 with Allow) or an
 * unknown path (404). Catch-all routes (the CORS preflight `OPTIONS *`) never make a path known,
 * but their methods are allowed on every known one. Call before any route is registered.
 */
export function trackAllowedMethods(app: FastifyInstance, options: RouterOptions): (path: string) => string[] {
  const known = Router(options);
  const everywhere = Router(options);
  const methods = new Set<Method>();
  app.addHook('onRoute', (route) => {
    const list = (Array.isArray(route.method) ? route.method : [route.method]) as Method[];
    for (const method of list) {
      methods.add(method);
      (isCatchAll(route.url) ? everywhere : known).on(method, route.url, noop);
    }
  });
  return (path) => {
    const specific = [...methods].filter((m) => known.find(m, path) !== null);
    if (specific.length === 0) return [];
    const all = new Set([...specific, ...[...methods].filter((m) => everywhere.find(m, path) !== null)]);
    return [...all].sort();
  };
}
