/**
 * Builds data/common-passwords.v1.txt from the zxcvbn-ts common-password dictionary (a devDependency),
 * so the server ships a small sorted list and never loads the package at runtime.
 *
 * Only entries of 8 or more characters are kept: the policy refuses anything under 12 characters
 * anyway, and it also checks a password with its trailing digits and symbols removed
 * ("password1234!" → "password"), which needs the 8-to-11-character entries too.
 * Run: node --import tsx scripts/build-password-data.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
const pkg = require('@zxcvbn-ts/language-common/package.json') as { version: string };

const passwords = dictionary['passwords-common'];
if (!passwords) throw new Error('passwords-common dictionary not found');
const kept = [...new Set(passwords.map((p) => p.toLowerCase()).filter((p) => p.length >= 8))].sort();
const header = `# common passwords of 8+ characters, from @zxcvbn-ts/language-common ${pkg.version} (passwords-common); built by scripts/build-password-data.ts`;
writeFileSync(new URL('../data/common-passwords.v1.txt', import.meta.url), `${header}\n${kept.join('\n')}\n`);
process.stdout.write(`wrote ${kept.length} passwords\n`);
