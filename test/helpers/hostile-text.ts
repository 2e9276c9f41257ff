/** The API's maximum description length, which the hostile inputs fill. */
export const HOSTILE_LENGTH = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(HOSTILE_LENGTH / unit.length)).slice(0, HOSTILE_LENGTH);

/**
 * Inputs measured to be quadratic (or near it) for PostgreSQL's default text-search parser, or tried
 * as candidates: shared by test/jobs/search-indexing.test.ts and bench/indexing.ts.
 */
export const hostileTexts: Record<string, string> = {
  'unclosed comments': fill('<!--'),
  'unclosed comments with words': fill('<!-- a '),
  'comment openers glued to words': fill('<!--a'),
  'open tags': `<a ${fill('b=c ')}`.slice(0, HOSTILE_LENGTH),
  'unterminated attribute': `<a b="${fill('x ')}`.slice(0, HOSTILE_LENGTH),
  'entity-like runs': fill('&#x'),
  'less-than runs': fill('<'),
  'hyphenated chain': fill('ab-cd-'),
  'one long word': 'a'.repeat(HOSTILE_LENGTH),
  'url path': `http://example.com/${fill('a/')}`.slice(0, HOSTILE_LENGTH),
  'emails': fill('a@b.c'),
};

/** Ordinary prose of the same length, the baseline the bench compares against. */
export const proseText = fill('Build reliable APIs in Node.js and PostgreSQL with a friendly team. ');
