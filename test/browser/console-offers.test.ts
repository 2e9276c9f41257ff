import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishJob, type TestApp } from '../helpers/app.ts';
import { join, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { skipBrowser } from './browser.helpers.ts';
import { assertNoSeriousViolations, openConsole, signIn, type ConsoleBrowser } from './console.helpers.ts';

interface Applicant { candidateId: string; applicationId: string }

describe('the recruiter console: bulk actions, offers through approval to a hire, reports', { skip: skipBrowser }, () => {
  let browser: ConsoleBrowser;
  let t: TestApp;
  let page: Page;
  let recruiter: TestUser;
  let admin: TestUser;
  let job: { id: string };
  let ada: Applicant;
  let cleo: Applicant;

  const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+$`) });
  const application = async (id: string) =>
    (await t.app.inject({ url: `/v1/applications/${id}`, headers: t.org.auth })).json<{ status: string; stage: { name: string } }>();
  const offers = async () =>
    (await t.app.inject({ url: `/v1/applications/${ada.applicationId}/offers`, headers: t.org.auth })).json<{ data: { status: string; terms: { version: number; salary: { amount: number } } }[] }>().data;
  const openAdaProfile = async () => {
    await page.getByRole('link', { name: 'Orchard Lead' }).click();
    await page.getByRole('link', { name: 'Ada Moreau' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Moreau' }).waitFor();
  };
  const offer = () => page.getByRole('article', { name: /^Offer/ });

  before(async () => {
    // Signing in as someone else clears the cookies: the sign-in page's session checks are then refused (401).
    browser = await openConsole(/status of 401/);
    ({ t, page } = browser);
    recruiter = await join(t, t.org.auth, 'recruiter');
    admin = await join(t, t.org.auth, 'admin');
    job = await publishJob(t, t.org, { title: 'Orchard Lead' });
    ada = await addApplicant(t, t.org.id, job.id, { name: 'Ada Moreau', email: 'ada.moreau@example.test' });
    await addApplicant(t, t.org.id, job.id, { name: 'Ben Okoro', email: 'ben.okoro@example.test' });
    cleo = await addApplicant(t, t.org.id, job.id, { name: 'Cleo Ruiz', email: 'cleo.ruiz@example.test' });
    await addApplicant(t, t.org.id, job.id, { name: 'Dev Patel', email: 'dev.patel@example.test' });
  });
  after(async () => {
    await browser?.close();
  });

  test('a recruiter bulk-moves applicants, sees the one that could not move, and bulk-rejects another', async () => {
    await signIn(page, browser.base, recruiter);
    await page.getByRole('link', { name: 'Orchard Lead' }).click();
    await column('Applied').getByRole('link', { name: 'Dev Patel' }).waitFor();

    await page.getByRole('checkbox', { name: 'Select Ada Moreau' }).check();
    // The keyboard way: a checkbox takes Space.
    await page.getByRole('checkbox', { name: 'Select Ben Okoro' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Select Cleo Ruiz' }).check();
    await page.getByRole('heading', { name: 'Selected: 3 applications' }).waitFor();
    await page.getByLabel('Move to').selectOption({ label: 'Screen' });
    await assertNoSeriousViolations(page, 'pipeline board with cards selected');

    // Meanwhile the candidate withdraws one of them: that item is refused, the others move.
    const withdrawn = await t.app.inject({ method: 'POST', url: `/v1/applications/${cleo.applicationId}/withdraw`, headers: t.org.auth, payload: {} });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    await page.getByRole('button', { name: 'Move selected' }).click();
    const results = page.getByTestId('bulk-results');
    await results.getByRole('heading', { name: 'Move to Screen: 2 of 3 done' }).waitFor();
    const lines = await results.getByRole('listitem').allInnerTexts();
    assert.deepEqual(lines.slice(0, 2), ['Ada Moreau: moved to Screen.', 'Ben Okoro: moved to Screen.']);
    assert.match(lines[2] ?? '', /^Cleo Ruiz: not changed\. .*the candidate withdrew/);
    await column('Screen').getByRole('link', { name: 'Ada Moreau' }).waitFor();
    await column('Screen').getByRole('link', { name: 'Ben Okoro' }).waitFor();
    assert.equal(await column('Applied').getByRole('link', { name: 'Cleo Ruiz' }).count(), 0, 'the board was read again');
    await page.getByRole('heading', { name: 'Selected: 0 applications' }).waitFor();
    await assertNoSeriousViolations(page, 'bulk results');

    await column('Applied').getByRole('checkbox', { name: 'Select all in Applied' }).check();
    assert.equal(await page.getByRole('checkbox', { name: 'Select Dev Patel' }).isChecked(), true);
    await page.getByRole('button', { name: 'Reject selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject 1 application' });
    await dialog.getByLabel('Reason').selectOption({ index: 1 });
    await dialog.getByLabel('Note for your team').fill('Looking for more orchard experience');
    await assertNoSeriousViolations(page, 'bulk reject dialog');
    await dialog.getByRole('button', { name: 'Reject application' }).click();
    await results.getByRole('heading', { name: 'Reject: 1 of 1 done' }).waitFor();
    assert.deepEqual(await results.getByRole('listitem').allInnerTexts(), ['Dev Patel: rejected.']);
    await column('Applied').getByText('No applications').waitFor();
  });

  test('the recruiter drafts an offer, changes its terms and submits it for approval', async () => {
    await column('Screen').getByRole('link', { name: 'Ada Moreau' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Moreau' }).waitFor();
    await page.getByText('No offers.').waitFor();
    await page.getByRole('button', { name: 'Draft an offer' }).click();
    await page.getByLabel('Amount').fill('85000');
    assert.equal(await page.getByLabel('Currency').inputValue(), 'EUR', 'the job\'s salary currency is offered');
    await page.getByLabel('Start date').fill('2030-05-01');
    await page.getByLabel('Add an approver').selectOption({ label: 'Test admin (admin)' });
    await page.getByRole('button', { name: 'Add approver' }).click();
    await page.getByRole('button', { name: 'Remove Test admin' }).waitFor();
    await assertNoSeriousViolations(page, 'offer form');
    await page.getByRole('button', { name: 'Save draft offer' }).click();

    await offer().getByRole('heading', { name: /Draft · terms version 1/ }).waitFor();
    await offer().getByText('Test admin: pending').waitFor();
    await offer().getByRole('button', { name: 'Edit terms' }).click();
    await offer().getByLabel('Amount').fill('87500');
    await offer().getByRole('button', { name: 'Save changes' }).click();
    await offer().getByRole('heading', { name: /Draft · terms version 2/ }).waitFor();
    await offer().getByRole('button', { name: 'Show version history' }).click();
    const versions = offer().getByRole('table');
    await versions.getByRole('row', { name: /^2 / }).waitFor();
    assert.match(await versions.getByRole('row', { name: /^1 / }).innerText(), /85,000/);
    assert.match(await versions.getByRole('row', { name: /^2 / }).innerText(), /87,500/);
    await assertNoSeriousViolations(page, 'offer with its version history');

    await offer().getByRole('button', { name: 'Submit for approval' }).click();
    await offer().getByRole('heading', { name: /Awaiting approval/ }).waitFor();
    assert.equal(await offer().getByRole('button', { name: 'Approve' }).count(), 0, 'only a named approver approves');
    assert.deepEqual((await offers()).map((o) => [o.status, o.terms.version, o.terms.salary.amount]), [['pending_approval', 2, 87500]]);
  });

  test('the approver signs in, approves with a note, and sets how offers are approved', async () => {
    await browser.context.clearCookies();
    await signIn(page, browser.base, admin);
    await openAdaProfile();
    await offer().getByText('You: pending').waitFor();
    await offer().getByRole('button', { name: 'Approve' }).click();
    await offer().getByLabel('Note').fill('Within the band');
    await offer().getByRole('button', { name: 'Confirm: approve' }).click();
    await offer().getByRole('status').getByText('You approved the offer.').waitFor();
    await offer().getByRole('heading', { name: /Approved, not yet sent/ }).waitFor();
    await offer().getByText('Within the band').waitFor();

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Offer approvals' }).click();
    await page.getByLabel('One after another').waitFor();
    assert.equal(await page.getByLabel('One after another').isChecked(), true, 'the default mode');
    await assertNoSeriousViolations(page, 'offer settings');
    await page.getByLabel('All at once').check();
    await page.getByRole('button', { name: 'Save offer settings' }).click();
    await page.getByRole('status').getByText('Offer settings saved.').waitFor();
    const settings = (await t.app.inject({ url: '/v1/offer-settings', headers: t.org.auth })).json<{ approvalMode: string }>();
    assert.equal(settings.approvalMode, 'parallel');
  });

  test('the recruiter sends the offer and records the acceptance, which hires Ada and closes the filled job', async () => {
    await browser.context.clearCookies();
    await signIn(page, browser.base, recruiter);
    await openAdaProfile();
    await offer().getByRole('button', { name: 'Mark as sent' }).click();
    await offer().getByRole('heading', { name: /Sent, awaiting/ }).waitFor();
    await offer().getByRole('button', { name: 'Mark accepted' }).click();
    await offer().getByText(/this hires them/).waitFor();
    await offer().getByRole('button', { name: 'Confirm: mark accepted' }).click();
    await offer().getByRole('heading', { name: /Accepted/ }).waitFor();
    await page.getByTestId('hire-outcome').getByText('Hired. Orchard Lead: 1 of 1 opening filled; the job is closed, as it fills no more.').waitFor();
    await page.getByRole('region', { name: 'Applications' }).getByText('(hired)').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Draft an offer' }).count(), 0, 'a hired application gets no new offer');
    await assertNoSeriousViolations(page, 'accepted offer');

    const hired = await application(ada.applicationId);
    assert.deepEqual([hired.status, hired.stage.name], ['hired', 'Hired']);
    const closed = (await t.app.inject({ url: `/v1/jobs/${job.id}`, headers: t.org.auth })).json<{ status: string; openingsFilled: number }>();
    assert.deepEqual([closed.status, closed.openingsFilled], ['closed', 1]);
  });

  test('the reports show the funnel, the hire and the source this story made', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(`${browser.base}/app/reports`);
    await page.getByLabel('Job').selectOption({ label: 'Orchard Lead (closed)' });
    const funnel = page.getByTestId('funnel-table');
    await funnel.getByRole('row', { name: /^Applied/ }).waitFor();
    const row = async (name: string) => (await funnel.getByRole('row', { name: new RegExp(`^${name} `) }).locator('th, td').allInnerTexts()).slice(0, 5);
    // Stage, entered, moved on, conversion, in stage now.
    assert.deepEqual(await row('Applied'), ['Applied', '4', '2', '50%', '0']);
    assert.deepEqual(await row('Screen'), ['Screen', '2', '1', '50%', '1']);
    assert.deepEqual(await row('Interview'), ['Interview', '0', '0', '—', '0']);
    assert.deepEqual((await row('Hired')).slice(0, 2), ['Hired', '1']);
    await page.getByTestId('time-to-hire-overall').getByText(/^1 hire: median/).waitFor();
    const board = page.getByTestId('sources-table').getByRole('row', { name: /^board/ });
    assert.deepEqual((await board.locator('th, td').allInnerTexts()).slice(0, 4), ['board', '4', '0', '1']);
    await assertNoSeriousViolations(page, 'reports');

    // A period before any of it counts nothing.
    await page.getByLabel('Applied from').fill('2020-01-01');
    await page.getByLabel('until').fill('2020-12-31');
    await page.getByText('No hires among the applications in this period.').waitFor();
    await page.getByText('No applications in this period.').waitFor();
    assert.deepEqual(browser.elsewhere, [], 'no request left the server');
    assert.deepEqual(browser.consoleErrors, [], 'nothing was refused by the content security policy');
  });
});
