import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { join, strongPassword, type TestUser } from '../helpers/identity.ts';
import { startIdentityProvider, type TestIdentityProvider } from '../helpers/oidc-provider.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { launchChromium, skipBrowser } from './browser.helpers.ts';
import { assertNoSeriousViolations, signIn } from './console.helpers.ts';

interface BoardJob { id: string; title: string }
interface Application { id: string; candidateId: string; status: string; stage: { name: string; kind: string } }

/** A port the kernel has just handed out and taken back: the app's public URL must be known before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The whole story on the embedded profile, as the people in it live it: a candidate applies to a demo
 * job on the careers site; a recruiter signs in through the org's SSO, moves the application to an
 * interview stage and schedules the interview; the interviewer submits a scorecard; an offer is
 * approved, sent and accepted on the candidate's status page; the candidate is hired and the job closes.
 */
describe('the hiring story, from careers page to hire, in Chromium', { skip: skipBrowser }, () => {
  let t: TestApp;
  let base: string;
  let idp: TestIdentityProvider;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let browser: Browser;
  let admin: { auth: { authorization: string }; email: string; password: string };
  let interviewer: TestUser;
  let job: BoardJob;
  let candidatePage: Page;
  let recruiterPage: Page;
  const elsewhere: string[] = [];
  const consoleErrors: string[] = [];

  const api = async <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> => {
    const res = await t.app.inject({ method, url, headers: admin.auth, ...(payload ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const theApplication = async (): Promise<Application> => {
    const { data } = await api<{ data: Application[] }>('GET', `/v1/applications?jobId=${job.id}&limit=100`);
    const found = data.filter((a) => a.candidateId && a.stage);
    const mine = await Promise.all(found.map(async (a) => ({ a, c: await api<{ emails: string[] }>('GET', `/v1/candidates/${a.candidateId}`) })));
    const hit = mine.find(({ c }) => c.emails.includes('nia.okafor@example.test'));
    if (!hit) throw new Error('the candidate\'s application is not there');
    return hit.a;
  };
  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    context.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url}`);
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // The résumé is set on the file input directly; a listener keeps a chooser from ever opening unseen.
    page.on('filechooser', () => undefined);
    return { context, page };
  }

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Candidates' emails go through a real SMTP server: the status page is reached from the link they carry.
    smtp = await startSmtpServer();
    t = await startTestApp({ PUBLIC_BASE_URL: base, APPLY_RATE_LIMIT_PER_IP: '100000', SMTP_URL: smtp.url }, { queue: true });
    await t.app.listen({ host: '127.0.0.1', port });
    const seeded = await seedDemo(t.container);
    assert.ok(seeded.consoleInvitation, 'the demo seed invites an admin');

    // The admin the demo invites joins; they set up the org's SSO and an interviewer.
    const password = strongPassword();
    const accepted = await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: seeded.consoleInvitation, password, name: 'Dana Admin' } });
    assert.equal(accepted.statusCode, 200, accepted.body);
    admin = { auth: { authorization: `Bearer ${accepted.json<{ accessToken: string }>().accessToken}` }, email: 'you@demo.example', password };
    idp = await startIdentityProvider([`${base}/v1/auth/oidc/demo/callback`]);
    await api('PUT', '/v1/org/sso', { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, defaultRole: 'recruiter' });
    interviewer = await join(t, admin.auth, 'interviewer');

    // A demo job nobody has applied to yet, with one opening that closes it when filled.
    const board = await t.app.inject({ url: '/v1/boards/demo/jobs?limit=20' });
    const jobs = board.json<{ data: BoardJob[] }>().data;
    const picked = jobs.at(-1);
    assert.ok(picked, 'the demo board lists jobs');
    job = picked;
    await api('PATCH', `/v1/jobs/${job.id}`, { openings: 1, closeWhenFilled: true });
    await api('PUT', `/v1/jobs/${job.id}/team/${interviewer.userId}`);
    await api('PUT', `/v1/jobs/${job.id}/scorecard-criteria`, { criteria: [{ name: 'Safety practice' }, { name: 'Teamwork' }] });
    // The interviewer is free tomorrow morning: a self-scheduling link offers those times.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const free = await t.app.inject({
      method: 'PUT', url: '/v1/me/availability', headers: interviewer.auth, payload: { windows: [{ start: `${tomorrow}T09:00:00Z`, end: `${tomorrow}T11:00:00Z` }] },
    });
    assert.equal(free.statusCode, 200, free.body);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
    await smtp?.close();
  });

  test('a candidate finds the demo job on the careers site and applies with a PDF', async () => {
    ({ page: candidatePage } = await newPage());
    const page = candidatePage;
    await page.goto(`${base}/careers/demo`);
    await assertNoSeriousViolations(page, 'careers search page');
    await page.getByLabel('Keywords').fill(job.title);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`a[href="/careers/demo/jobs/${job.id}"]`).click();
    await page.waitForURL(`${base}/careers/demo/jobs/${job.id}`);
    await assertNoSeriousViolations(page, 'careers job page');
    await page.locator('#f-name').fill('Nia Okafor');
    await page.locator('#f-email').fill('nia.okafor@example.test');
    await page.locator('#f-resume').setInputFiles({ name: 'nia-okafor.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makePdf('Nia Okafor\nPlant operator, eight years')) });
    if (await page.locator('#f-consent').count()) await page.locator('#f-consent').check();
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.waitForURL(`${base}/careers/demo/jobs/${job.id}/thanks`);
    await assertNoSeriousViolations(page, 'thank-you page');
    const application = await theApplication();
    assert.equal(application.stage.kind, 'applied');
  });

  test('a recruiter signs in through the org\'s SSO, finds the application and drags it to the interview stage', async () => {
    ({ page: recruiterPage } = await newPage());
    const page = recruiterPage;
    idp.signInAs({ sub: 'idp-rita', email: 'rita.recruiter@demo.example', email_verified: true, name: 'Rita Recruiter' });
    await page.goto(`${base}/app/sign-in`);
    await assertNoSeriousViolations(page, 'sign-in page');
    await page.getByLabel(/Organization/).fill('demo');
    await page.getByRole('button', { name: 'Sign in with your organization' }).click();
    await page.waitForURL(`${base}/app/jobs`);
    assert.match(await page.getByRole('banner').innerText(), /Rita Recruiter · Demo Company \(fictional\) · recruiter/i);

    await page.getByLabel('Title').fill(job.title);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: job.title, exact: true }).click();
    await page.waitForURL(`${base}/app/jobs/${job.id}`);
    const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+$`) });
    const card = page.locator('li.card', { has: page.getByRole('link', { name: 'Nia Okafor' }) });
    await card.waitFor();
    await card.dragTo(column('Interview'));
    await column('Interview').getByRole('link', { name: 'Nia Okafor' }).waitFor();
    assert.equal((await theApplication()).stage.name, 'Interview');
  });

  test('the recruiter schedules the interview from the candidate\'s profile', async () => {
    const page = recruiterPage;
    await page.getByRole('link', { name: 'Nia Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nia Okafor' }).waitFor();
    await assertNoSeriousViolations(page, 'candidate profile');
    await page.getByRole('button', { name: 'Schedule an interview' }).click();
    await page.getByLabel('Starts').fill('2030-05-06T10:00');
    await page.getByLabel('Ends').fill('2030-05-06T11:00');
    await page.getByLabel('Video link').fill('https://meet.example.test/nia');
    await page.getByLabel(`Test interviewer (${interviewer.email})`).check();
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByText('With Test interviewer').waitFor();
    const { data } = await api<{ data: { interviewers: string[] }[] }>('GET', `/v1/applications/${(await theApplication()).id}/interviews`);
    assert.deepEqual(data.map((i) => i.interviewers), [[interviewer.userId]]);
  });

  test('the interviewer finds the interview in My interviews and submits a scorecard', async () => {
    const { page } = await newPage();
    await signIn(page, base, interviewer);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'My interviews' }).click();
    await page.getByRole('link', { name: /^Scorecard for Nia Okafor/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Scorecard: Nia Okafor' }).waitFor();
    await page.getByRole('group', { name: 'Safety practice' }).getByLabel('4 · Excellent').check();
    await page.getByRole('group', { name: 'Teamwork' }).getByLabel('3 · Good').check();
    await page.getByRole('group', { name: 'Overall recommendation' }).getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('Notes for the hiring team').fill('Walked through a lock-out procedure without notes.');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('status').getByText('Scorecard submitted.').waitFor();
    await page.context().close();
    const summary = await api<{ submitted: { submitted: { recommendation: string } | null }[] }>('GET', `/v1/applications/${(await theApplication()).id}/scorecards/summary`);
    assert.deepEqual(summary.submitted.map((card) => card.submitted?.recommendation), ['yes']);
  });

  test('the recruiter sends a self-scheduling link for a second interview; the candidate books a time on its page', async () => {
    const page = recruiterPage;
    await page.getByRole('button', { name: 'New scheduling link' }).click();
    await page.getByLabel('Video link').fill('https://meet.example.test/nia-2');
    await page.getByLabel(`Test interviewer (${interviewer.email})`).check();
    await page.getByRole('button', { name: 'Make the link' }).click();
    const url = await page.getByLabel('Scheduling link for the candidate').inputValue();
    assert.ok(url.startsWith(`${base}/schedule/`), url);

    await candidatePage.goto(url);
    await candidatePage.getByRole('heading', { level: 1, name: 'Book your interview' }).waitFor();
    await assertNoSeriousViolations(candidatePage, 'self-scheduling page');
    await candidatePage.getByRole('radio').first().check();
    await candidatePage.getByRole('button', { name: 'Book this time' }).click();
    await candidatePage.getByRole('heading', { level: 1, name: 'Your interview is booked' }).waitFor();
    await assertNoSeriousViolations(candidatePage, 'booked interview page');
    const { data } = await api<{ data: { start: string }[] }>('GET', `/v1/applications/${(await theApplication()).id}/interviews`);
    assert.equal(data.length, 2, 'the booked interview joins the one the recruiter scheduled');
  });

  test('the recruiter drafts an offer, the admin approves it, and the recruiter sends it', async () => {
    const page = recruiterPage;
    const profile = page.url();
    await page.getByRole('button', { name: 'Draft an offer' }).click();
    await page.getByLabel('Amount').fill('64000');
    await page.getByLabel('Start date').fill('2030-06-01');
    await page.getByLabel('Add an approver').selectOption({ label: 'Dana Admin (admin)' });
    await page.getByRole('button', { name: 'Add approver' }).click();
    await page.getByRole('button', { name: 'Save draft offer' }).click();
    const offer = (on: Page) => on.getByRole('article', { name: /^Offer/ });
    await offer(page).getByRole('button', { name: 'Submit for approval' }).click();
    await offer(page).getByRole('heading', { name: /Awaiting approval/ }).waitFor();

    const { page: approver } = await newPage();
    await signIn(approver, base, admin);
    await approver.goto(profile);
    await offer(approver).getByRole('button', { name: 'Approve' }).click();
    await offer(approver).getByLabel('Note').fill('Within the band for the role');
    await offer(approver).getByRole('button', { name: 'Confirm: approve' }).click();
    await offer(approver).getByRole('heading', { name: /Approved, not yet sent/ }).waitFor();
    await assertNoSeriousViolations(approver, 'approved offer');
    await approver.context().close();

    await page.goto(profile);
    await offer(page).getByRole('button', { name: 'Mark as sent' }).click();
    await offer(page).getByRole('heading', { name: /Sent, awaiting/ }).waitFor();
  });

  test('the candidate accepts on the status page their email links to: hired, and the job closes', async () => {
    const page = candidatePage;
    const received = await smtp.waitFor('nia.okafor@example.test', /We received your application/, 20_000);
    const link = new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/status/[^\\s]+`).exec(received.text)?.[0];
    assert.ok(link, `a status link in: ${received.text}`);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Offers awaiting your answer' }).waitFor();
    await assertNoSeriousViolations(page, 'status page with an offer');
    await page.getByRole('button', { name: `Accept the offer for ${job.title}` }).click();
    await page.getByRole('status').getByText('You accepted the offer.').waitFor();

    const hired = await theApplication();
    assert.deepEqual([hired.status, hired.stage.kind], ['hired', 'hired']);
    const closed = await api<{ status: string; openingsFilled: number }>('GET', `/v1/jobs/${job.id}`);
    assert.deepEqual([closed.status, closed.openingsFilled], ['closed', 1]);
    await recruiterPage.reload();
    await recruiterPage.getByTestId('hire-outcome').getByText(/the job is closed/).waitFor();
    await recruiterPage.locator('.timeline').getByText(/Hired from Interview to Hired/).waitFor();
    await page.goto(`${base}/careers/demo?q=${encodeURIComponent(job.title)}`);
    assert.equal(await page.locator(`a[href="/careers/demo/jobs/${job.id}"]`).count(), 0, 'the careers site no longer lists it');
    // Chromium's own PDF viewer (the résumé preview) loads chrome:// and chrome-extension:// pages; those are not the network.
    const network = elsewhere.filter((url) => /^https?:/.test(url) && !url.startsWith(idp.issuer));
    assert.deepEqual(network, [], 'no page made a request to another host but the identity provider');
    assert.deepEqual(consoleErrors.filter((e) => !/status of (401|404)/.test(e)), [], 'nothing was refused by the content security policy');
  });
});
