import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The optional language model that fills fields the job-description parser left empty (src/infra/llm). */
export interface LlmConfig {
  /** Wire protocol: OpenAI-compatible Chat Completions (OpenAI, llama.cpp server, vLLM, Ollama) or Anthropic Messages. */
  readonly provider: 'openai' | 'anthropic';
  /** Without a trailing slash; /chat/completions or /v1/messages is appended. */
  readonly baseUrl: string;
  /** Sent as a bearer token (openai) or x-api-key (anthropic); null sends none (local runtimes). */
  readonly apiKey: string | null;
  readonly model: string;
  /** Per attempt; a slower answer is abandoned and retried. */
  readonly timeoutMs: number;
  /** Retries after the first attempt on 429, 5xx, timeouts and network errors. */
  readonly maxRetries: number;
  /** Input plus output tokens, as the API reports them, each org may spend per calendar month (UTC). */
  readonly monthlyTokenBudget: number;
  /** Cap on the tokens one answer may take. */
  readonly maxOutputTokens: number;
}

export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** Absent: embedded PGlite under dataDir. Present: a PostgreSQL server through a pool. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  /** PGlite in a worker thread (default), so a slow statement does not stop the HTTP loop; false: on the main thread. */
  readonly pgliteThread: boolean;
  readonly dbPoolMax: number;
  readonly dbStatementTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly publicBaseUrl: string;
  readonly corsOrigins: readonly string[] | '*';
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly boardCacheTtlMs: number;
  readonly seedDemo: boolean;
  readonly expirySweepIntervalMs: number;
  /** Lifetime of a signed-in session, however often it refreshes. */
  readonly sessionTtlSeconds: number;
  /** A refresh token unused this long expires. */
  readonly refreshIdleSeconds: number;
  /** Requests per minute per client address on sign-in, sign-up and refresh; and per account on sign-in and sign-up. */
  readonly authRateLimitPerIp: number;
  readonly authRateLimitPerAccount: number;
  /** Days a signing key signs before a fresh one replaces it; 0 rotates only on `hireline keys rotate`. */
  readonly signingKeyRotationDays: number;
  /** smtp:// or smtps:// server for every email; null keeps them in the local mailbox (`hireline mail list`). */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** The first retry of an email the SMTP server did not take; each next one waits twice as long. */
  readonly mailRetryDelaySeconds: number;
  /** Where links in emails point (the web app that posts the token back to the API). */
  readonly appBaseUrl: string;
  /** Where uploaded files (résumés, cover letters) are kept: DATA_DIR/files unless FILES_DIR says otherwise. */
  readonly filesDir: string;
  /** Applications per minute per client address on the public apply endpoint. */
  readonly applyRateLimitPerIp: number;
  /** Null (LLM_PROVIDER=none, the default): parsing stays deterministic and offline. */
  readonly llm: LlmConfig | null;
  /** Hosts (as written in webhook URLs) that may be plain http or private addresses: a receiver inside your network, or tests. */
  readonly webhookAllowedHosts: readonly string[];
  /** How long one webhook attempt may take, connection to last byte read. */
  readonly webhookTimeoutMs: number;
  /** amqp:// or amqps:// RabbitMQ the outbox relay publishes every domain event to; null publishes nothing. */
  readonly amqpUrl: string | null;
  /** The durable topic exchange events go to (routing key = event type). */
  readonly amqpExchange: string;
  /** Longest wait between reconnect attempts to the broker, RabbitMQ and NATS alike (they start at 100 ms and double, with jitter). */
  readonly amqpReconnectMaxDelayMs: number;
  /** How often the relay looks for unpublished events besides being woken by each commit. */
  readonly outboxPollIntervalMs: number;
  /** redis:// or rediss:// server for the shared cache, rate limits, idempotency keys, session checks and live-event fan-out; null keeps them in memory. */
  readonly redisUrl: string | null;
  /** The JetStream stream the NATS outlet appends to (created if missing). */
  readonly natsStream: string;
  /** Events go to `<prefix>.<event type>`; the stream captures `<prefix>.>`. */
  readonly natsSubjectPrefix: string;
  /** Bearer token /metrics asks for; null serves /metrics only to requests from this host. */
  readonly metricsToken: string | null;
  /** Interval of the comment lines that keep idle event streams open through proxies. */
  readonly sseHeartbeatMs: number;
  /** Reconnect delay suggested to event-stream clients (SSE `retry:`). */
  readonly sseRetryMs: number;
  /** Concurrent event streams one instance serves (503 beyond), and per organization (429 beyond). */
  readonly sseMaxStreams: number;
  readonly sseMaxStreamsPerOrg: number;
  /** Prepended to every Redis key this app writes, so several deployments (or test runs) can share one server. */
  readonly redisKeyPrefix: string;
  /** What rate limits do while Redis is unreachable: count in this process (memory), let requests through (allow) or refuse them (deny). */
  readonly rateLimitOnRedisDown: 'memory' | 'allow' | 'deny';
  /** How long a session check is trusted from the cache (0: read the database every request); ending a session drops it at once. */
  readonly sessionCacheTtlMs: number;
  /** nats:// server whose JetStream the outbox relay also publishes to; null publishes nothing there. */
  readonly natsUrl: string | null;
  /** Whether `serve` also runs the background tasks and the durable queue's workers (else only `hireline worker` does). */
  readonly serveRunsTasks: boolean;
  /** How often an idle queue worker looks for due tasks. */
  readonly taskQueuePollIntervalMs: number;
  /** One-off queued tasks one process runs at once. */
  readonly taskQueueConcurrency: number;
  /** How long a dead task (every retry failed) stays listed for `hireline tasks retry` before it is deleted. */
  readonly taskQueueDeadRetentionSeconds: number;
  /** How often the queue fails runs past their time limit (a killed worker's) and deletes old tasks. */
  readonly taskQueueMaintenanceIntervalSeconds: number;
}

