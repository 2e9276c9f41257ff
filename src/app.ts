import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from 'helmet';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { TSchema } from 'typebox';
import type { Config } from './config.ts';
import { installAuthorization, type Authenticate } from './http/auth.ts';
import { trackAllowedMethods, type RouterOptions } from './http/allowed-methods.ts';
import { createClientErrorHandler } from './http/client-errors.ts';
import { installIdempotency, type Idempotency } from './http/idempotency.ts';
import { frameworkErrorHandler, registerErrorHandling } from './http/errors.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerCookies } from './http/session-cookies.ts';
import { ProblemSchema } from './http/schemas.ts';
import { lazySerializers } from './http/serializers.ts';
import { createValidatorCompiler } from './http/validation.ts';

export interface AppDeps {
  config: Pick<Config, 'bodyLimitBytes' | 'corsOrigins'>;
  version: string;
  /** Each module's routes, registered in order; every route declares its access (src/http/auth.ts). */
  routes: FastifyPluginAsync[];
  /**
   * Shared schemas with an `$id` that modules contribute (event payloads): added at the root, because
   * `addSchema` inside a route plugin gives that plugin a schema controller of its own that drops the
   * app's validator compiler (strict formats, well-formed strings, bounds): measured, a 500 on limit=Infinity.
   */
  schemas?: readonly TSchema[];
  /** Resolves a bearer credential for every route that is not public. */
  authenticate: Authenticate;
  /** Idempotency-Key on private POSTs and public ones that opt in (src/http/idempotency.ts); without it the header is ignored. */
  idempotency?: Idempotency;
  logger: FastifyBaseLogger;
}

const requestIdPattern = /^[\w.:@-]{1,128}$/;
const routerOptions: RouterOptions = { ignoreTrailingSlash: true, maxParamLength: 200 };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.config.bodyLimitBytes,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Accept a caller's X-Request-Id when it is sane, so one id follows a request across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : uuidv7();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: createClientErrorHandler(deps.logger),
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const allowedMethods = trackAllowedMethods(app, routerOptions);

  app.setValidatorCompiler(createValidatorCompiler());
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Only JSON bodies are part of the API; anything else is a 415, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app, allowedMethods);
  app.addSchema(ProblemSchema);
  for (const schema of deps.schemas ?? []) app.addSchema(schema);

  // Helmet's headers from one middleware built at start: @fastify/helmet builds it again on every request,
  // CSP parsing included (measured: about 5 % of an uncached job page's CPU, bench/breakdown.ts).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The API reference page at /docs runs an inline bootstrap script and inline styles.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
  const origins = deps.config.corsOrigins;
  await app.register(cors, {
    origin: origins === '*' ? '*' : origins.length > 0 ? [...origins] : false,
    exposedHeaders: ['etag', 'location', 'x-request-id', 'retry-after', 'ratelimit-policy', 'ratelimit', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'idempotent-replayed'],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'x-request-id', 'x-csrf-token', 'idempotency-key'],
    // Cookie mode across origins needs credentialed requests, which browsers refuse with a wildcard origin.
    credentials: origins !== '*',
  });
  await registerCookies(app);
  await registerOpenApi(app, deps.version);
  installAuthorization(app, deps.authenticate);
  if (deps.idempotency) installIdempotency(app, deps.idempotency);
  for (const routes of deps.routes) await app.register(routes);
  return app;
}
