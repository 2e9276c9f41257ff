import { parseJobDescription } from './jd.parser.ts';
import { jdRoutes } from './jd.routes.ts';

export { acceptPlainText, bodyText, textBodySchema } from './jd.body.ts';

export function createJdModule() {
  return { parse: parseJobDescription, routes: jdRoutes(parseJobDescription) };
}
