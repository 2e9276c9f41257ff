import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { AppError } from '../app-error.ts';
import type { Config } from '../config.ts';
import { createContainer, type Container } from '../container.ts';
import { runMigrations } from '../infra/db/migrations.ts';
import { wholeOrg } from '../modules/access/index.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../modules/identity/index.ts';
import { createLogger } from '../infra/telemetry/logger.ts';
import { seedDemo } from '../seed/demo.ts';
import { syntheticJobs } from '../seed/synthetic-jobs.ts';
import { startTasks } from '../server.ts';
import { retentionRun, type RetentionRunOptions } from './retention.ts';
import { tasksCommand } from './tasks.ts';

/** Opens the database, applies migrations, runs fn, and always closes the pool. */
export async function withContainer<T>(config: Config, fn: (container: Container) => Promise<T>): Promise<T> {
  const container = await createContainer(config, createLogger('warn'));
  try {
    await runMigrations(container.database);
    return await fn(container);
  } finally {
    await container.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export async function migrateCommand(config: Config): Promise<void> {
  const container = await createContainer(config, createLogger('warn'));
  try {
    const applied = await runMigrations(container.database);
    process.stdout.write(applied > 0 ? `Applied ${applied} migration(s).\n` : 'Database is up to date.\n');
  } finally {
    await container.close();
  }
}

export async function orgCreateCommand(config: Config, name: string, slug: string | undefined): Promise<void> {
  await withContainer(config, async (container) => {
    try {
      const { org, apiKey } = await container.orgs.createOrg({ name, slug });
      process.stdout.write(`Created organization "${org.name}" (slug ${org.slug}, id ${org.id}).\n`
        + `API key (shown once, store it now): ${apiKey}\n`
        + `Public board: ${config.publicBaseUrl}/v1/boards/${org.slug}/jobs\n`);
    } catch (err) {
      if (err instanceof AppError) fail(err.detail);
      throw err;
    }
  });
}

export async function keysRotateCommand(config: Config): Promise<void> {
  await withContainer(config, async (container) => {
    const kid = await container.keys.rotate();
    process.stdout.write(`New signing key ${kid}; the previous one retires in ${(2 * ACCESS_TOKEN_TTL_SECONDS) / 60} minutes.\n`);
  });
}

export async function keysCreateCommand(config: Config, orgSlug: string, name: string): Promise<void> {
  await withContainer(config, async (container) => {
    const org = await container.orgs.findBySlug(orgSlug);
    if (!org) fail(`No organization with slug "${orgSlug}"; create it with: hireline org create <name>`);
    const { apiKey, key } = await container.apiKeys.createForOperator(org.id, name);
    process.stdout.write(`Created API key "${key.name}" (${key.id}) with every permission for "${org.slug}".\n`
      + `API key (shown once, store it now): ${apiKey}\n`);
  });
}

export async function seedCommand(config: Config, options: { demo?: boolean; synthetic?: number; org?: string }): Promise<void> {
  if (!options.demo && options.synthetic === undefined) fail('Say what to seed: --demo, or --synthetic <count> --org <slug>');
  if (options.synthetic !== undefined && (!Number.isInteger(options.synthetic) || options.synthetic < 1)) fail('--synthetic needs a positive integer');
  // Named on purpose: synthetic jobs are published at once, so they must not land in an org by accident.
  if (options.synthetic !== undefined && !options.org) fail('--synthetic needs --org <slug>: the organization to publish into (created if missing)');
  await withContainer(config, async (container) => {
    if (options.demo) {
      const result = await seedDemo(container);
      process.stdout.write(result.created
        ? `Demo org created with ${result.published} published jobs, ${result.imported} imported postings and ${result.applications} applications.\nAPI key (shown once): ${result.apiKey}\n`
          + `Recruiter console: open /app/accept-invitation?token=${result.consoleInvitation ?? ''} on the server to join as an admin.\n`
        : 'Demo org already exists; nothing to do.\n');
    }
    if (options.synthetic !== undefined && options.org) {
      const existing = await container.orgs.findBySlug(options.org);
      const org = existing ?? (await container.orgs.createOrg({ name: `${options.org} (synthetic)`, slug: options.org })).org;
      if (!existing) process.stdout.write(`Created organization "${org.name}" (slug ${org.slug}); make an API key for it with: hireline keys create --org ${org.slug}\n`);
      const all = syntheticJobs(options.synthetic);
      const bar = new cliProgress.SingleBar({ format: 'Seeding {bar} {value}/{total} jobs', hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(all.length, 0);
      const chunk = 5000;
      for (let i = 0; i < all.length; i += chunk) {
        bar.update(i + await container.jobs.bulkPublish(org.id, all.slice(i, i + chunk)));
      }
      bar.stop();
      await container.database.refreshStatistics();
      process.stdout.write(`Published ${all.length} synthetic jobs into org "${options.org}".\n`);
    }
  });
}

export async function jobsImportCommand(config: Config, orgSlug: string, files: string[]): Promise<void> {
  await withContainer(config, async (container) => {
    const org = await container.orgs.findBySlug(orgSlug);
    if (!org) fail(`No organization with slug "${orgSlug}"; create it with: hireline org create <name>`);
    const bar = new cliProgress.SingleBar({ format: 'Importing {bar} {value}/{total} {file}', hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(files.length, 0, { file: '' });
    const results: { file: string; outcome: string }[] = [];
    for (const file of files) {
      bar.increment(0, { file: basename(file) });
      try {
        const { job, warnings } = await container.jobs.importDescription(wholeOrg(org.id), readFileSync(file, 'utf8'));
        results.push({ file, outcome: `draft ${job.id} "${job.title}"${warnings.length ? ` (warnings: ${warnings.join(', ')})` : ''}` });
      } catch (err) {
        results.push({ file, outcome: `failed: ${err instanceof Error ? err.message : String(err)}` });
      }
      bar.increment(1);
    }
    bar.stop();
    const failed = results.filter((r) => r.outcome.startsWith('failed')).length;
    for (const r of results) process.stdout.write(`${r.file}: ${r.outcome}\n`);
    process.stdout.write(`Imported ${results.length - failed} of ${results.length} file(s) as drafts into "${orgSlug}"${failed ? `; ${failed} failed` : ''}.\n`);
    if (failed > 0) process.exitCode = 1;
  });
}

export async function candidatesImportCommand(config: Config, orgSlug: string, file: string): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  await withContainer(config, async (container) => {
    const org = await container.orgs.findBySlug(orgSlug);
    if (!org) fail(`No organization with slug "${orgSlug}"; create it with: hireline org create <name>`);
    const bar = new cliProgress.SingleBar({ format: 'Importing {bar} {value}/{total} rows', hideCursor: true }, cliProgress.Presets.shades_classic);
    let started = false;
    try {
      const result = await container.recruiting.candidates.imports.importCsv(wholeOrg(org.id), text, (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      });
      if (started) bar.stop();
      for (const e of result.errors) process.stdout.write(`line ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.detail}\n`);
      process.stdout.write(`Created ${result.created}, matched ${result.matched} existing, failed ${result.failed} row(s) in "${org.slug}".\n`);
      if (result.failed > 0) process.exitCode = 1;
    } catch (err) {
      if (started) bar.stop();
      if (err instanceof AppError) fail(err.detail);
      throw err;
    }
  });
}

export async function retentionRunCommand(config: Config, options: RetentionRunOptions): Promise<void> {
  await withContainer(config, async (container) => {
    try {
      process.stdout.write((await retentionRun(container, options)).output);
    } catch (err) {
      if (err instanceof AppError) fail(err.detail);
      throw err;
    }
  });
}

export async function tasksCliCommand(config: Config, action: 'list' | 'retry' | 'discard', id?: string): Promise<void> {
  const { ok, output } = await withContainer(config, (container) => tasksCommand(container, action, id));
  if (!ok) fail(output.trimEnd());
  process.stdout.write(output);
}

export async function workerCommand(config: Config): Promise<void> {
  const log = createLogger(config.logLevel, process.stdout.isTTY === true);
  const container = await createContainer(config, log);
  await runMigrations(container.database);
  // The runner's pending runs keep the worker alive until a signal stops it.
  const tasks = await startTasks(container, log, { keepProcessAlive: true, stopTimeoutMs: config.shutdownTimeoutMs });
  log.info({ tasks: container.tasks.map((t) => t.name), queued: container.queuedTasks.map((t) => t.name) }, 'worker started');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // A running task ends its batch before the pool closes.
      void tasks.stop().then(() => container.close()).then(() => process.exit(0), (err: unknown) => {
        log.error({ err }, 'worker shutdown failed');
        process.exit(1);
      });
    });
  }
}