type Env = Record<string, string | undefined>;

class ConfigErrors {
  readonly messages: string[] = [];
  add(name: string, problem: string, value: string): void {
    this.messages.push(`  ${name}=${JSON.stringify(value)}: ${problem}`);
  }
}

function integer(env: Env, errors: ConfigErrors, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.add(name, `must be an integer from ${min} to ${max}`, raw);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(env: Env, errors: ConfigErrors, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  errors.add(name, `must be one of ${allowed.join(', ')}`, raw);
  return fallback;
}

function boolean(env: Env, errors: ConfigErrors, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  errors.add(name, 'must be true or false', raw);
  return fallback;
}

/** URLs that may carry credentials, so a bad value is never echoed. */
const secretUrls = new Set(['DATABASE_URL', 'SMTP_URL', 'LLM_BASE_URL', 'AMQP_URL', 'REDIS_URL', 'NATS_URL']);

function url(env: Env, errors: ConfigErrors, name: string, protocols: readonly string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      errors.add(name, `must use ${protocols.join(' or ')}`, secretUrls.has(name) ? '<redacted>' : raw);
      return null;
    }
    return raw;
  } catch {
    errors.add(name, 'must be an absolute URL', secretUrls.has(name) ? '<redacted>' : raw);
    return null;
  }
}

const defaultLlmBaseUrls = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com' } as const;

function llmConfig(env: Env, errors: ConfigErrors): LlmConfig | null {
  const provider = oneOf(env, errors, 'LLM_PROVIDER', ['none', 'openai', 'anthropic'] as const, 'none');
  if (provider === 'none') return null;
  const model = env.LLM_MODEL?.trim() ?? '';
  if (model === '') errors.add('LLM_MODEL', `is required when LLM_PROVIDER=${provider} (the model name the server knows)`, '');
  const apiKey = env.LLM_API_KEY?.trim() ?? '';
  return Object.freeze({
    provider,
    baseUrl: (url(env, errors, 'LLM_BASE_URL', ['http:', 'https:']) ?? defaultLlmBaseUrls[provider]).replace(/\/+$/, ''),
    apiKey: apiKey === '' ? null : apiKey,
    model,
    timeoutMs: integer(env, errors, 'LLM_TIMEOUT_MS', 30_000, 100, 600_000),
    maxRetries: integer(env, errors, 'LLM_MAX_RETRIES', 2, 0, 10),
    monthlyTokenBudget: integer(env, errors, 'LLM_MONTHLY_TOKEN_BUDGET', 1_000_000, 1, 1_000_000_000_000),
    maxOutputTokens: integer(env, errors, 'LLM_MAX_OUTPUT_TOKENS', 1024, 16, 100_000),
  });
}

