import { readFileSync } from 'node:fs';
import { AppError } from '../../../app-error.ts';

const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(readFileSync(new URL('../../../../data/common-passwords.v1.txt', import.meta.url), 'utf8')
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

/** Refuses a weak password with one field error per reason, naming the input `field` that held it. */
export function assertStrong(password: string, context: { email?: string; name?: string }, field: string): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new AppError('validation-failed', `The password is not acceptable: ${problems.join('; ')}`, {
      fields: problems.map((detail) => ({ field, detail })),
    });
  }
}
