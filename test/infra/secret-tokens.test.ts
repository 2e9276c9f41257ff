import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeSecretToken, newSecretToken, secretTokenPrefixes, type SecretTokenKind } from '../../src/infra/crypto/secret-tokens.ts';

const kinds = Object.keys(secretTokenPrefixes) as SecretTokenKind[];

test('no secret-token prefix is another kind\'s prefix or begins it, so a token names exactly one kind', () => {
  for (const a of kinds) {
    for (const b of kinds) {
      if (a === b) continue;
      assert.ok(!secretTokenPrefixes[a].startsWith(secretTokenPrefixes[b]), `${a} (${secretTokenPrefixes[a]}) starts with ${b}'s prefix (${secretTokenPrefixes[b]})`);
    }
  }
});

test('each kind\'s token is recognised as that kind and no other', () => {
  for (const kind of kinds) {
    const { token } = newSecretToken(kind);
    assert.deepEqual(kinds.filter((other) => looksLikeSecretToken(other, token)), [kind], token);
  }
});
