import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createStatusLinksRepo } from '../../src/modules/recruiting/status/index.ts';
import { json, startTestApp, type TestApp } from '../helpers/app.ts';

const DAY = 86_400_000;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

describe('a status-page link minted for an email', () => {
  let t: TestApp;
  const links = createStatusLinksRepo();
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const candidate = async (name: string): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: t.org.auth, payload: { name, emails: [`${name.toLowerCase().replace(/\W+/g, '.')}@example.test`] } });
    assert.equal(res.statusCode, 201, res.body);
    return json<{ id: string }>(res).id;
  };
  const put = async (candidateId: string, token: string, expiresAt: Date, now: Date) => (await t.container.database.tenant(t.org.id, (tx) =>
    links.putManyUnlessLive(tx, [{ orgId: t.org.id, candidateId, tokenHash: hashOf(token), expiresAt, createdByType: 'system', createdById: null, createdAt: now }], now))).length === 1;
  const opens = async (token: string) => (await links.findByHash(t.container.database.unscoped, hashOf(token))) !== null;

  test('is written when the candidate has none, and leaves a working one alone', async () => {
    const id = await candidate('Ada Working');
    const now = new Date();
    assert.equal(await put(id, 'first', new Date(now.getTime() + 14 * DAY), now), true);
    assert.equal(await put(id, 'second', new Date(now.getTime() + 14 * DAY), now), false, 'a working link is not revoked');
    assert.deepEqual([await opens('first'), await opens('second')], [true, false]);
  });

  test('replaces a link that has expired', async () => {
    const id = await candidate('Bea Expired');
    const then = new Date(Date.now() - 20 * DAY);
    assert.equal(await put(id, 'old', new Date(then.getTime() + 14 * DAY), then), true);
    const now = new Date();
    assert.equal(await put(id, 'new', new Date(now.getTime() + 14 * DAY), now), true);
    assert.deepEqual([await opens('old'), await opens('new')], [false, true]);
  });
});
