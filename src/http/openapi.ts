import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { errorCodes } from '../app-error.ts';
import { problemType, problemTypes } from './problem-types.ts';

const problemTable = errorCodes.map((c) => `| \`${problemType(c)}\` | ${problemTypes[c].status} | ${problemTypes[c].title} |`).join('\n');

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hireline API',
        version,
        description: `Job board and applicant tracking.\n\nEvery error is \`application/problem+json\` (RFC 9457):\n\n| type | status | title |\n|---|---|---|\n${problemTable}`,
      },
      components: {
        securitySchemes: {
          accessToken: {
            type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
            description: 'A user\'s access token from `POST /v1/auth/login` (EdDSA JWT, 10 minutes; keys at `/.well-known/jwks.json`). Requirements list the permission a route needs; `GET /v1/me` shows your role.',
          },
          apiKey: {
            type: 'http', scheme: 'bearer',
            description: 'An organization API key, `hl_…`, from `POST /v1/api-keys` or `hireline org create`. Requirements list the scope a route needs.',
          },
        },
      },
      tags: [
        { name: 'jobs', description: 'Job openings of your organization' },
        { name: 'job-descriptions', description: 'Turn raw job-description text into structured fields' },
        { name: 'board', description: 'Public job board: no authentication' },
        { name: 'events', description: 'Domain events of your organization' },
        { name: 'identity', description: 'Accounts, sessions, members, API keys and the audit log' },
        { name: 'system', description: 'Health and readiness' },
      ],
    },
    // Name components after their $id rather than def-N, so the document reads well.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Swagger UI from the Fastify org: its assets ship in the package (no third-party requests, no
  // validator badge) and it supports every Node.js version we promise.
  await app.register(swaggerUi, { routePrefix: '/docs', validatorUrl: false, uiConfig: { deepLinking: true } });
}
