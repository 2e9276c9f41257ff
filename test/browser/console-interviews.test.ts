import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishJob, type TestApp } from '../helpers/app.ts';
import { join, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { skipBrowser } from './browser.helpers.ts';
import { assertNoSeriousViolations, openConsole, signIn, type ConsoleBrowser } from './console.helpers.ts';

interface Interview { id: string; start: string; end: string; interviewers: string[]; sequence: number; videoUrl: string | null }
interface Summary { othersHidden: boolean; submitted: { interviewerId: string; submitted: { recommendation: string; notes: string | null; ratings: { criterion: string; rating: number }[] } | null }[] }

const notes = 'Walked through the irrigation scheduler design and its failure modes with care.';

describe('the recruiter console: hiring team, interviews, scheduling links and scorecards', { skip: skipBrowser }, () => {
  let browser: ConsoleBrowser;
  let t: TestApp;
  let page: Page;
  let recruiter: TestUser;
  let interviewer: TestUser;
  let otherInterviewer: TestUser;
  let jobId: string;
  let candidateId: string;
  let applicationId: string;

  const api = async <T,>(url: string, user: { auth: { authorization: string } } = t.org): Promise<T> => {
    const res = await t.app.inject({ url, headers: user.auth });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<T>();
  };
  const nav = () => page.getByRole('navigation', { name: 'Console' });

  before(async () => {
    // Expected refusals: GET of a scorecard not yet written (404), and signed-out checks after cookies are cleared (401).
    browser = await openConsole(/status of (401|404)/);
    ({ t, page } = browser);
    recruiter = await join(t, t.org.auth, 'recruiter');
    interviewer = await join(t, t.org.auth, 'interviewer');
    otherInterviewer = await join(t, t.org.auth, 'interviewer');
    jobId = (await publishJob(t, t.org, { title: 'Orchard Data Analyst' })).id;
    ({ candidateId, applicationId } = await addApplicant(t, t.org.id, jobId, { name: 'Noor Haddad', email: 'noor@example.test' }));
  });
  after(async () => {
    await browser?.close();
  });

  test('a recruiter sets the job\'s scorecard criteria and adds an interviewer to its hiring team', async () => {
    await signIn(page, browser.base, recruiter);
    await page.getByRole('row', { name: /Orchard Data Analyst/ }).getByRole('link', { name: 'Details' }).click();
    await page.getByRole('heading', { level: 2, name: 'Scorecard criteria' }).waitFor();
    await page.getByText('No criteria: interviewers give only an overall recommendation and notes.').waitFor();
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    await page.getByLabel('Criterion 1', { exact: true }).fill('System design');
    await page.getByLabel('What a good answer shows for criterion 1 (optional)').fill('Names the trade-offs');
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    await page.getByLabel('Criterion 2', { exact: true }).fill('Communication');
    await page.getByRole('button', { name: 'Save criteria' }).click();
    await page.getByRole('status').getByText('Criteria saved.').waitFor();

    await page.getByText('Nobody is on the hiring team yet.').waitFor();
    await page.getByLabel('Add to the team').selectOption(interviewer.userId);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Remove Test interviewer from the hiring team' }).waitFor();
    await assertNoSeriousViolations(page, 'job editor with criteria and hiring team');

    const { criteria } = await api<{ criteria: { name: string; description: string | null }[] }>(`/v1/jobs/${jobId}/scorecard-criteria`);
    assert.deepEqual(criteria.map((c) => [c.name, c.description]), [['System design', 'Names the trade-offs'], ['Communication', null]]);
    const team = await api<{ data: { userId: string }[] }>(`/v1/jobs/${jobId}/team`);
    assert.deepEqual(team.data.map((m) => m.userId), [interviewer.userId]);
  });

  test('the recruiter schedules an interview with that interviewer, reschedules it and makes a scheduling link', async () => {
    await page.goto(`${browser.base}/app/candidates/${candidateId}`);
    await page.getByText('No interviews yet.').waitFor();
    await page.getByRole('button', { name: 'Schedule an interview' }).click();
    await page.getByLabel('Starts').fill('2030-03-11T09:00');
    await page.getByLabel('Ends').fill('2030-03-11T10:00');
    await page.getByLabel('Video link').fill('https://meet.example.test/noor');
    await page.getByLabel(`Test interviewer (${interviewer.email})`).check();
    await assertNoSeriousViolations(page, 'scheduling an interview');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByText('With Test interviewer').waitFor();

    const [scheduled] = (await api<{ data: Interview[] }>(`/v1/applications/${applicationId}/interviews`)).data;
    assert.ok(scheduled);
    assert.deepEqual([scheduled.interviewers, scheduled.videoUrl, scheduled.sequence], [[interviewer.userId], 'https://meet.example.test/noor', 0]);
    assert.equal(new Date(scheduled.end).getTime() - new Date(scheduled.start).getTime(), 3_600_000);

    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByLabel('Starts').fill('2030-03-12T14:00');
    await page.getByLabel('Ends').fill('2030-03-12T14:45');
    await page.getByRole('button', { name: 'Save new time' }).click();
    await page.getByRole('button', { name: 'Reschedule' }).waitFor();
    const moved = await api<Interview>(`/v1/interviews/${scheduled.id}`);
    assert.equal(moved.sequence, 1);
    assert.equal(new Date(moved.end).getTime() - new Date(moved.start).getTime(), 45 * 60_000);

    await page.getByRole('button', { name: 'New scheduling link' }).click();
    await page.getByLabel('Length').selectOption('30');
    await page.getByLabel('Video link').fill('https://meet.example.test/noor-2');
    await page.getByLabel(`Test interviewer (${interviewer.email})`).check();
    await page.getByRole('button', { name: 'Make the link' }).click();
    const url = await page.getByLabel('Scheduling link for the candidate').inputValue();
    assert.match(url, /^https:\/\/jobs\.example\.test\/.+/);
    await page.locator('.links').getByText(/^open/).waitFor();
    await assertNoSeriousViolations(page, 'interviews and a new scheduling link');
    const [link] = (await api<{ data: { status: string; durationMinutes: number; interviewers: string[] }[] }>(`/v1/applications/${applicationId}/scheduling-links`)).data;
    assert.deepEqual([link?.status, link?.durationMinutes, link?.interviewers], ['open', 30, [interviewer.userId]]);

    await page.getByRole('button', { name: /^Revoke the scheduling link/ }).click();
    await page.locator('.links').getByText(/^revoked/).waitFor();
  });

  test('the recruiter cancels an interview, giving the team a reason', async () => {
    const extra = await t.app.inject({
      method: 'POST', url: `/v1/applications/${applicationId}/interviews`, headers: t.org.auth,
      payload: { start: '2030-03-20T09:00:00Z', end: '2030-03-20T09:30:00Z', timeZone: 'UTC', kind: 'phone', interviewers: [interviewer.userId] },
    });
    assert.equal(extra.statusCode, 201, extra.body);
    await page.reload();
    const phone = page.locator('li.interview', { hasText: 'Phone' });
    await phone.getByRole('button', { name: 'Cancel interview' }).click();
    await phone.getByLabel('Reason for the team (optional)').fill('The candidate asked to move to video');
    await phone.getByRole('button', { name: 'Confirm cancellation' }).click();
    await phone.getByText('(cancelled: The candidate asked to move to video)').waitFor();
    const cancelled = await api<Interview & { status: string; cancelReason: string }>(`/v1/interviews/${extra.json<Interview>().id}`);
    assert.deepEqual([cancelled.status, cancelled.cancelReason, cancelled.sequence], ['cancelled', 'The candidate asked to move to video', 1]);
  });

  test('the interviewer sees the interview in My interviews, then saves and submits a scorecard', async () => {
    await browser.context.clearCookies();
    await signIn(page, browser.base, interviewer);
    assert.deepEqual(await nav().getByRole('link').allInnerTexts(), ['Jobs', 'My interviews'], 'an interviewer is offered no settings');
    await nav().getByRole('link', { name: 'My interviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'My interviews' }).waitFor();
    const row = page.getByRole('row', { name: /Noor Haddad/ });
    await row.getByRole('link', { name: 'Orchard Data Analyst' }).waitFor();
    await assertNoSeriousViolations(page, 'my interviews');

    await row.getByRole('link', { name: /^Scorecard for Noor Haddad/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Scorecard: Noor Haddad' }).waitFor();
    await page.getByRole('group', { name: 'System design' }).getByLabel('4 · Excellent').check();
    await page.getByLabel('Notes for the hiring team').fill(notes);
    await assertNoSeriousViolations(page, 'scorecard form');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').getByText(/^Draft saved/).waitFor();

    // The draft came back from the API: the form holds what was saved, and a recommendation is still owed.
    assert.equal(await page.getByLabel('Notes for the hiring team').inputValue(), notes);
    await page.getByRole('group', { name: 'Communication' }).getByLabel('3 · Good').check();
    await page.getByRole('group', { name: 'Overall recommendation' }).getByLabel('Strong yes').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('status').getByText('Scorecard submitted.').waitFor();
    await page.getByRole('heading', { level: 2, name: /^Submitted/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Submit' }).count(), 0, 'a submitted scorecard is read-only');
    await assertNoSeriousViolations(page, 'submitted scorecard');

    const summary = await api<Summary>(`/v1/applications/${applicationId}/scorecards/summary`, recruiter);
    assert.deepEqual(summary.submitted.map((card) => [card.interviewerId, card.submitted?.recommendation, card.submitted?.notes]), [[interviewer.userId, 'strong_yes', notes]]);
    assert.deepEqual(summary.submitted[0]?.submitted?.ratings.map((r) => [r.criterion, r.rating]), [['System design', 4], ['Communication', 3]]);

    // Having submitted, the interviewer sees the scorecards on the candidate's profile, their own among them.
    await page.getByRole('link', { name: 'Candidate profile' }).click();
    await page.getByText('Strong yes: 1').waitFor();
    await page.getByText(notes).waitFor();
  });

  test('a second interviewer on the job does not see the first one\'s scorecard', async () => {
    // On the team and interviewing the same candidate, but with no scorecard of their own submitted.
    assert.equal((await t.app.inject({ method: 'PUT', url: `/v1/jobs/${jobId}/team/${otherInterviewer.userId}`, headers: t.org.auth })).statusCode, 200);
    const second = await t.app.inject({
      method: 'POST', url: `/v1/applications/${applicationId}/interviews`, headers: t.org.auth,
      payload: { start: '2030-03-13T09:00:00Z', end: '2030-03-13T10:00:00Z', timeZone: 'UTC', kind: 'phone', interviewers: [otherInterviewer.userId] },
    });
    assert.equal(second.statusCode, 201, second.body);
    // And one that has ended: My interviews keeps it under Past, where its scorecard is still owed.
    const ended = await t.app.inject({
      method: 'POST', url: `/v1/applications/${applicationId}/interviews`, headers: t.org.auth,
      payload: { start: '2024-03-13T09:00:00Z', end: '2024-03-13T10:00:00Z', timeZone: 'UTC', kind: 'phone', interviewers: [otherInterviewer.userId] },
    });
    assert.equal(ended.statusCode, 201, ended.body);

    await browser.context.clearCookies();
    await signIn(page, browser.base, otherInterviewer);
    await nav().getByRole('link', { name: 'My interviews' }).click();
    await page.getByRole('region', { name: 'Past' }).getByRole('link', { name: /^Scorecard for Noor Haddad, .*2024/ }).waitFor();
    await page.getByRole('region', { name: 'Upcoming' }).getByRole('row', { name: /Noor Haddad/ }).getByRole('link', { name: 'Noor Haddad', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Noor Haddad' }).waitFor();
    await page.getByText('Other interviewers\' scorecards show here once you have submitted yours.').waitFor();
    assert.equal(await page.getByText(notes).count(), 0, 'the first interviewer\'s notes are hidden');
    assert.equal(await page.getByText(/Strong yes/).count(), 0, 'and so is their recommendation');
    assert.equal(await page.getByRole('button', { name: 'Schedule an interview' }).count(), 0, 'an interviewer schedules nothing');
    assert.equal(await page.getByRole('alert').count(), 0, 'no error is shown for what the API hides');
    await assertNoSeriousViolations(page, 'candidate profile as an interviewer');

    const hidden = await api<Summary>(`/v1/applications/${applicationId}/scorecards/summary`, otherInterviewer);
    assert.deepEqual([hidden.othersHidden, hidden.submitted.length], [true, 0]);
    assert.deepEqual(browser.elsewhere, [], 'no request left the server');
    assert.deepEqual(browser.consoleErrors, [], 'nothing was refused by the content security policy');
  });
});
