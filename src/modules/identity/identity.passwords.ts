import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hash, parseOptions, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** The same work as a real check, against a hash nobody knows the password of; always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when a stored hash was made with other parameters, so it should be redone at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  if (!storedHash.startsWith('$argon2id$')) return true;
  try {
    const options = parseOptions(storedHash);
    return options.memoryCost !== ARGON2_PARAMETERS.memoryCost || options.timeCost !== ARGON2_PARAMETERS.timeCost
      || options.parallelism !== ARGON2_PARAMETERS.parallelism;
  } catch {
    return true;
  }
}

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(readFileSync(new URL('../../../data/common-passwords.v1.txt', import.meta.url), 'utf8')
    .split('\n').filter((line) => line !== '' && !line.startsWith('#')));
  return common;
}

/** A common password, also when padded with digits or symbols at the end ("password1234!"). */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  return commonPasswords().has(lower) || (stripped.length >= 8 && commonPasswords().has(stripped));
}

/** Why a password is refused, in words that never repeat it; empty when it is acceptable. */
export function passwordProblems(password: string, context: { email?: string; name?: string }): string[] {
  const normalized = password.normalize('NFKC');
  const length = [...normalized].length;
  const problems: string[] = [];
  if (length < MIN_PASSWORD_LENGTH) problems.push(`must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`must have at most ${MAX_PASSWORD_LENGTH} characters`);
  if (isCommon(normalized)) problems.push('is one of the most commonly used passwords');
  else if (/^(.{1,4})\1+$/su.test(normalized)) problems.push('repeats one short sequence');
  const lower = normalized.toLowerCase();
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) problems.push('must not contain your email address');
  const name = context.name?.trim().toLowerCase() ?? '';
  if (name.length > 0 && lower === name) problems.push('must not be your name');
  return problems;
}
