import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createContainer, version, type Container } from '../../src/container.ts';
import { freshDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  config: Config;
  /** The first org, with its API key. */
  org: TestOrg;
  createOrg(name?: string): Promise<TestOrg>;
  close(): Promise<void>;
}

export interface TestOrg {
  id: string;
  slug: string;
  apiKey: string;
  auth: { authorization: string };
}

/**
 * The app over a fresh database of the current profile, with one org; call close() in after(). `clock` moves applicant tracking's time.
 * `queue` starts the durable queue's workers, as serve does (emails are sent through it); without it queued tasks only wait.
 * `onQuery` hears every statement the query builder sends, for a test to count them.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: () => Date; queue?: boolean; onQuery?: (sql: string) => void } = {}): Promise<TestApp> {
  // Uploaded files go to a directory of this app's own, never under the repository's data/.
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'hireline-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', PUBLIC_BASE_URL: 'https://jobs.example.test', FILES_DIR: filesDir, ...env });
  const { database, drop } = await freshDatabase(options.onQuery ? { onQuery: options.onQuery } : {});
  const log = pino({ level: 'silent' });
  const container = await createContainer(config, log, database, { clock: options.clock });
  if (options.queue) await container.taskQueue.start();
  const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, idempotency: container.idempotency, logger: log });
  const createOrg = async (name = 'Acme'): Promise<TestOrg> => {
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`;
    const { org, apiKey } = await container.orgs.createOrg({ name, slug });
    return { id: org.id, slug: org.slug, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
  };
  const close = async () => {
    await app.close();
    await container.taskQueue.stop();
    // The outbox relay (when AMQP_URL is set) ends its batch and closes its broker connection before the database goes.
    await container.outbox?.close();
    await drop();
    await rm(filesDir, { recursive: true, force: true });
  };
  return { app, container, config, org: await createOrg(), createOrg, close };
}

/** A complete, publishable job body; override any field. */
export function jobBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Backend Engineer',
    description: '## About\n\nBuild APIs in **Node.js** and PostgreSQL.',
    department: 'Engineering',
    locations: ['Berlin, Germany'],
    workplace: 'hybrid',
    employmentType: 'FULL_TIME',
    salary: { min: 60000, max: 80000, currency: 'EUR', unit: 'YEAR' },
    experienceYearsMin: 3,
    skills: [{ name: 'node.js', required: true }, { name: 'postgresql', required: false }],
    ...overrides,
  };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => res.json<T>();

export async function createJob(t: TestApp, org: TestOrg, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: org.auth, payload: jobBody(overrides) });
  if (res.statusCode !== 201) throw new Error(`create job failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function publishJob(t: TestApp, org: TestOrg, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string }> {
  const job = await createJob(t, org, overrides);
  const res = await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/publish`, headers: org.auth });
  if (res.statusCode !== 200) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Asserts the RFC 9457 shape and returns the body. */
export function problem(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> & { errors?: { in: string; pointer: string; detail: string }[] } {
  const body = res.json<Record<string, unknown>>();
  const ok = res.statusCode === status && String(res.headers['content-type']).startsWith('application/problem+json')
    && body.type === `https://hireline.dev/problems/${code}` && body.status === status && typeof body.detail === 'string' && typeof body.requestId === 'string';
  if (!ok) throw new Error(`expected ${status} ${code} problem, got ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 500)}`);
  return body;
}
