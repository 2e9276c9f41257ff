/**
 * `npm run screenshots`: starts the server on a throwaway data directory with the demo data, signs a
 * demo recruiter in to the console in Debian's Chromium (the browser tests' set-up), and saves the
 * careers site and the console's screens as PNGs in docs/screenshots/ for the README, so they stay true.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/infra/telemetry/logger.ts';
import { DEMO_SLUG } from '../../src/seed/demo.ts';
import { startServer } from '../../src/server.ts';
import { launchChromium } from '../../test/browser/browser.helpers.ts';

// Written for the screenshot: no location, so publishing it shows the API's refusal in the editor.
const posting = `Job Title: Customer Support Lead
Company: Lanternworks

About us
Lanternworks makes scheduling software for small clinics. Our support team answers every message within a working day.

Responsibilities
- Lead a team of four support specialists and plan their week
- Turn recurring questions into help-centre articles with the product team

Requirements
- 4+ years in customer support, two of them leading people
- Comfortable with Zendesk and SQL for looking up accounts

Salary: EUR 52,000 - 60,000 per year. Full-time.`;

const out = new URL('../../docs/screenshots/', import.meta.url);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hireline-screenshots-'));
const config = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'warn', SERVE_RUNS_TASKS: 'false' });
const server = await startServer(config, createLogger('warn'));
const browser = await launchChromium();
try {
  const { app, container, url } = server;
  const org = await container.orgs.findBySlug(DEMO_SLUG);
  if (!org) throw new Error('the demo organization was not seeded');
  // The demo has an API key but no person: invite one with it, as the README says to (an admin, so settings show too).
  const { apiKey } = await container.apiKeys.createForOperator(org.id, 'screenshots');
  const email = 'robin.example@example.com';
  const password = `screenshots-${randomBytes(9).toString('hex')}`;
  const invited = await app.inject({ method: 'POST', url: '/v1/invitations', headers: { authorization: `Bearer ${apiKey}` }, payload: { email, role: 'admin' } });
  const token = invited.json<{ token: string }>().token;
  const accepted = await app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password, name: 'Robin Example' } });
  if (accepted.statusCode !== 200) throw new Error(`could not add the demo recruiter: ${accepted.body}`);

  mkdirSync(out, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const shoot = async (name: string, options: { fullPage?: boolean } = {}) => {
    await page.screenshot({ path: new URL(`${name}.png`, out).pathname, ...options });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  };

  await page.goto(`${url}/careers/${DEMO_SLUG}`);
  await shoot('careers-search');
  await page.locator('.jobs h3 a').first().click();
  await page.waitForSelector('form[enctype]');
  await shoot('careers-job');

  await page.goto(`${url}/app`);
  await page.getByLabel('Email').fill(email);
  await shoot('console-sign-in');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${url}/app/jobs`);
  await page.locator('.counts li.some').first().waitFor();
  await shoot('console-jobs');

  // The first demo job with applicants in more than one stage.
  await page.locator('tr', { has: page.locator('.counts li.some') }).first().getByRole('link').first().click();
  await page.locator('.card').first().waitFor();
  await page.locator('.card button[aria-pressed]').first().focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await shoot('console-pipeline');
  await page.keyboard.press('Escape');

  // Someone already interviewing has a history worth showing; a note is added the way a recruiter would.
  await page.getByRole('region', { name: /^Interview / }).locator('.card-name').first().click();
  await page.locator('.timeline li').first().waitFor();
  await page.getByLabel('Add a note for your team').fill('Clear answers on incident response; ask about on-call expectations next.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('.notes li').first().waitFor();

  // An interview with the signed-in admin as the interviewer, scheduled from the profile, then their scorecard.
  const jobId = await page.locator('.applications a[href*="/jobs/"]').first().getAttribute('href').then((href) => href?.split('/').at(-1) ?? '');
  await app.inject({
    method: 'PUT', url: `/v1/jobs/${jobId}/scorecard-criteria`, headers: { authorization: `Bearer ${apiKey}` },
    payload: { criteria: [{ name: 'Incident response', description: 'Calm, methodical, writes things down' }, { name: 'Communication' }] },
  });
  await page.getByRole('button', { name: 'Schedule an interview' }).first().click();
  await page.getByLabel('Starts').fill('2030-05-06T10:00');
  await page.getByLabel('Ends').fill('2030-05-06T11:00');
  await page.getByLabel('Video link').fill('https://meet.example.com/demo-interview');
  await page.getByLabel(`Robin Example (${email})`).check();
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByText('With you').first().waitFor();
  await shoot('console-candidate', { fullPage: true });

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'My interviews' }).click();
  await page.getByRole('link', { name: /^Scorecard for / }).first().waitFor();
  await shoot('console-my-interviews');
  await page.getByRole('link', { name: /^Scorecard for / }).first().click();
  await page.getByRole('group', { name: 'Incident response' }).getByLabel('4 · Excellent').check();
  await page.getByRole('group', { name: 'Communication' }).getByLabel('3 · Good').check();
  await page.getByRole('group', { name: 'Overall recommendation' }).getByLabel('Yes', { exact: true }).check();
  await page.getByLabel('Notes for the hiring team').fill('Walked through a real outage calmly; would like more depth on capacity planning.');
  await shoot('console-scorecard', { fullPage: true });
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('status').getByText('Scorecard submitted.').waitFor();

  // An offer drafted for the same candidate, waiting for the admin's approval.
  await page.getByRole('link', { name: 'Candidate profile' }).click();
  await page.getByRole('button', { name: 'Draft an offer' }).first().click();
  await page.getByLabel('Amount').fill('98000');
  await page.getByLabel('Start date').fill('2030-06-01');
  await page.getByLabel('Add an approver').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add approver' }).click();
  await page.getByRole('button', { name: 'Save draft offer' }).click();
  await page.getByRole('heading', { name: /Draft · terms version 1/ }).waitFor();
  await page.getByRole('heading', { name: 'Offers' }).first().scrollIntoViewIfNeeded();
  await shoot('console-offer');

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByTestId('funnel-table').getByRole('row', { name: /^Applied/ }).waitFor();
  await shoot('console-reports', { fullPage: true });

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('link', { name: 'New job from a posting' }).click();
  await page.getByLabel('Paste the job posting').fill(posting);
  await page.getByRole('button', { name: 'Read the posting' }).click();
  await page.locator('.findings').waitFor();
  await shoot('console-new-job', { fullPage: true });
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('alert').waitFor();
  await shoot('console-job-editor');

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Email').fill('sam.colleague@example.com');
  await page.getByRole('button', { name: 'Invite' }).click();
  await page.getByLabel('Invitation link').waitFor();
  await shoot('console-settings-members', { fullPage: true });
  await page.getByRole('link', { name: 'Careers branding' }).click();
  await page.getByLabel('Accent colour').fill('#0a7d5a');
  await page.getByLabel('Intro text').fill('Small teams, real customers, and time to do things well.');
  await shoot('console-settings-branding');
} finally {
  await browser.close();
  await server.shutdown('screenshots taken');
  rmSync(dataDir, { recursive: true, force: true });
}
