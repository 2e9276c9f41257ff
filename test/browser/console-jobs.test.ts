import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishJob, type TestApp } from '../helpers/app.ts';
import { join, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { skipBrowser } from './browser.helpers.ts';
import { assertNoSeriousViolations, openConsole, signIn, type ConsoleBrowser } from './console.helpers.ts';

// A posting written for this test: no salary (the parser warns) and no location (publishing refuses it until the workplace says remote).
const posting = `Job Title: Greenhouse Systems Tech
Company: Fernleaf Growers

About us
Fernleaf Growers raises seedlings for market gardens in three glasshouses, and we keep them alive with a lot of small machines.

Responsibilities
- Keep irrigation controllers, sensors and climate computers running through the growing season
- Write small Python scripts that read sensor data and raise alarms before the plants notice

Requirements
- 3+ years of experience with industrial control systems
- Comfortable with Python and Linux

This is a full-time position.`;

interface BoardJob { id: string; title: string; workplace: string | null }

describe('the recruiter console: new jobs, the job editor, live board, settings', { skip: skipBrowser }, () => {
  let browser: ConsoleBrowser;
  let t: TestApp;
  let page: Page;
  let recruiter: TestUser;
  let admin: TestUser;
  let draftId: string;

  before(async () => {
    // Refusals the story causes: a publish the job is not ready for (422), and signed-out checks after cookies are cleared (401).
    browser = await openConsole(/status of (401|422)/);
    ({ t, page } = browser);
    recruiter = await join(t, t.org.auth, 'recruiter');
    admin = await join(t, t.org.auth, 'admin');
  });
  after(async () => {
    await browser?.close();
  });

  test('a recruiter pastes a posting, corrects the parsed fields and saves a draft', async () => {
    await signIn(page, browser.base, recruiter);
    await page.getByRole('link', { name: 'New job from a posting' }).click();
    await page.waitForURL(`${browser.base}/app/jobs/new`);
    await assertNoSeriousViolations(page, 'new job page');
    await page.getByLabel('Paste the job posting').fill(posting);
    await page.getByRole('button', { name: 'Read the posting' }).click();

    await page.getByText('No salary was found').waitFor();
    assert.match(await page.locator('.findings').innerText(), /Fernleaf Growers/);
    assert.equal(await page.getByLabel('Title').inputValue(), 'Greenhouse Systems Tech');
    assert.equal(await page.getByLabel('Employment type').inputValue(), 'FULL_TIME');
    assert.equal(await page.getByLabel('Required skills').inputValue(), 'python, linux');
    assert.match(await page.getByLabel('Description').inputValue(), /^## About the role\n\nFernleaf Growers raises seedlings/);
    await assertNoSeriousViolations(page, 'parsed fields for review');

    await page.getByLabel('Title').fill('Greenhouse Systems Technician');
    await page.getByLabel('From', { exact: true }).fill('42000');
    await page.getByLabel('To', { exact: true }).fill('48000');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('status').getByText('The draft job was saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Greenhouse Systems Technician · draft' }).waitFor();
    await assertNoSeriousViolations(page, 'job editor');

    const jobId = /\/app\/jobs\/(job_\w+)\/edit$/.exec(page.url())?.[1];
    assert.ok(jobId, page.url());
    draftId = jobId;
    const saved = (await t.app.inject({ url: `/v1/jobs/${jobId}`, headers: t.org.auth })).json<Record<string, unknown>>();
    assert.equal(saved.status, 'draft');
    assert.equal(saved.title, 'Greenhouse Systems Technician');
    assert.deepEqual(saved.salary, { min: 42000, max: 48000, currency: 'EUR', unit: 'YEAR' });
    assert.equal(saved.experienceYearsMin, 3);
    assert.deepEqual(saved.skills, [{ name: 'python', required: true }, { name: 'linux', required: true }]);
  });

  test('publishing shows what the job lacks; once corrected it is published and on the public board', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    assert.match(await problem.innerText(), /^Could not publish the job: A published job needs: locations \(or workplace "remote"\)/);

    await page.getByLabel('Workplace').selectOption('Remote');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Changes saved.').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').getByText(/^Published/).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Greenhouse Systems Technician · published' }).waitFor();
    await page.getByRole('button', { name: 'Close' }).waitFor();

    const board = (await t.app.inject({ url: `/v1/boards/${t.org.slug}/jobs?q=greenhouse` })).json<{ data: BoardJob[] }>();
    assert.deepEqual(board.data.map((j) => [j.title, j.workplace]), [['Greenhouse Systems Technician', 'remote']]);
  });

  test('the job\'s pipeline stages are renamed and one is added from the editor', async () => {
    assert.equal(await page.getByLabel('Name of stage 2').inputValue(), 'Screen');
    await page.getByLabel('Name of stage 2').fill('Phone screen');
    await page.getByRole('button', { name: 'Add a stage' }).click();
    const added = (await page.locator('.stages li').count());
    await page.getByLabel(`Name of stage ${added}`).fill('Trial day');
    await page.getByRole('button', { name: 'Move Trial day up' }).click();
    await assertNoSeriousViolations(page, 'pipeline stages');
    await page.getByRole('button', { name: 'Save stages' }).click();
    await page.getByRole('status').getByText('Stages saved.').waitFor();
    const { data } = (await t.app.inject({ url: `/v1/jobs/${draftId}/stages`, headers: t.org.auth })).json<{ data: { name: string; kind: string }[] }>();
    assert.equal(data[1]?.name, 'Phone screen');
    assert.deepEqual(data.at(-2), { ...data.at(-2), name: 'Trial day', kind: 'interview' });
  });

  test('an application question is added from the editor', async () => {
    await page.getByText('No questions: candidates send their name, email and résumé.').waitFor();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question 1', { exact: true }).fill('Can you lift a 20 kg sack of compost?');
    await page.getByLabel('Answer to question 1').selectOption('Yes or no');
    await page.getByLabel('Required (question 1)').check();
    await page.getByRole('button', { name: 'Save questions' }).click();
    await page.getByRole('status').getByText('Questions saved.').waitFor();
    await assertNoSeriousViolations(page, 'application questions');
    const { questions } = (await t.app.inject({ url: `/v1/jobs/${draftId}/questions`, headers: t.org.auth })).json<{ questions: { label: string; kind: string; required: boolean }[] }>();
    assert.deepEqual(questions.map((q) => [q.label, q.kind, q.required]), [['Can you lift a 20 kg sack of compost?', 'yes_no', true]]);
  });

  test('a move made elsewhere appears on the open pipeline board without a reload', async () => {
    const job = await publishJob(t, t.org, { title: 'Seed Bank Curator' });
    const { applicationId } = await addApplicant(t, t.org.id, job.id, { name: 'Mira Okafor', email: 'mira@example.test' });
    await browser.context.clearCookies();
    await signIn(page, browser.base, admin);
    await page.evaluate('window.sameDocument = true');
    await page.getByRole('link', { name: 'Seed Bank Curator' }).click();
    const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+$`) });
    await column('Applied').getByRole('link', { name: 'Mira Okafor' }).waitFor();
    await page.getByTestId('live-status').getByText(/^Live:/).waitFor();

    const { stages } = (await t.app.inject({ url: `/v1/jobs/${job.id}/pipeline`, headers: t.org.auth })).json<{ stages: { id: string; name: string }[] }>();
    const screen = stages.find((s) => s.name === 'Screen');
    assert.ok(screen);
    const moved = await t.app.inject({ method: 'POST', url: `/v1/applications/${applicationId}/move`, headers: t.org.auth, payload: { stageId: screen.id } });
    assert.equal(moved.statusCode, 200, moved.body);
    await column('Screen').getByRole('link', { name: 'Mira Okafor' }).waitFor();
    assert.equal(await column('Screen').getByRole('heading').textContent(), 'Screen 1');
    assert.equal(await page.evaluate('window.sameDocument'), true, 'the board changed without loading the page again');
    await assertNoSeriousViolations(page, 'live pipeline board');
  });

  test('an admin invites a member from settings, sees the link once, and can revoke it', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${browser.base}/app/settings/members`);
    await page.getByRole('row', { name: /Test recruiter/ }).waitFor();
    await page.getByLabel('Email').fill('quinn@example.test');
    await page.getByLabel('Role').selectOption('interviewer');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = await page.getByLabel('Invitation link').inputValue();
    assert.match(link, new RegExp(`^${browser.base}/app/accept-invitation\\?token=hli_`));
    await page.getByText(/quinn@example.test · interviewer · until/).waitFor();
    await assertNoSeriousViolations(page, 'members and invitations');
    const invitations = (await t.app.inject({ url: '/v1/invitations', headers: t.org.auth })).json<{ data: { id: string; email: string; role: string; status: string }[] }>().data;
    const quinn = invitations.find((i) => i.email === 'quinn@example.test');
    assert.deepEqual([quinn?.role, quinn?.status], ['interviewer', 'pending']);

    await page.getByRole('button', { name: 'Revoke the invitation of quinn@example.test' }).click();
    await page.getByText('No pending invitations.').waitFor();
    const after = (await t.app.inject({ url: '/v1/invitations', headers: t.org.auth })).json<{ data: { email: string; status: string }[] }>().data;
    assert.equal(after.find((i) => i.email === 'quinn@example.test')?.status, 'revoked');
  });

  test('an admin sets the careers accent colour and the privacy notice, and the careers page wears the colour', async () => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Careers branding' }).click();
    await page.getByLabel('Accent colour').fill('#0a7d5a');
    await page.getByLabel('Intro text').fill('We grow things, carefully.');
    await assertNoSeriousViolations(page, 'careers branding');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await page.getByRole('status').getByText(/^Branding saved/).waitFor();
    assert.equal(await page.evaluate('window.sameDocument'), true, 'settings changed without loading the page again');
    await page.getByLabel('Privacy notice URL').fill('https://fernleaf.example/privacy');
    await page.getByLabel(/^Version/).fill('2026-12');
    await page.getByRole('button', { name: 'Save privacy notice' }).click();
    await page.getByRole('status').getByText('Privacy notice saved.').waitFor();
    const org = (await t.app.inject({ url: '/v1/org', headers: t.org.auth })).json<{ privacyNoticeUrl: string; privacyNoticeVersion: string }>();
    assert.deepEqual([org.privacyNoticeUrl, org.privacyNoticeVersion], ['https://fernleaf.example/privacy', '2026-12']);

    await page.getByRole('link', { name: 'your careers site' }).click();
    await page.waitForURL(`${browser.base}/careers/${t.org.slug}`);
    assert.equal(await page.evaluate<string>('getComputedStyle(document.documentElement).getPropertyValue("--accent").trim()'), '#0a7d5a');
    await page.getByText('We grow things, carefully.').waitFor();
  });

  test('a recruiter sees the members but neither invitations nor branding', async () => {
    await browser.context.clearCookies();
    await signIn(page, browser.base, recruiter);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('row', { name: /Test admin/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Careers branding' }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Invitations' }).count(), 0);
    assert.deepEqual(browser.elsewhere, [], 'no request left the server');
    assert.deepEqual(browser.consoleErrors, [], 'nothing was refused by the content security policy');
  });
});
