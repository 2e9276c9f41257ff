import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { queryRows } from '../../src/infra/db/database.ts';
import { publishJob, type TestApp } from '../helpers/app.ts';
import { join, strongPassword, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { skipBrowser, tabTo } from './browser.helpers.ts';
import { assertNoSeriousViolations, openConsole, signIn } from './console.helpers.ts';

interface Application {
  id: string;
  status: string;
  version: number;
  stage: { id: string; name: string };
  rejection: { reasonId: string | null; note: string | null } | null;
}

describe('the recruiter console in Chromium', { skip: skipBrowser }, () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let recruiter: TestUser;
  let job: { id: string };
  let ada: { candidateId: string; applicationId: string };
  let grace: { candidateId: string; applicationId: string };
  let linus: { candidateId: string; applicationId: string };
  let elsewhere: string[];
  let consoleErrors: string[];
  let close: (() => Promise<void>) | undefined;

  const application = async (id: string): Promise<Application> =>
    (await t.app.inject({ url: `/v1/applications/${id}`, headers: t.org.auth })).json<Application>();
  const stageNamed = async (name: string): Promise<string> => {
    const { stages } = (await t.app.inject({ url: `/v1/jobs/${job.id}/pipeline`, headers: t.org.auth })).json<{ stages: { id: string; name: string }[] }>();
    const stage = stages.find((s) => s.name === name);
    if (!stage) throw new Error(`no stage ${name} in ${stages.map((s) => s.name).join(', ')}`);
    return stage.id;
  };
  const noSeriousViolations = (what: string) => assertNoSeriousViolations(page, what);
  const card = (name: string) => page.locator('li.card', { has: page.getByRole('link', { name }) });
  const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+$`) });

  before(async () => {
    ({ t, base, context, page, elsewhere, consoleErrors, close } = await openConsole());
    recruiter = await join(t, t.org.auth, 'recruiter');
    await publishJob(t, t.org, { title: 'Office Manager' });
    job = await publishJob(t, t.org, { title: 'Compiler Engineer' });
    ada = await addApplicant(t, t.org.id, job.id, { name: 'Ada Lovelace', email: 'ada@example.test' });
    grace = await addApplicant(t, t.org.id, job.id, { name: 'Grace Hopper', email: 'grace@example.test' });
    linus = await addApplicant(t, t.org.id, job.id, { name: 'Linus Pauling', email: 'linus@example.test' });
  });
  after(async () => {
    await close?.();
  });

  test('a recruiter signs in and sees the jobs with their applications per stage', async () => {
    await page.goto(`${base}/app`);
    await page.waitForURL(`${base}/app/sign-in`);
    await noSeriousViolations('sign-in page');
    await page.getByLabel('Email').fill(recruiter.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.match(await page.getByRole('alert').innerText(), /password/i, 'the API\'s refusal is shown');
    await page.getByLabel('Password').fill(recruiter.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${base}/app/jobs`);
    // Survives only as long as the page is not loaded again: the screens below change without a reload.
    await page.evaluate('window.sameDocument = true');

    const row = page.getByRole('row', { name: /Compiler Engineer/ });
    await row.getByText('Applied 3').waitFor();
    // Each row's counts load on their own: wait for this one's rather than read it while it still says "…".
    await page.getByRole('row', { name: /Office Manager/ }).getByText('Applied 0').waitFor();
    await noSeriousViolations('jobs list');
  });

  test('on the pipeline board a card moves with the keyboard, and the API has it in the new stage', async () => {
    await page.getByRole('link', { name: 'Compiler Engineer' }).click();
    await page.waitForURL(`${base}/app/jobs/${job.id}`);
    await column('Applied').getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await noSeriousViolations('pipeline board');

    // The Move button is the card's toggle (aria-pressed while picked up).
    await tabTo(page, `li[data-application-id="${ada.applicationId}"] button[aria-pressed]`);
    await page.keyboard.press('Enter');
    const announcer = page.getByTestId('announcer');
    assert.match(await announcer.innerText(), /Picked up Ada Lovelace in Applied/);
    await page.keyboard.press('ArrowRight');
    assert.match(await announcer.innerText(), /^Screen, stage 2 of/);
    await page.keyboard.press('Enter');
    await column('Screen').getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await page.getByTestId('announcer').getByText('Ada Lovelace moved to Screen.').waitFor();
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.textContent ?? undefined'), 'Move Ada Lovelace', 'focus follows the card');
    assert.equal((await application(ada.applicationId)).stage.id, await stageNamed('Screen'));
    assert.equal(await column('Screen').getByRole('heading').textContent(), 'Screen 1');
  });

  test('a card dragged with the mouse lands in the stage it is dropped on', async () => {
    await card('Linus Pauling').dragTo(column('Screen'));
    await column('Screen').getByRole('link', { name: 'Linus Pauling' }).waitFor();
    await page.getByTestId('announcer').getByText('Linus Pauling moved to Screen.').waitFor();
    assert.equal((await application(linus.applicationId)).stage.id, await stageNamed('Screen'));
  });

  test('a move the API refuses is put back, with the problem detail shown', async () => {
    // Someone else moves Linus on in the meantime: the board's card is now stale.
    const interview = await stageNamed('Interview');
    const current = await application(linus.applicationId);
    await t.app.inject({ method: 'POST', url: `/v1/applications/${linus.applicationId}/move`, headers: t.org.auth, payload: { stageId: interview, expectedVersion: current.version } });

    await card('Linus Pauling').getByRole('button', { name: 'Move Linus Pauling' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /^Could not move Linus Pauling to Applied: .*version/i);
    // Put back where the board last saw it, then refreshed to where it really is.
    await column('Interview').getByRole('link', { name: 'Linus Pauling' }).waitFor();
    assert.equal((await application(linus.applicationId)).stage.id, interview);
  });

  test('a recruiter rejects an application with a reason from the org\'s list', async () => {
    const reasons = (await t.app.inject({ url: '/v1/rejection-reasons', headers: t.org.auth })).json<{ data: { id: string; name: string }[] }>().data;
    const reason = reasons[0];
    assert.ok(reason);
    await card('Grace Hopper').getByRole('button', { name: 'Reject Grace Hopper' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject Grace Hopper' });
    await dialog.getByLabel('Reason').selectOption({ label: reason.name });
    await dialog.getByLabel('Note for your team').fill('Hired elsewhere, sadly');
    await noSeriousViolations('reject dialog');
    await dialog.getByRole('button', { name: 'Reject application' }).click();
    await page.getByTestId('announcer').getByText('Grace Hopper was rejected.').waitFor();
    assert.equal(await card('Grace Hopper').count(), 0);
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.textContent ?? undefined'), 'Applied 0', 'focus lands on the column the card left');
    const rejected = await application(grace.applicationId);
    assert.equal(rejected.status, 'rejected');
    assert.deepEqual(rejected.rejection, { reasonId: reason.id, note: 'Hired elsewhere, sadly' });
  });

  test('the candidate profile shows contact, applications and history, and takes a note', async () => {
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.waitForURL(`${base}/app/candidates/${ada.candidateId}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await page.getByRole('link', { name: 'ada@example.test' }).waitFor();
    await page.getByRole('list').filter({ hasText: 'Compiler Engineer — Screen' }).waitFor();
    await page.getByText(/Moved from Applied to Screen by Test recruiter/).waitFor();
    await page.getByText('No notes yet.').waitFor();
    await noSeriousViolations('candidate profile');
    assert.equal(await page.evaluate('window.sameDocument'), true, 'no screen so far loaded the page again');

    // After a reload the CSRF token is gone from memory: the console asks GET /v1/auth/csrf for another.
    await page.reload();

    await page.getByLabel('Add a note for your team').fill('Strong on analytical engines.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.notes').getByText('Strong on analytical engines.').waitFor();
    const notes = (await t.app.inject({ url: `/v1/candidates/${ada.candidateId}/notes`, headers: t.org.auth })).json<{ data: { body: string; author: { id: string } }[] }>().data;
    assert.deepEqual(notes.map((n) => [n.body, n.author.id]), [['Strong on analytical engines.', recruiter.userId]]);
  });

  test('when the 10-minute access cookie has run out, the console refreshes the session and carries on', async () => {
    await context.clearCookies({ name: '__Host-hl_access' });
    await page.getByRole('navigation').getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('row', { name: /Compiler Engineer/ }).waitFor();
    assert.equal((await context.cookies()).filter((c) => c.name === '__Host-hl_access').length, 1, 'a new access cookie was set');
  });

  test('signing out ends the session: the console asks to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/app/sign-in`);
    await page.goto(`${base}/app/jobs`);
    await page.waitForURL(`${base}/app/sign-in`);
    const me = await page.evaluate<number>('fetch("/v1/me").then((r) => r.status)');
    assert.equal(me, 401);
    assert.deepEqual(elsewhere, [], 'no request left the server');
    assert.deepEqual(consoleErrors.filter((e) => !/status of 401/.test(e)), [], 'nothing was refused by the content security policy');
  });

  test('a person who forgot their password asks for a link, and the emailed link sets a new one', async () => {
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${base}/app/reset-password`);
    await noSeriousViolations('password reset request page');
    await page.getByLabel('Email').fill(recruiter.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('status').getByText(/a link to reset its password is on its way/).waitFor();

    // The link as the email carries it: by default it opens the console, which serves /app. The request is
    // answered before the email is queued (the same answer whether or not the account exists), and the send
    // task may already have rendered it (its data then lives in the body): so wait for the row, read either.
    let mail: { url: string | null } | undefined;
    for (let tries = 0; !mail?.url && tries < 300; tries++) {
      if (tries > 0) await sleep(50);
      [mail] = await queryRows<{ url: string | null }>(t.container.database.unscoped, sql`
        select coalesce(data->>'url', substring(text_body from 'https?://[^[:space:]]*/reset-password[?][^[:space:]]*')) as url
        from outgoing_mail where template = 'password-reset' and to_address = ${recruiter.email}`);
    }
    assert.ok(mail?.url, 'the reset email was queued with its link');
    const link = new URL(mail.url);
    assert.equal(link.pathname, '/app/reset-password');
    await page.goto(`${base}${link.pathname}${link.search}`);
    const password = strongPassword();
    await page.getByLabel('New password').fill(password);
    await noSeriousViolations('new password page');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('status').getByText(/Your password is changed/).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, base, { email: recruiter.email, password });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/app/sign-in`);
  });

  test('a viewer sees the pipeline and the candidate but is offered no change the API would refuse', async () => {
    // The viewer joins through the invitation's link (APP_BASE_URL pointing at /app makes the emailed link this one).
    const invited = await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: t.org.auth, payload: { email: 'vera@example.test', role: 'viewer' } });
    await page.goto(`${base}/app/accept-invitation?token=${encodeURIComponent(invited.json<{ token: string }>().token)}`);
    await page.getByLabel('Your name').fill('Vera Viewer');
    await page.getByLabel('Choose a password').fill(strongPassword());
    await noSeriousViolations('invitation page');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(`${base}/app/jobs`);
    assert.match(await page.getByRole('banner').innerText(), /Vera Viewer · Acme · viewer/i);
    await page.getByRole('link', { name: 'Compiler Engineer' }).click();
    await column('Screen').getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    assert.match(await page.locator('#move-help').innerText(), /can look at this pipeline but not change it/);
    assert.equal(await page.getByRole('button', { name: /^(Move|Reject) / }).count(), 0);
    assert.equal(await card('Ada Lovelace').getAttribute('draggable'), 'false');
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.locator('.notes').getByText('Strong on analytical engines.').waitFor();
    assert.equal(await page.getByLabel('Add a note for your team').count(), 0);

    // A session that can no longer be refreshed (here: its cookies gone) sends the person to sign in again.
    await page.getByRole('navigation').getByRole('link', { name: 'Jobs' }).click();
    await context.clearCookies();
    await page.getByLabel('Status').selectOption('closed');
    await page.waitForURL(`${base}/app/sign-in`);
  });
});
