import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { join } from '../helpers/identity.ts';
import { contrastRatio } from '../../src/modules/careers/careers.theme.ts';
import { htmlOf } from './careers.helpers.ts';

describe('careers branding', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  const put = (auth: { authorization: string }, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: '/v1/org/branding', headers: auth, payload });

  test('an owner sets logo, accent colour and intro; the careers pages use them, with readable colours', async () => {
    const empty = await t.app.inject({ url: '/v1/org/branding', headers: t.org.auth });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { logoUrl: null, accentColor: null, introText: null, privacyNoticeUrl: null, updatedAt: null });

    const res = await put(t.org.auth, { logoUrl: 'https://cdn.acme.example/logo.png', accentColor: '#FF0', introText: 'We build <things>.\n\nJoin us.' });
    assert.equal(res.statusCode, 200, res.body);
    const saved = res.json<{ accentColor: string; updatedAt: string }>();
    assert.equal(saved.accentColor, '#ffff00', 'stored as #rrggbb');
    assert.ok(Date.parse(saved.updatedAt));

    await publishJob(t, t.org);
    const page = htmlOf(await t.app.inject({ url: `/careers/${t.org.slug}` }));
    assert.match(page, /<img src="https:\/\/cdn.acme.example\/logo.png" alt="">/);
    assert.match(page, /<p>We build &lt;things&gt;.<\/p><p>Join us.<\/p>/);
    const cssUrl = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1] ?? '';
    const css = (await t.app.inject({ url: cssUrl })).body;
    const vars = Object.fromEntries([...css.matchAll(/--([a-z-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]));
    assert.equal(vars.accent, '#ffff00');
    assert.equal(vars['on-accent'], '#000000', 'black text on yellow');
    assert.ok(contrastRatio(vars['accent-text'] ?? '', '#ffffff') >= 4.5, 'links in the accent are darkened until readable on white');
  });

  test('a bad colour, a non-https logo or an unknown field is a 400 naming the field', async () => {
    const colour = problem(await put(t.org.auth, { logoUrl: null, accentColor: 'red', introText: null }), 400, 'validation-failed');
    assert.deepEqual(colour.errors?.map((e) => e.pointer), ['/accentColor']);
    const logo = problem(await put(t.org.auth, { logoUrl: 'http://insecure.example/logo.png', accentColor: null, introText: null }), 400, 'validation-failed');
    assert.deepEqual(logo.errors?.map((e) => e.pointer), ['/logoUrl']);
    problem(await put(t.org.auth, { logoUrl: null, accentColor: null, introText: null, font: 'Comic Sans' }), 400, 'validation-failed');
  });

  test('only owners and admins read or set branding, and only their own org\'s', async () => {
    const recruiter = await join(t, t.org.auth, 'recruiter');
    problem(await t.app.inject({ url: '/v1/org/branding', headers: recruiter.auth }), 403, 'forbidden');
    problem(await put(recruiter.auth, { logoUrl: null, accentColor: '#000000', introText: null }), 403, 'forbidden');
    const admin = await join(t, t.org.auth, 'admin');
    assert.equal((await put(admin.auth, { logoUrl: null, accentColor: '#123456', introText: 'Admins may' })).statusCode, 200);

    const other = await t.createOrg('Other');
    assert.equal((await put(other.auth, { logoUrl: null, accentColor: '#abcdef', introText: 'Other org' })).statusCode, 200);
    const mine = await t.app.inject({ url: '/v1/org/branding', headers: t.org.auth });
    assert.equal(mine.json<{ introText: string }>().introText, 'Admins may', 'another org\'s change leaves this one alone');
    problem(await t.app.inject({ url: '/v1/org/branding' }), 401, 'unauthenticated');
  });
});
