import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './infra/telemetry/logger.ts';
import { version } from './version.ts';

// Each command loads what it runs when it runs: `--help`, `jd parse` or a bad configuration need not
// load the whole server first (seconds of module loading).
const commands = () => import('./cli/commands.ts');
const mailCommands = () => import('./cli/mail.ts');

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
}

const program = new Command('hireline')
  .description('Hireline: job board and applicant tracking. Configuration comes from environment variables (.env.example).')
  .version(version);

program.command('serve')
  .description('Run the HTTP API (and, on the embedded profile, the background tasks); migrates and seeds demo data on first start')
  .action(async () => {
    const config = configOrExit();
    const log = createLogger(config.logLevel, process.stdout.isTTY === true);
    // The database opens (PGlite in its own thread) while the server's modules load: on two cores the
    // two overlap. A failure to open is reported where startServer awaits it.
    const { databaseOptions, openDatabase } = await import('./infra/db/database.ts');
    const database = openDatabase(databaseOptions(config));
    database.catch(() => undefined);
    const { startServer } = await import('./server.ts');
    const server = await startServer(config, log, database);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        server.shutdown(signal).then(() => process.exit(0), (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        });
      });
    }
  });

program.command('worker')
  .description('Run background tasks only: the durable task queue\'s workers (queued tasks such as emails; the sweeps run once per interval across processes: expired jobs, abandoned SSO sign-ins, expired refresh tokens, signing-key rotation, the daily candidate data retention run) and the per-process pollers (outbox relay, webhook deliveries, file text, planner statistics)')
  .action(async () => (await commands()).workerCommand(configOrExit()));

program.command('migrate')
  .description('Apply pending database migrations (safe to run from several instances at once)')
  .action(async () => (await commands()).migrateCommand(configOrExit()));

program.command('seed')
  .description('Create sample data')
  .option('--demo', 'org "demo" with fictional published jobs and the sample postings (skipped if it exists)')
  .option('--synthetic <count>', 'bulk-publish this many generated jobs into the org given by --org', (v) => Number.parseInt(v, 10))
  .option('--org <slug>', 'org for --synthetic (required with it); created if missing')
  .action(async (options: { demo?: boolean; synthetic?: number; org?: string }) => (await commands()).seedCommand(configOrExit(), options));

const org = program.command('org').description('Manage organizations');
org.command('create <name>')
  .description('Create an organization and print its first API key (shown once)')
  .option('--slug <slug>', 'board slug; derived from the name by default')
  .action(async (name: string, options: { slug?: string }) => (await commands()).orgCreateCommand(configOrExit(), name, options.slug));

const keys = program.command('keys').description('Organization API keys and access-token signing keys');
keys.command('create')
  .description('Make an API key with every scope for an organization (printed once), e.g. when the demo key was lost')
  .requiredOption('--org <slug>', 'organization the key belongs to')
  .option('--name <name>', 'label shown in the key list', 'cli')
  .action(async (options: { org: string; name: string }) => (await commands()).keysCreateCommand(configOrExit(), options.org, options.name));
keys.command('rotate')
  .description('Sign new access tokens with a fresh key; the old one keeps verifying for twice the token lifetime')
  .action(async () => (await commands()).keysRotateCommand(configOrExit()));

const jobs = program.command('jobs').description('Manage jobs');
jobs.command('import <files...>')
  .description('Create a draft job from each raw job-description text file')
  .requiredOption('--org <slug>', 'organization to import into')
  .action(async (files: string[], options: { org: string }) => (await commands()).jobsImportCommand(configOrExit(), options.org, files));

const candidates = program.command('candidates').description('Manage candidates');
candidates.command('import <file>')
  .description('Import candidates from a CSV file (header row: name, email, phone, location, tags, source, linkedin, github, portfolio, custom field keys)')
  .requiredOption('--org <slug>', 'organization to import into')
  .action(async (file: string, options: { org: string }) => (await commands()).candidatesImportCommand(configOrExit(), options.org, file));

const retention = program.command('retention').description('Candidate data retention (each organization\'s policy: GET/PUT /v1/retention-policy)');
retention.command('run')
  .description('Anonymize the candidates each policy says are due (also run daily by the worker); safe to repeat')
  .option('--dry-run', 'list the candidates it would anonymize (by id), and change nothing')
  .option('--org <slug>', 'only this organization (with --dry-run, even while its policy is off)')
  .action(async (options: { dryRun?: boolean; org?: string }) => (await commands()).retentionRunCommand(configOrExit(), options));

const mail = program.command('mail').description('The emails Hireline queued and sent (with SMTP_URL unset they stay here, whole: the local mailbox)');
mail.command('list')
  .description('Emails, newest first: id, status, time, recipient, subject')
  .option('--to <address>', 'only those to this address')
  .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 20)
  .action(async (options: { to?: string; limit: number }) => {
    if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 1000) {
      process.stderr.write('--limit must be a whole number from 1 to 1000\n');
      process.exit(1);
    }
    await (await mailCommands()).mailListCommand(configOrExit(), options);
  });
mail.command('show <id>')
  .description('One email: its headers, status and text (kept only in the local mailbox once sent)')
  .action(async (id: string) => (await mailCommands()).mailShowCommand(configOrExit(), id));

const tasks = program.command('tasks').description('The durable task queue (emails, file text, sweeps): depth, failures and dead letters');
tasks.command('list')
  .description('Unfinished tasks per name (waiting, active, retrying, dead) and the recent failures with their error')
  .action(async () => (await commands()).tasksCliCommand(configOrExit(), 'list'));
tasks.command('retry <id>')
  .description('Run a dead (or retrying) task again now')
  .action(async (id: string) => (await commands()).tasksCliCommand(configOrExit(), 'retry', id));
tasks.command('discard <id>')
  .description('Drop a task that has not run to the end (waiting, retrying or dead)')
  .action(async (id: string) => (await commands()).tasksCliCommand(configOrExit(), 'discard', id));

const jd = program.command('jd').description('Job-description tools (no database needed)');
jd.command('parse <file>')
  .description('Parse a raw job-description file into structured fields')
  .option('--json', 'print the full result as JSON')
  .action(async (file: string, options: { json?: boolean }) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      process.stderr.write(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
    const { parseJobDescription } = await import('./modules/jd/index.ts');
    const parsed = parseJobDescription(text);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
      return;
    }
    const salary = parsed.salary ? `${parsed.salary.min ?? '?'}–${parsed.salary.max ?? '?'} ${parsed.salary.currency}/${parsed.salary.unit}` : '—';
    process.stdout.write([
      `Title:       ${parsed.title ?? '—'}`,
      `Company:     ${parsed.company ?? '—'}`,
      `Type:        ${parsed.employmentType ?? '—'}   Workplace: ${parsed.workplace ?? '—'}`,
      `Locations:   ${parsed.locations.join('; ') || '—'}`,
      `Salary:      ${salary}`,
      `Experience:  ${parsed.experienceYearsMin ?? '—'} years`,
      `Skills:      ${parsed.skills.map((s) => (s.required ? s.name : `(${s.name})`)).join(', ') || '—'}`,
      `Deadline:    ${parsed.applyDeadline ?? '—'}`,
      `Warnings:    ${parsed.warnings.join(', ') || 'none'}`,
      '',
    ].join('\n'));
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // An operator gets one line saying what failed (e.g. the database is unreachable), not a stack trace.
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  process.stderr.write(`hireline: ${err instanceof Error ? err.message : String(err)}${cause}\n`);
  process.exit(1);
}
