import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { putQuestions } from '../recruiting/applying.helpers.ts';
import { applicationsOf } from '../careers/careers.helpers.ts';
import { launchChromium, seriousViolations, skipBrowser, tabTo } from './browser.helpers.ts';

describe('the careers site in Chromium', { skip: skipBrowser }, () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let pdf: Buffer;
  let slug: string;
  let job: { id: string };
  let q: { why: string; relocate: string; stack: string };
  /** Requests the pages made to any other host, and errors they logged (a CSP refusal is one). */
  const elsewhere: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '100000' });
    // A real socket on the loopback interface only: the browser is the client.
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    slug = t.org.slug;
    pdf = Buffer.from(await makePdf('Mae Jemison\nEngineer, physician, astronaut'));
    await t.app.inject({ method: 'PATCH', url: '/v1/org', headers: t.org.auth, payload: { privacyNoticeUrl: 'https://acme.example/privacy', privacyNoticeVersion: '1' } });
    // Yellow: the header's text must turn black and links a darker shade for the contrast checks to pass.
    await t.app.inject({ method: 'PUT', url: '/v1/org/branding', headers: t.org.auth, payload: { logoUrl: null, accentColor: '#ffcc00', introText: 'We launch things.' } });
    await publishJob(t, t.org, { title: 'Office Manager', workplace: 'onsite' });
    job = await publishJob(t, t.org, { title: 'Rocket Scientist', workplace: 'remote', locations: ['Germany'] });
    const [why, relocate, stack] = await putQuestions(t, t.org, job.id, [
      { label: 'Why rockets?', kind: 'short_text', required: true },
      { label: 'Would you relocate?', kind: 'yes_no', required: true },
      { label: 'Tools you know', kind: 'multi_choice', options: ['Python', 'MATLAB', 'Fortran'] },
    ]);
    if (!why || !relocate || !stack) throw new Error('questions missing');
    q = { why: why.id, relocate: relocate.id, stack: stack.id };
    browser = await launchChromium();
    context = await browser.newContext();
    context.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url}`);
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /**
   * Space on the focused file input opens the chooser. Playwright turns the browser's interception of
   * choosers on only when a page first gets a listener, without waiting for the browser to confirm: a
   * key pressed right after that could open the real dialog unseen (it did, under load). So each page
   * gets a listener when it opens (`interceptChoosers`), long before the key is pressed.
   */
  const interceptChoosers = (page: Page): Page => page.on('filechooser', () => undefined);

  async function fileChosenWithSpace(page: Page, selector: string): Promise<void> {
    await tabTo(page, selector);
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles({ name: 'mae-cv.pdf', mimeType: 'application/pdf', buffer: pdf });
  }

  test('a candidate finds the job with the search form and applies with a PDF using only the keyboard', async () => {
    const page = await interceptChoosers(await context.newPage());
    await page.goto(`${base}/careers/${slug}`);
    await tabTo(page, '#f-q');
    await page.keyboard.type('rocket');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?q=rocket/);
    assert.deepEqual(await page.locator('.jobs h3').allTextContents(), ['Rocket Scientist']);

    await tabTo(page, `a[href="/careers/${slug}/jobs/${job.id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/careers/${slug}/jobs/${job.id}`);
    await tabTo(page, '#f-name');
    await page.keyboard.type('Mae Jemison');
    await tabTo(page, '#f-email');
    await page.keyboard.type('mae@example.test');
    await fileChosenWithSpace(page, '#f-resume');
    await tabTo(page, `#f-answers-${q.why}`);
    await page.keyboard.type('To go to space');
    await tabTo(page, `#f-answers-${q.relocate}`);
    await page.keyboard.press('Space');
    await tabTo(page, `#f-answers-${q.stack}-2`);
    await page.keyboard.press('Space');
    await tabTo(page, '#f-consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[enctype] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/careers/${slug}/jobs/${job.id}/thanks`);
    assert.equal(await page.locator('h1').textContent(), 'Thank you for applying for Rocket Scientist');

    const [application, ...more] = await applicationsOf(t, t.org, job.id);
    assert.equal(more.length, 0);
    const got = (await t.app.inject({ url: `/v1/applications/${application?.id}`, headers: t.org.auth })).json<{ answers: Record<string, unknown> }>();
    assert.deepEqual(got.answers, { [q.why]: 'To go to space', [q.relocate]: true, [q.stack]: ['Fortran'] });
    const files = (await t.app.inject({ url: `/v1/candidates/${application?.candidateId}/attachments`, headers: t.org.auth })).json<{ data: { kind: string; fileName: string }[] }>();
    assert.deepEqual(files.data.map((f) => [f.kind, f.fileName]), [['resume', 'mae-cv.pdf']]);
    await page.close();
    assert.deepEqual(elsewhere, [], 'no request left the site');
    assert.deepEqual(consoleErrors, [], 'nothing was refused by the content security policy');
  });

  test('with JavaScript off, the form comes back with its error and the typed values, then goes through', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${base}/careers/${slug}/jobs/${job.id}`);
      await page.fill('#f-name', 'Sally Ride');
      await page.fill('#f-email', 'sally@example.test');
      await page.fill('#f-coverLetterText', 'Physics\nand flight');
      await page.setInputFiles('#f-resume', { name: 'sally.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.check(`#f-answers-${q.relocate}-1`);
      await page.check(`#f-answers-${q.stack}`);
      await page.check('#f-consent');
      await page.click('form[enctype] button[type=submit]');
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: Rocket Scientist/);
      assert.match(await page.locator('#error-summary').innerText(), /Why rockets\? is required[\s\S]*choose your résumé and any other files again/);
      assert.equal(await page.getAttribute(`#f-answers-${q.why}`, 'aria-invalid'), 'true');
      assert.equal(await page.inputValue('#f-name'), 'Sally Ride');
      assert.equal(await page.inputValue('#f-email'), 'sally@example.test');
      assert.equal(await page.inputValue('#f-coverLetterText'), 'Physics\nand flight');
      assert.equal(await page.isChecked(`#f-answers-${q.relocate}-1`), true);
      assert.equal(await page.isChecked(`#f-answers-${q.stack}`), true);
      assert.equal(await page.isChecked('#f-consent'), true);
      assert.equal(await page.inputValue('#f-resume'), '', 'a browser never refills a file input');

      await page.fill(`#f-answers-${q.why}`, 'Curiosity');
      await page.setInputFiles('#f-resume', { name: 'sally.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.click('form[enctype] button[type=submit]');
      await page.waitForURL(`${base}/careers/${slug}/jobs/${job.id}/thanks`);
      const applications = await applicationsOf(t, t.org, job.id);
      assert.equal(applications.length, 2);
    } finally {
      await noScript.close();
    }
  });

  test('axe-core finds no serious or critical violation on the results, job, apply-error and thank-you pages', async () => {
    const page = await context.newPage();
    const check = async (what: string) => {
      const violations = await seriousViolations(page);
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], what);
    };
    await page.goto(`${base}/careers/${slug}?workplace=remote`);
    await check('results page');
    await page.goto(`${base}/careers/${slug}/jobs/${job.id}`);
    await check('job page');
    await page.fill('#f-email', 'not an email');
    await page.click('form[enctype] button[type=submit]');
    await page.waitForSelector('#error-summary');
    await check('apply-error page');
    await page.goto(`${base}/careers/${slug}/jobs/${job.id}/thanks`);
    await check('thank-you page');
    await page.goto(`${base}/careers/${slug}/jobs/job_unknown`);
    await check('not-found page');
    await page.close();
  });
});
