import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishJob, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { join, type TestUser } from '../helpers/identity.ts';
import { applyMultipart } from '../recruiting/applying.helpers.ts';
import { skipBrowser } from './browser.helpers.ts';
import { assertNoSeriousViolations, openConsole, signIn, type ConsoleBrowser } from './console.helpers.ts';

describe('the recruiter console: org settings, and a candidate\'s files, tags, mentions and duplicates', { skip: skipBrowser }, () => {
  let browser: ConsoleBrowser;
  let t: TestApp;
  let page: Page;
  let admin: TestUser;
  let recruiter: TestUser;

  before(async () => {
    // Refusals the story causes: a template that does not render (400), the signed-out check after cookies are
    // cleared (401), no identity provider yet (404) and a webhook to a loopback address (422).
    browser = await openConsole(/status of (400|401|404|422)/);
    ({ t, page } = browser);
    admin = await join(t, t.org.auth, 'admin');
    recruiter = await join(t, t.org.auth, 'recruiter');
  });
  after(async () => {
    await browser?.close();
  });

  const settingsTab = (name: string) => page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name, exact: true }).click();

  test('an admin creates an API key, sees its secret once, then only its prefix, and revokes it', async () => {
    await signIn(page, browser.base, admin);
    await page.evaluate('window.sameDocument = true');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await settingsTab('API keys');
    await page.getByLabel('Key name').fill('Nightly export');
    await page.getByLabel('candidates:read').check();
    await assertNoSeriousViolations(page, 'API keys');
    await page.getByRole('button', { name: 'Create key' }).click();

    const secret = await page.getByLabel('New API key').inputValue();
    assert.match(secret, /^hl_/);
    assert.equal((await t.app.inject({ url: '/v1/candidates', headers: { authorization: `Bearer ${secret}` } })).statusCode, 200, 'the key works');
    const row = page.getByRole('row', { name: /Nightly export/ });
    assert.match(await row.innerText(), /jobs:read, candidates:read\s+never\s+active/);
    assert.doesNotMatch(await row.innerText(), new RegExp(secret));

    await settingsTab('Reject reasons');
    await settingsTab('API keys');
    await row.waitFor();
    assert.equal(await page.getByLabel('New API key').count(), 0, 'the secret is not shown again');

    await page.getByRole('button', { name: 'Revoke the key Nightly export' }).click();
    await page.getByRole('group', { name: /^Revoke Nightly export\?/ }).getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText(/^revoked/).waitFor();
    assert.equal((await t.app.inject({ url: '/v1/candidates', headers: { authorization: `Bearer ${secret}` } })).statusCode, 401, 'the revoked key is refused');
  });

  test('an admin adds a reject reason', async () => {
    await settingsTab('Reject reasons');
    await page.getByLabel('New reason').fill('Needs a work permit');
    await page.getByRole('button', { name: 'Add reason' }).click();
    await page.getByRole('status').getByText('The reason “Needs a work permit” was added.').waitFor();
    await page.getByRole('button', { name: 'Archive Needs a work permit' }).waitFor();
    await assertNoSeriousViolations(page, 'reject reasons');
    const { data } = (await t.app.inject({ url: '/v1/rejection-reasons', headers: t.org.auth })).json<{ data: { name: string; archived: boolean }[] }>();
    assert.deepEqual(data.filter((r) => r.name === 'Needs a work permit').map((r) => r.archived), [false]);
  });

  test('an admin edits an email template, previews it rendered, sees why a broken one does not render, saves it, and turns rejection emails on', async () => {
    await settingsTab('Email templates');
    assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), 'application-received');
    await page.getByLabel('Subject').fill('We have your application, {{ candidate.name }}');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('preview-subject').getByText('We have your application, Ada Lovelace').waitFor();
    const html = page.frameLocator('iframe[title="The email\'s HTML part, rendered"]');
    await html.getByText('Backend Engineer').waitFor();
    await assertNoSeriousViolations(page, 'email template and its preview');

    await page.getByLabel('Subject').fill('Hello {{ candidate.nickname }}');
    await page.getByRole('button', { name: 'Preview' }).click();
    assert.match(await page.getByRole('alert').innerText(), /^Could not preview the template: .*nickname/);

    await page.getByLabel('Subject').fill('We have your application, {{ candidate.name }}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('status').getByText(/^Template saved/).waitFor();
    const saved = (await t.app.inject({ url: '/v1/email-templates/application-received', headers: t.org.auth })).json<{ overridden: boolean; subject: string }>();
    assert.deepEqual([saved.overridden, saved.subject], [true, 'We have your application, {{ candidate.name }}']);

    const rejectionEmails = page.getByRole('form', { name: 'Rejection emails' });
    await rejectionEmails.getByLabel('Email candidates when they are rejected').check();
    await rejectionEmails.getByLabel('After (hours)').fill('24');
    await rejectionEmails.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Email settings saved.').waitFor();
    const settings = (await t.app.inject({ url: '/v1/email-settings', headers: t.org.auth })).json<{ rejection: { enabled: boolean; delayMinutes: number } }>();
    assert.deepEqual(settings.rejection, { enabled: true, delayMinutes: 1440 });
  });

  test('an admin adds a webhook (a private address is refused) and sees its signing secret once', async () => {
    await settingsTab('Webhooks');
    await page.getByText('No webhooks yet.').waitFor();
    await page.getByLabel(/^Endpoint URL/).fill('https://127.0.0.1/hooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    assert.match(await page.getByRole('alert').innerText(), /^Could not add the webhook: Hireline does not call 127\.0\.0\.1/);

    await page.getByLabel(/^Endpoint URL/).fill('https://1.1.1.1/hireline');
    await page.getByLabel(/^Description/).fill('Payroll sync');
    await page.getByLabel(/^Event types/).fill('candidate.hired, application.hired');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    assert.match(await page.getByLabel('Signing secret').inputValue(), /^whsec_/);
    await page.getByText('Payroll sync · candidate.hired, application.hired').waitFor();
    await page.getByRole('button', { name: 'Edit https://1.1.1.1/hireline' }).click();
    const edit = page.getByRole('form', { name: 'Edit https://1.1.1.1/hireline' });
    await edit.getByLabel(/^Description/).fill('Payroll and HR sync');
    await edit.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByText('Payroll and HR sync · candidate.hired, application.hired').waitFor();
    await page.getByRole('button', { name: 'Deliveries to https://1.1.1.1/hireline' }).click();
    await page.getByText('No deliveries yet.').waitFor();
    await assertNoSeriousViolations(page, 'webhooks');
    const { data } = (await t.app.inject({ url: '/v1/webhooks', headers: t.org.auth })).json<{ data: { url: string; description: string; enabled: boolean; eventTypes: string[] }[] }>();
    assert.deepEqual(data.map((w) => [w.url, w.description, w.enabled, w.eventTypes]), [['https://1.1.1.1/hireline', 'Payroll and HR sync', true, ['candidate.hired', 'application.hired']]]);
  });

  test('an admin saves a pipeline template and a retention policy, and sees the SSO page; each passes axe', async () => {
    await settingsTab('Pipeline templates');
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByLabel('Template name').fill('Agency hires');
    await page.getByLabel('Stage 3 name', { exact: true }).fill('Client interview');
    await assertNoSeriousViolations(page, 'pipeline template editor');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('status').getByText('The template Agency hires was saved.').waitFor();
    await page.getByText('Applied → Screen → Client interview → Offer → Hired').waitFor();

    await settingsTab('Data retention');
    await page.getByLabel('Anonymize candidates automatically').check();
    await page.getByLabel('Months after the last application closed').fill('9');
    await assertNoSeriousViolations(page, 'data retention');
    await page.getByRole('button', { name: 'Save retention policy' }).click();
    await page.getByRole('status').getByText('Retention policy saved.').waitFor();
    const policy = (await t.app.inject({ url: '/v1/retention-policy', headers: t.org.auth })).json<{ enabled: boolean; anonymizeAfterMonths: number }>();
    assert.deepEqual([policy.enabled, policy.anonymizeAfterMonths], [true, 9]);

    await settingsTab('Single sign-on');
    await page.getByText(/No identity provider yet/).waitFor();
    await assertNoSeriousViolations(page, 'single sign-on');
    assert.equal(await page.evaluate('window.sameDocument'), true, 'settings changed without loading the page again');
  });

  test('an admin changes a member\'s role', async () => {
    await settingsTab('Members and invitations');
    const roleChanged = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/v1/members/${recruiter.userId}`));
    const roleOf = async () => (await t.app.inject({ url: '/v1/members', headers: t.org.auth })).json<{ data: { userId: string; role: string }[] }>()
      .data.find((m) => m.userId === recruiter.userId)?.role;
    await Promise.all([roleChanged(), page.getByLabel('Permissions of Test recruiter').selectOption('hiring manager')]);
    assert.equal(await roleOf(), 'hiring_manager');
    await page.getByRole('button', { name: 'Remove Test recruiter' }).waitFor();
    await assertNoSeriousViolations(page, 'members with roles to change');
    // Back to recruiter, for the rest of the story.
    await Promise.all([roleChanged(), page.getByLabel('Permissions of Test recruiter').selectOption('recruiter')]);
    assert.equal(await roleOf(), 'recruiter');
  });

  test('a recruiter tags a candidate, writes a note mentioning a member, and previews the résumé', async () => {
    const job = await publishJob(t, t.org, { title: 'Night Shift Nurse' });
    const applied = await applyMultipart(t, t.org, job.id, [
      ['name', 'Priya Raman'], ['email', 'priya@example.test'], ['phone', '+49 30 5550101'],
      ['resume', { bytes: await makePdf('Priya Raman\nRegistered nurse, intensive care'), name: 'priya-cv.pdf', type: 'application/pdf' }],
    ]);
    assert.equal(applied.statusCode, 201, applied.body);
    const { candidateId } = (await t.app.inject({ url: `/v1/applications/${applied.json<{ applicationId: string }>().applicationId}`, headers: t.org.auth }))
      .json<{ candidateId: string }>();

    await browser.context.clearCookies();
    await signIn(page, browser.base, recruiter);
    const preview = page.waitForResponse((r) => r.url().endsWith('/content?disposition=inline'));
    await page.getByRole('link', { name: 'Night Shift Nurse' }).click();
    await page.getByRole('link', { name: 'Priya Raman' }).click();
    await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();

    const pdf = await preview;
    assert.equal(pdf.status(), 200);
    assert.equal(await pdf.headerValue('content-type'), 'application/pdf');
    assert.match(await pdf.headerValue('content-disposition') ?? '', /^inline; filename="priya-cv.pdf"/);
    await page.locator('iframe[title="Preview of priya-cv.pdf"]').waitFor();
    assert.match(await page.getByRole('link', { name: 'priya-cv.pdf' }).getAttribute('href') ?? '', /\/attachments\/att_\w+\/content$/);

    await page.getByText('No tags.').waitFor();
    await page.getByLabel('Add a tag').fill('night shift');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('list', { name: 'Tags' }).getByText('night shift').waitFor();

    const note = page.getByLabel('Add a note for your team');
    await note.pressSequentially('Could you check the work permit, @adm');
    await page.getByRole('listbox', { name: 'Members to mention' }).getByRole('option', { name: /^Test admin/ }).waitFor();
    await assertNoSeriousViolations(page, 'candidate profile with files, tags and the mention list');
    await note.press('Enter');
    await note.pressSequentially('? Thanks.');
    assert.equal(await note.inputValue(), 'Could you check the work permit, @Test admin ? Thanks.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText(/mentions Test admin$/).waitFor();

    const candidate = (await t.app.inject({ url: `/v1/candidates/${candidateId}`, headers: t.org.auth })).json<{ tags: string[] }>();
    assert.deepEqual(candidate.tags, ['night shift']);
    const notes = (await t.app.inject({ url: `/v1/candidates/${candidateId}/notes`, headers: t.org.auth })).json<{ data: { body: string; mentions: string[] }[] }>();
    assert.deepEqual(notes.data.map((n) => [n.body, n.mentions]), [['Could you check the work permit, @Test admin ? Thanks.', [admin.userId]]]);
  });

  test('a recruiter reviews possible duplicates and merges two after confirming', async () => {
    const create = async (email: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: t.org.auth, payload: { name: 'Jonas Weber', emails: [email], phones: ['+49 30 901820'] } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: string }>().id;
    };
    const kept = await create('jonas@example.test');
    const merged = await create('j.weber@example.test');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Duplicates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    const mergeIntoKept = { name: 'Keep jonas@example.test: merge Jonas Weber (j.weber@example.test) into Jonas Weber (jonas@example.test)' };
    await page.getByRole('button', mergeIntoKept).waitFor();
    await assertNoSeriousViolations(page, 'possible duplicates');

    await page.locator(`a[href="/app/candidates/${kept}"]`).click();
    const section = page.getByRole('region', { name: 'Possible duplicates' });
    await section.getByRole('button', mergeIntoKept).click();
    const confirm = section.getByRole('group', { name: /^Merge Jonas Weber \(j\.weber@example\.test\) into Jonas Weber \(jonas@example\.test\)\? .*cannot be undone/ });
    assert.equal((await t.app.inject({ url: `/v1/candidates/${merged}`, headers: t.org.auth })).statusCode, 200, 'nothing is merged before confirming');
    await assertNoSeriousViolations(page, 'merge confirmation on the profile');
    await confirm.getByRole('button', { name: 'Yes, keep jonas@example.test' }).click();
    await section.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'j.weber@example.test' }).waitFor();

    const after = (await t.app.inject({ url: `/v1/candidates/${kept}`, headers: t.org.auth })).json<{ emails: string[] }>();
    assert.deepEqual(after.emails.sort(), ['j.weber@example.test', 'jonas@example.test']);
    assert.equal((await t.app.inject({ url: `/v1/candidates/${merged}`, headers: t.org.auth })).statusCode, 404, 'the other record was merged away');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Duplicates' }).click();
    await page.getByText('No possible duplicates.').waitFor();

    // A recruiter's settings: what their permissions reach, and members to see but not to change.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('row', { name: /Test admin/ }).waitFor();
    const tabs = await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allInnerTexts();
    assert.deepEqual(tabs, ['Members and invitations', 'Pipeline templates', 'Reject reasons']);
    assert.equal(await page.getByRole('button', { name: /^Remove / }).count(), 0);
    // Chromium's PDF viewer (the résumé preview) loads its own built-in pages: not requests to anywhere.
    assert.deepEqual(browser.elsewhere.filter((url) => !/^chrome(-extension)?:\/\//.test(url)), [], 'no request left the server');
    assert.deepEqual(browser.consoleErrors, [], 'nothing was refused by the content security policy');
  });
});
