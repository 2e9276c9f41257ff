import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { putQuestions, type Part } from '../recruiting/applying.helpers.ts';
import { applicationsOf, attributeOf, formAction, htmlOf, postForm } from './careers.helpers.ts';

describe('applying on the careers site', () => {
  let t: TestApp;
  let pdf: Uint8Array;
  let n = 0;
  const email = () => `careers-${++n}-${Date.now()}@example.test`;

  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '100000' });
    pdf = await makePdf('Katherine Johnson\nMathematician');
    const set = await t.app.inject({ method: 'PATCH', url: '/v1/org', headers: t.org.auth, payload: { privacyNoticeUrl: 'https://acme.example/privacy', privacyNoticeVersion: '2026-12' } });
    assert.equal(set.statusCode, 200);
  });
  after(async () => t.close());

  async function jobWithForm() {
    const job = await publishJob(t, t.org, { title: 'Flight Engineer' });
    const [why, relocate, level, stack, sample] = await putQuestions(t, t.org, job.id, [
      { label: 'Why this job?', kind: 'short_text', required: true },
      { label: 'Would you relocate?', kind: 'yes_no', required: true },
      { label: 'Level', kind: 'single_choice', options: ['Junior', 'Senior'] },
      { label: 'Stack', kind: 'multi_choice', options: ['Node.js', 'Go', 'Rust'] },
      { label: 'A writing sample', kind: 'file' },
    ]);
    if (!why || !relocate || !level || !stack || !sample) throw new Error('questions missing');
    const page = htmlOf(await t.app.inject({ url: `/careers/${t.org.slug}/jobs/${job.id}` }));
    return { job, page, action: formAction(page), q: { why: why.id, relocate: relocate.id, level: level.id, stack: stack.id, sample: sample.id } };
  }

  test('the form is built from the job\'s questions, with labelled controls, the privacy notice and a hidden spam trap', async () => {
    const { page, q } = await jobWithForm();
    assert.match(page, /enctype="multipart\/form-data"/);
    assert.match(page, new RegExp(`<label for="f-answers-${q.why}">Why this job\\?</label><input type="text" id="f-answers-${q.why}" name="answers\\[${q.why}\\]" value="" required`));
    assert.match(page, new RegExp(`<legend>Would you relocate\\?</legend>.*?<input type="radio" id="f-answers-${q.relocate}" name="answers\\[${q.relocate}\\]" value="true"`));
    assert.match(page, new RegExp(`<input type="checkbox" id="f-answers-${q.stack}-1" name="answers\\[${q.stack}\\]" value="Go"`));
    assert.match(page, new RegExp(`<input type="file" id="f-answers-${q.sample}" name="answers\\[${q.sample}\\]"`));
    assert.match(page, /<input type="file" id="f-resume" name="resume"/);
    assert.match(page, /<a href="https:\/\/acme.example\/privacy" rel="noopener">privacy notice of Acme<\/a>/);
    assert.match(page, /<div class="hp" aria-hidden="true"><label for="f-website">Leave this empty<\/label><input type="text" id="f-website" name="website" tabindex="-1"/);
  });

  test('a complete application with a PDF résumé is taken by the applying service, then the browser is sent to a thank-you page', async () => {
    const { job, action, q } = await jobWithForm();
    const address = email();
    const parts: Part[] = [
      ['name', 'Katherine Johnson'], ['email', address], ['phone', ''], ['resume', { bytes: pdf, name: 'cv.pdf', type: 'application/pdf' }],
      ['coverLetter', { bytes: new Uint8Array(), name: '' }], ['coverLetterText', 'Orbits are fun.'],
      [`answers[${q.why}]`, 'Trajectories'], [`answers[${q.relocate}]`, 'false'], [`answers[${q.level}]`, 'Senior'], [`answers[${q.stack}]`, 'Go'],
      [`answers[${q.sample}]`, { bytes: new Uint8Array(), name: '' }], ['consent', 'true'], ['website', ''],
    ];
    const res = await postForm(t, action, parts);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/careers/${t.org.slug}/jobs/${job.id}/thanks`);
    const thanks = await t.app.inject({ url: String(res.headers.location) });
    assert.equal(thanks.statusCode, 200);
    assert.match(htmlOf(thanks), /<h1>Thank you for applying for Flight Engineer<\/h1>/);

    const [application, ...more] = await applicationsOf(t, t.org, job.id);
    assert.equal(more.length, 0);
    const got = (await t.app.inject({ url: `/v1/applications/${application?.id}`, headers: t.org.auth })).json<{ answers: Record<string, unknown>; coverLetter: string; source: string; consent: { noticeUrl: string } }>();
    assert.equal(got.source, 'board');
    assert.equal(got.coverLetter, 'Orbits are fun.');
    assert.deepEqual(got.answers[q.stack], ['Go']);
    assert.equal(got.answers[q.relocate], false);
    assert.equal(got.consent.noticeUrl, 'https://acme.example/privacy');
    const files = await t.app.inject({ url: `/v1/candidates/${application?.candidateId}/attachments`, headers: t.org.auth });
    assert.equal(files.statusCode, 200, files.body);
    assert.deepEqual(files.json<{ data: { kind: string }[] }>().data.map((a) => a.kind), ['resume']);

    // The same form sent twice (a double click, a retry) replays the first answer: one application.
    const again = await postForm(t, action, parts);
    assert.equal(again.statusCode, 303);
    assert.equal((await applicationsOf(t, t.org, job.id)).length, 1);
    // Sent again from a fresh copy of the page (another key): a clear "already applied".
    const fresh = formAction(htmlOf(await t.app.inject({ url: `/careers/${t.org.slug}/jobs/${job.id}`, headers: { 'cache-control': 'no-cache' } })));
    const duplicate = await postForm(t, fresh.replace(/submission=[^&]+/, 'submission=another-key'), parts);
    assert.equal(duplicate.statusCode, 409);
    assert.match(htmlOf(duplicate), /You have already applied to this job/);
  });

  test('a missing required answer comes back with the error on its field, everything typed kept, and a reminder to choose files again', async () => {
    const { job, action, q } = await jobWithForm();
    const res = await postForm(t, action, [
      ['name', 'Dorothy "Dot" <Vaughan>'], ['email', 'dorothy@example.test'], ['phone', '+1 757 555 0100'], ['resume', { bytes: pdf, name: 'cv.pdf', type: 'application/pdf' }],
      ['coverLetterText', 'FORTRAN\nand more'], [`answers[${q.why}]`, ''], [`answers[${q.relocate}]`, 'true'], [`answers[${q.level}]`, 'Junior'],
      [`answers[${q.stack}]`, 'Node.js'], [`answers[${q.stack}]`, 'Rust'], ['consent', 'true'], ['keepForFutureRoles', 'true'], ['website', ''],
    ]);
    assert.equal(res.statusCode, 400);
    const page = htmlOf(res);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.match(page, /<title>Error: Flight Engineer – Acme<\/title>/);
    const id = `f-answers-${q.why}`;
    assert.equal(attributeOf(page, id, 'aria-invalid'), 'true');
    assert.equal(attributeOf(page, id, 'aria-describedby'), `${id}-error`);
    assert.match(page, new RegExp(`<p class="error" id="${id}-error">Error: Why this job\\? is required</p>`));
    assert.match(page, new RegExp(`<div class="summary" id="error-summary" role="alert"[^>]*>[\\s\\S]*<a href="#${id}">Why this job\\? is required</a>`));
    assert.match(page, /choose your résumé and any other files again/);
    assert.equal(attributeOf(page, 'f-name', 'value'), 'Dorothy &quot;Dot&quot; &lt;Vaughan&gt;');
    assert.equal(attributeOf(page, 'f-email', 'value'), 'dorothy@example.test');
    assert.equal(attributeOf(page, 'f-phone', 'value'), '+1 757 555 0100');
    assert.match(page, /<textarea id="f-coverLetterText" name="coverLetterText" maxlength="20000" rows="6">\nFORTRAN\r?\nand more<\/textarea>/);
    assert.equal(attributeOf(page, `f-answers-${q.relocate}`, 'checked'), '');
    assert.equal(attributeOf(page, `f-answers-${q.level}`, 'checked'), '', 'Junior (the first option) stays chosen');
    assert.equal(attributeOf(page, `f-answers-${q.level}-1`, 'checked'), null);
    assert.equal(attributeOf(page, `f-answers-${q.stack}`, 'checked'), '');
    assert.equal(attributeOf(page, `f-answers-${q.stack}-2`, 'checked'), '');
    assert.equal(attributeOf(page, `f-answers-${q.stack}-1`, 'checked'), null);
    assert.equal(attributeOf(page, 'f-consent', 'checked'), '');
    assert.equal(attributeOf(page, 'f-keepForFutureRoles', 'checked'), '');
    assert.equal(attributeOf(page, 'f-name', 'aria-invalid'), null, 'only the rejected field is marked');
    assert.equal(formAction(page), action, 'the same key goes with the corrected form');
    assert.equal((await applicationsOf(t, t.org, job.id)).length, 0);

    const consentMissing = htmlOf(await postForm(t, action, [['name', 'D'], ['email', 'd@example.test'], [`answers[${q.why}]`, 'x'], [`answers[${q.relocate}]`, 'true']]));
    assert.equal(attributeOf(consentMissing, 'f-consent', 'aria-invalid'), 'true');
    assert.doesNotMatch(consentMissing, /choose your résumé/, 'no files were chosen, so none are asked for again');
  });

  test('a file over 10 MB comes back as an error on its input, with what was typed before it kept', async () => {
    const { job, action } = await jobWithForm();
    const res = await postForm(t, action, [
      ['name', 'Annie Easley'], ['email', 'annie@example.test'], ['resume', { bytes: new Uint8Array(10 * 1024 * 1024 + 1), name: 'huge.pdf', type: 'application/pdf' }],
    ]);
    assert.equal(res.statusCode, 413);
    const page = htmlOf(res);
    assert.equal(attributeOf(page, 'f-name', 'value'), 'Annie Easley');
    assert.equal(attributeOf(page, 'f-email', 'value'), 'annie@example.test');
    assert.equal(attributeOf(page, 'f-resume', 'aria-invalid'), 'true');
    assert.match(page, /each file may be at most 10 MB/);
    assert.match(page, /choose your résumé and any other files again/);
    assert.equal((await applicationsOf(t, t.org, job.id)).length, 0);
  });

  test('a filled spam trap is refused and nothing is kept', async () => {
    const { job, action, q } = await jobWithForm();
    const res = await postForm(t, action, [['name', 'Bot'], ['email', email()], [`answers[${q.why}]`, 'x'], [`answers[${q.relocate}]`, 'true'], ['consent', 'true'], ['website', 'http://spam.example']]);
    assert.equal(res.statusCode, 400);
    assert.match(htmlOf(res), /Your application could not be sent/);
    assert.equal((await applicationsOf(t, t.org, job.id)).length, 0);
  });

  test('a job closed before the form is sent, and a draft, say so as pages', async () => {
    const { job, action, q } = await jobWithForm();
    await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/close`, headers: t.org.auth });
    const closed = await postForm(t, action, [['name', 'Late'], ['email', email()], [`answers[${q.why}]`, 'x'], [`answers[${q.relocate}]`, 'true'], ['consent', 'true']]);
    assert.equal(closed.statusCode, 410);
    assert.match(htmlOf(closed), /This job is closed/);
    const unknown = await postForm(t, `/careers/${t.org.slug}/jobs/job_nope/apply`, [['name', 'X']]);
    assert.equal(unknown.statusCode, 404);
    htmlOf(unknown);
  });
});

describe('the careers form counts against the API\'s rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '2' });
  });
  after(async () => t.close());

  test('one counter for the API and the form; past it, a page that says to wait, with Retry-After', async () => {
    const job = await publishJob(t, t.org);
    const api = await t.app.inject({ method: 'POST', url: `/v1/boards/${t.org.slug}/jobs/${job.id}/applications`, payload: { name: 'A', email: 'a@example.test' } });
    assert.equal(api.statusCode, 201, api.body);
    const action = formAction(htmlOf(await t.app.inject({ url: `/careers/${t.org.slug}/jobs/${job.id}` })));
    assert.equal((await postForm(t, action, [['name', 'B'], ['email', 'b@example.test']])).statusCode, 303);
    const limited = await postForm(t, action, [['name', 'C'], ['email', 'c@example.test']]);
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.match(htmlOf(limited), /Too many applications/);
  });
});
