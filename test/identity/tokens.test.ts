import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { createAccessTokens, createKeyRing, createMemorySigningKeyStore, generateSigningKey } from '../../src/modules/identity/sessions/index.ts';

const claims = { sub: 'usr_1', org: 'org_1', sid: 'ses_1', role: 'admin' };
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function setup(start = new Date('2026-11-24T12:00:00Z')) {
  let clock = start;
  const now = () => clock;
  const store = createMemorySigningKeyStore();
  const keys = createKeyRing({ store, accessTtlSeconds: 600, now });
  const tokens = createAccessTokens({ keys, issuer: 'https://hireline.test', audience: 'hireline-api', ttlSeconds: 600, now });
  return { keys, tokens, store, advance: (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); } };
}

test('a token it issued verifies, with its claims', async () => {
  const { tokens } = setup();
  const { token, expiresIn } = await tokens.issue(claims);
  assert.equal(expiresIn, 600);
  assert.deepEqual(await tokens.verify(token), claims);
});

test('expired, not-yet-valid, wrong audience or issuer: refused', async () => {
  const { tokens, advance } = setup();
  const { token } = await tokens.issue(claims);
  advance(601 + 5);
  assert.equal(await tokens.verify(token), null, 'expired beyond the tolerance');

  const early = setup();
  const issued = await early.tokens.issue(claims);
  early.advance(-60);
  assert.equal(await early.tokens.verify(issued.token), null, 'not yet valid');

  const { keys } = setup();
  const other = createAccessTokens({ keys, issuer: 'https://hireline.test', audience: 'someone-else', ttlSeconds: 600 });
  const mine = createAccessTokens({ keys, issuer: 'https://hireline.test', audience: 'hireline-api', ttlSeconds: 600 });
  assert.equal(await mine.verify((await other.issue(claims)).token), null, 'wrong audience');
  const foreign = createAccessTokens({ keys, issuer: 'https://evil.test', audience: 'hireline-api', ttlSeconds: 600 });
  assert.equal(await mine.verify((await foreign.issue(claims)).token), null, 'wrong issuer');
});

test('forgeries are refused: alg none, HS256 with the public key, another key under our kid, tampering, missing claims', async () => {
  const { tokens, keys } = setup();
  const { token } = await tokens.issue(claims);
  const [header, payload] = token.split('.') as [string, string];
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;

  assert.equal(await tokens.verify(`${b64({ alg: 'none', typ: 'at+jwt', kid })}.${payload}.`), null, 'alg none');

  const publicX = (await keys.jwks()).keys[0]?.x;
  const hs = await new SignJWT(body).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid }).sign(Buffer.from(String(publicX), 'base64url'));
  assert.equal(await tokens.verify(hs), null, 'HS256 signed with public key bytes');

  const impostor = await generateSigningKey(new Date());
  const { importJWK } = await import('jose');
  const forged = await new SignJWT(body).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid }).sign(await importJWK(impostor.privateJwk, 'EdDSA'));
  assert.equal(await tokens.verify(forged), null, 'another key claiming our kid');

  const signature = token.split('.')[2];
  assert.equal(await tokens.verify(`${header}.${b64({ ...body, role: 'owner' })}.${signature}`), null, 'tampered payload');

  const { sid: _sid, ...withoutSid } = body;
  const signer = await keys.signingKey();
  const noSid = await new SignJWT(withoutSid).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: signer.kid }).sign(signer.key);
  assert.equal(await tokens.verify(noSid), null, 'missing sid');

  const wrongType = await new SignJWT(body).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: signer.kid }).sign(signer.key);
  assert.equal(await tokens.verify(wrongType), null, 'not typed as an access token');

  for (const garbage of ['', 'x', 'a.b.c', `${token}.extra`, 'e'.repeat(5000)]) assert.equal(await tokens.verify(garbage), null);
});

test('rotation: two keys live, old tokens keep working until the old key retires', async () => {
  const { tokens, keys, advance } = setup();
  const before = (await tokens.issue(claims)).token;
  await keys.rotate();
  const after = (await tokens.issue(claims)).token;
  assert.equal((await keys.jwks()).keys.length, 2, 'both keys published during the rotation');
  assert.deepEqual(await tokens.verify(before), claims);
  assert.deepEqual(await tokens.verify(after), claims);
  assert.notEqual(JSON.parse(Buffer.from(before.split('.')[0] ?? '', 'base64url').toString()).kid,
    JSON.parse(Buffer.from(after.split('.')[0] ?? '', 'base64url').toString()).kid);
  advance(1201 + 61);
  assert.equal((await keys.jwks()).keys.length, 1, 'the old key retired after twice the token lifetime');
  const fresh = (await tokens.issue(claims)).token;
  assert.deepEqual(await tokens.verify(fresh), claims);
});

test('the JWKS never carries private key material; concurrent first uses create one key', async () => {
  const { keys, store } = setup();
  await Promise.all(Array.from({ length: 5 }, () => keys.signingKey()));
  assert.equal((await store.listLive(new Date())).length, 1);
  const jwks = await keys.jwks();
  assert.deepEqual(Object.keys(jwks.keys[0] ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
});

test('scheduled rotation replaces only a key older than the period; racing rotations leave one signer', async () => {
  const { keys, store, advance } = setup();
  const first = (await keys.signingKey()).kid;
  assert.equal(await keys.rotateIfOlderThan(30 * 86_400_000), null, 'a young key stays');
  advance(31 * 86_400);
  const rotated = await keys.rotateIfOlderThan(30 * 86_400_000);
  assert.ok(rotated && rotated !== first);
  assert.equal((await keys.signingKey()).kid, rotated);

  // Two instances rotating at the same moment: exactly one key remains unretired, and it signs.
  await Promise.all([keys.rotate(), keys.rotate()]);
  const live = await store.listLive(new Date(Date.now() + 31 * 86_400_000));
  const unretired = live.filter((k) => k.retiresAt === null);
  assert.equal(unretired.length, 1);
  assert.equal((await keys.signingKey()).kid, unretired[0]?.kid);
});
