import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

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
