import type { Authenticate } from '../../http/request-context.ts';
import { parseJobDescription } from './jd.parser.ts';
import { jdRoutes } from './jd.routes.ts';

export function createJdModule() {
  return { parse: parseJobDescription, routes: (authenticate: Authenticate) => jdRoutes(parseJobDescription, authenticate) };
}