/** An AMQP exchange name: at most 255 of letters, digits, hyphen, underscore, period and colon. */
function exchangeName(env: Env, errors: ConfigErrors, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^[\w.:-]{1,255}$/.test(raw) && !raw.startsWith('amq.')) return raw;
  errors.add(name, 'must be 1 to 255 letters, digits, "-", "_", "." or ":", not starting with "amq."', raw);
  return fallback;
}

/** A name that must match `pattern`: a NATS stream or subject prefix. */
function matching(env: Env, errors: ConfigErrors, name: string, fallback: string, pattern: RegExp, problem: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (pattern.test(raw) && raw.length <= 255) return raw;
  errors.add(name, problem, raw);
  return fallback;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
  }
}

/** Reads every variable, collects every problem, and throws one error listing them all. */
export function loadConfig(env: Env = process.env): Config {
  const errors = new ConfigErrors();
  const nodeEnv = oneOf(env, errors, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = integer(env, errors, 'PORT', 3000, 0, 65535);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  const cors = env.CORS_ORIGINS ?? '';
  const corsOrigins = cors.trim() === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter((o) => o !== '');
  if (corsOrigins !== '*') {
    for (const origin of corsOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) errors.add('CORS_ORIGINS', 'each origin must look like https://example.com (no path)', origin);
    }
  }
  const publicBaseUrl = (url(env, errors, 'PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const dataDir = path.resolve(env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : './data/pglite');
  const config: Config = {
    nodeEnv,
    host,
    port,
    databaseUrl: url(env, errors, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir,
    pgliteThread: boolean(env, errors, 'PGLITE_THREAD', true),
    dbPoolMax: integer(env, errors, 'DB_POOL_MAX', 10, 1, 1000),
    dbStatementTimeoutMs: integer(env, errors, 'DB_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
    logLevel: oneOf(env, errors, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    publicBaseUrl,
    corsOrigins,
    bodyLimitBytes: integer(env, errors, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    shutdownTimeoutMs: integer(env, errors, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 300_000),
    boardCacheTtlMs: integer(env, errors, 'BOARD_CACHE_TTL_MS', 5_000, 0, 3_600_000),
    seedDemo: boolean(env, errors, 'SEED_DEMO', true),
    expirySweepIntervalMs: integer(env, errors, 'EXPIRY_SWEEP_INTERVAL_MS', 60_000, 1_000, 86_400_000),
    sessionTtlSeconds: integer(env, errors, 'SESSION_TTL_SECONDS', 30 * 86_400, 300, 365 * 86_400),
    refreshIdleSeconds: integer(env, errors, 'REFRESH_IDLE_SECONDS', 14 * 86_400, 60, 365 * 86_400),
    authRateLimitPerIp: integer(env, errors, 'AUTH_RATE_LIMIT_PER_IP', 30, 1, 1_000_000),
    authRateLimitPerAccount: integer(env, errors, 'AUTH_RATE_LIMIT_PER_ACCOUNT', 10, 1, 1_000_000),
    signingKeyRotationDays: integer(env, errors, 'SIGNING_KEY_ROTATION_DAYS', 30, 0, 3650),
    smtpUrl: url(env, errors, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM && env.MAIL_FROM.trim() !== '' ? env.MAIL_FROM.trim() : 'Hireline <no-reply@localhost>',
    mailRetryDelaySeconds: integer(env, errors, 'MAIL_RETRY_DELAY_SECONDS', 30, 1, 3_600),
    // The recruiter console, which answers the emailed links, is served at /app unless another app is named.
    appBaseUrl: (url(env, errors, 'APP_BASE_URL', ['http:', 'https:']) ?? `${publicBaseUrl.replace(/\/$/, '')}/app`).replace(/\/$/, ''),
    filesDir: path.resolve(env.FILES_DIR && env.FILES_DIR !== '' ? env.FILES_DIR : path.join(dataDir, 'files')),
    applyRateLimitPerIp: integer(env, errors, 'APPLY_RATE_LIMIT_PER_IP', 20, 1, 10_000_000),
    llm: llmConfig(env, errors),
    webhookAllowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''),
    webhookTimeoutMs: integer(env, errors, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    amqpUrl: url(env, errors, 'AMQP_URL', ['amqp:', 'amqps:']),
    amqpExchange: exchangeName(env, errors, 'AMQP_EXCHANGE', 'hireline.events'),
    amqpReconnectMaxDelayMs: integer(env, errors, 'AMQP_RECONNECT_MAX_DELAY_MS', 30_000, 100, 3_600_000),
    outboxPollIntervalMs: integer(env, errors, 'OUTBOX_POLL_INTERVAL_MS', 1_000, 100, 3_600_000),
    redisUrl: url(env, errors, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: env.REDIS_KEY_PREFIX && env.REDIS_KEY_PREFIX !== '' ? env.REDIS_KEY_PREFIX : 'hireline:',
    rateLimitOnRedisDown: oneOf(env, errors, 'RATE_LIMIT_ON_REDIS_DOWN', ['memory', 'allow', 'deny'] as const, 'memory'),
    sessionCacheTtlMs: integer(env, errors, 'SESSION_CACHE_TTL_MS', 5_000, 0, 60_000),
    natsUrl: url(env, errors, 'NATS_URL', ['nats:', 'tls:']),
    natsStream: matching(env, errors, 'NATS_STREAM', 'HIRELINE_EVENTS', /^[\w-]{1,255}$/, 'must be 1 to 255 letters, digits, "-" or "_"'),
    natsSubjectPrefix: matching(env, errors, 'NATS_SUBJECT_PREFIX', 'hireline.events', /^[\w-]+(\.[\w-]+)*$/, 'must be subject tokens of letters, digits, "-" or "_" joined by "."'),
    metricsToken: env.METRICS_TOKEN && env.METRICS_TOKEN.trim() !== '' ? env.METRICS_TOKEN.trim() : null,
    serveRunsTasks: boolean(env, errors, 'SERVE_RUNS_TASKS', true),
    taskQueuePollIntervalMs: integer(env, errors, 'TASK_QUEUE_POLL_INTERVAL_MS', 1_000, 500, 60_000),
    taskQueueConcurrency: integer(env, errors, 'TASK_QUEUE_CONCURRENCY', 4, 1, 100),
    taskQueueDeadRetentionSeconds: integer(env, errors, 'TASK_QUEUE_DEAD_RETENTION_SECONDS', 7 * 86_400, 60, 365 * 86_400),
    taskQueueMaintenanceIntervalSeconds: integer(env, errors, 'TASK_QUEUE_MAINTENANCE_INTERVAL_SECONDS', 60, 1, 3_600),
    sseHeartbeatMs: integer(env, errors, 'SSE_HEARTBEAT_MS', 15_000, 10, 3_600_000),
    sseRetryMs: integer(env, errors, 'SSE_RETRY_MS', 3_000, 0, 3_600_000),
    sseMaxStreams: integer(env, errors, 'SSE_MAX_STREAMS', 1_000, 1, 1_000_000),
    sseMaxStreamsPerOrg: integer(env, errors, 'SSE_MAX_STREAMS_PER_ORG', 100, 1, 1_000_000),
  };
  if (errors.messages.length > 0) throw new ConfigError(errors.messages);
  return Object.freeze(config);
}
