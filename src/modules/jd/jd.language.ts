/**
 * Language check for the `language_not_supported` warning: the parser reads English, German and French. An n-gram detector (eld, its smallest
 * database: about 1 MB, loaded once at import) replaces an English stop-word count, which judged
 * short, keyword-heavy English postings foreign and let German ones pass on shared words like "in".
 */
import { eld } from 'eld/extrasmall';

// Below this much evidence a detector guesses; a short snippet is not judged at all. A Chinese,
// Japanese or Korean character carries about a word's worth, so it counts as three letters.
const MIN_LETTERS = 60;
const WIDE_WEIGHT = 3;
// The opening of a posting says its language; detection costs about 0.2 ms per 1,000 characters.
const SAMPLE_CHARS = 1500;
const LETTER = /\p{L}/gu;
const WIDE_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** The languages whose headings, labels, contract words, periods and dates the parser knows. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['en', 'de', 'fr'];

/** True only when the text has enough evidence and the detector is confident it is in another language. */
export function isClearlyUnsupported(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  const evidence = (sample.match(LETTER)?.length ?? 0) + (WIDE_WEIGHT - 1) * (sample.match(WIDE_LETTER)?.length ?? 0);
  if (evidence < MIN_LETTERS) return false;
  const result = eld.detect(sample);
  return result.language !== '' && !SUPPORTED_LANGUAGES.includes(result.language) && result.isReliable();
}
