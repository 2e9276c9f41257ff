import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { describeMailbox } from '../../src/cli/mail.ts';
import { loadConfig } from '../../src/config.ts';
import { createContainer } from '../../src/container.ts';
import { runMigrations } from '../../src/infra/db/migrations.ts';
import type { OutgoingMailRow } from '../../src/modules/mail/index.ts';
import { publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { serverDatabaseUrl } from '../helpers/database.ts';
import { signUp, type TestUser } from '../helpers/identity.ts';
import { runCli } from '../helpers/processes.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { applyJson } from '../recruiting/applying.helpers.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { reserveTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const WAIT_MS = 20_000;

async function until<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An org with a published job, and a way to email a new candidate (their status-page link). */
async function candidateMailer(t: TestApp, orgName = 'Hooli') {
  const owner: TestUser = await signUp(t, { orgName });
  const org: TestOrg = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
  const jobId = (await publishJob(t, org)).id;
  let n = 0;
  return {
    owner, org, jobId,
    async mailNewCandidate(): Promise<{ address: string; candidateId: string; url: string }> {
      const address = `person-${++n}-${Date.now()}@example.test`;
      const { candidateId } = await addApplicant(t, org.id, jobId, { email: address, name: 'Linus Torvalds' });
      const res = await t.app.inject({ method: 'POST', url: `/v1/candidates/${candidateId}/status-link`, headers: owner.auth });
      assert.equal(res.statusCode, 201, res.body);
      return { address, candidateId, url: res.json<{ url: string }>().url };
    },
  };
}

const rowTo = async (t: TestApp, to: string): Promise<OutgoingMailRow | undefined> => (await t.container.mail.mailbox.list({ to, limit: 1 }))[0];

describe('SMTP down: the mail task fails, is retried, and the email arrives once the server is back', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let proxy: TcpProxy;
  let t: TestApp;

  before(async () => {
    smtp = await startSmtpServer();
    proxy = await reserveTcpProxy({ host: '127.0.0.1', port: Number(new URL(smtp.url).port) });
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${proxy.port}`, MAIL_RETRY_DELAY_SECONDS: '1' }, { queue: true });
  });
  after(async () => {
    await t.close();
    await proxy.cut();
    await smtp.close();
  });

  test('rendered by the task at its first attempt, status-page link included; each retry sends that same message', async () => {
    const mailer = await candidateMailer(t, 'Initech');
    const address = `applicant-${Date.now()}@example.test`;
    const applied = await applyJson(t, mailer.org, mailer.jobId, { name: 'Margaret Hamilton', email: address });
    assert.equal(applied.statusCode, 201, applied.body);
    const linkOf = (row: OutgoingMailRow | undefined) => /\/status\/(\S+)/.exec(row?.text ?? '')?.[1];
    const first = await until('a first failed attempt', async () => {
      const row = await rowTo(t, address);
      return row && row.attempts >= 1 ? row : null;
    });
    const link = linkOf(first);
    assert.ok(link, `a status-page link in: ${first.text}`);
    const second = await until('a second failed attempt', async () => {
      const row = await rowTo(t, address);
      return row && row.attempts >= 2 ? row : null;
    });
    assert.equal(linkOf(second), link, 'the retry carries the link minted at the first attempt, not a new one');
    const page = await t.app.inject({ method: 'GET', url: `/v1/status/${link}`, headers: { accept: 'application/json' } });
    assert.equal(page.statusCode, 200, 'and that link opens the page');
  });

  test('refused, then retried with the body kept; sent once, then the body is cleared', async () => {
    const mailer = await candidateMailer(t);
    const { address, url } = await mailer.mailNewCandidate();
    const failed = await until('a failed attempt', async () => {
      const row = await rowTo(t, address);
      return row && row.attempts >= 1 ? row : null;
    });
    assert.equal(failed.status, 'queued');
    assert.match(failed.lastError ?? '', /ECONNREFUSED/);
    assert.ok(failed.text?.includes(url), 'the message waits whole for its retry');
    assert.equal(smtp.inbox.some((m) => m.to === address), false);

    await proxy.open();
    const mail = await smtp.waitFor(address, /Your applications at Hooli/, WAIT_MS);
    assert.ok(mail.text.includes(url));
    const sent = await until('the row marked sent', async () => {
      const row = await rowTo(t, address);
      return row?.status === 'sent' ? row : null;
    });
    assert.ok(sent.attempts >= 2, `${sent.attempts} attempts`);
    assert.equal(sent.text, null, 'a sent message keeps no body: its link is a credential');
    assert.equal(sent.html, null);
    assert.equal(smtp.inbox.filter((m) => m.to === address).length, 1, 'sent once');
  });
});

describe('the local mailbox (no SMTP_URL): mail is kept whole and listed; erasure removes a candidate\'s', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({}, { queue: true });
  });
  after(() => t.close());

  test('sent to the mailbox with its text; listed newest first; erasure deletes it', async () => {
    const mailer = await candidateMailer(t);
    const first = await mailer.mailNewCandidate();
    const second = await mailer.mailNewCandidate();
    const kept = await until('the mail sent to the mailbox', async () => {
      const row = await rowTo(t, second.address);
      return row?.status === 'sent' ? row : null;
    });
    assert.ok(kept.text?.includes(second.url), 'the local mailbox keeps the body');
    const listed = describeMailbox(await t.container.mail.mailbox.list({ limit: 2 }));
    assert.ok(listed.indexOf(second.address) < listed.indexOf(first.address), listed);

    const erased = await t.app.inject({ method: 'POST', url: `/v1/candidates/${first.candidateId}/erase`, headers: mailer.owner.auth, payload: { reason: 'Asked by email' } });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal(await rowTo(t, first.address), undefined, 'the erased candidate\'s mail is gone');
    assert.ok(await rowTo(t, second.address), 'another candidate\'s stays');
  });
});

test('CLI: hireline mail list and mail show as their own process', async () => {
  const dir = mkdtempSync(joinPath(tmpdir(), 'hireline-mail-'));
  const server = await serverDatabaseUrl();
  try {
    const env: Record<string, string> = server.url ? { DATABASE_URL: server.url } : { DATA_DIR: joinPath(dir, 'data') };
    const container = await createContainer(loadConfig({ ...env, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }), pino({ level: 'silent' }));
    let id: string;
    try {
      await runMigrations(container.database);
      id = await container.database.unscopedTransaction((tx) => container.mail.service.queue(tx, {
        orgId: null, template: 'password-reset', to: 'mailbox@example.test',
        data: { user: { name: 'Mia' }, url: 'https://app.example.test/reset-password?token=hlp_x', token: 'hlp_x' },
      }));
    } finally {
      await container.close();
    }
    const list = await runCli(['mail', 'list', '--to', 'MAILBOX@example.test'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^${id}  queued +\\S+  mailbox@example\\.test  Reset your Hireline password\\n$`));
    const show = await runCli(['mail', 'show', id], env);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^Id: +mail_/);
    assert.match(show.stdout, /reset-password\?token=hlp_x/);
    const missing = await runCli(['mail', 'show', 'mail_none'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No email mail_none/);
  } finally {
    await server.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
