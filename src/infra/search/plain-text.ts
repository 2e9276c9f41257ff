/**
 * The text the search vector is built from. PostgreSQL's text-search parser is quadratic on some
 * inputs (an unclosed `<!--` makes it rescan the rest of the text for `-->`: 100,000 characters
 * took 24–30 s on PGlite), so the database is never handed raw text: only runs of letters, marks
 * and digits (with the few joiners that keep terms like node.js and c# whole), single spaces between
 * them, each word and the whole capped. No tag, comment, entity, URL or e-mail can start in such
 * text, so every token it holds is short and its parse is linear.
 */

/** Longer runs are not words anyone searches for (PostgreSQL itself skips words over 2,047 bytes). */
export const MAX_WORD_LENGTH = 60;
/** Enough for the longest description the API accepts (100,000 characters), so no word of it is lost. */
export const MAX_SEARCH_TEXT_LENGTH = 100_000;

// Markup is dropped before splitting, so `<b>bold</b>` yields "bold" and not "b bold b".
const TAG = /<\/?[A-Za-z][^<>]{0,200}>/g;
const ENTITY = /&#?[A-Za-z0-9]{1,10};/g;
// Anything that is not a letter, mark, digit or intra-word joiner separates words.
const SEPARATOR = /[^\p{L}\p{M}\p{N}.+#_-]+/u;
// A joiner counts only between word characters: "end." and "--" keep nothing of it.
const EDGE_JOINERS = /^[.+#_-]+|[.+#_-]+$/g;
const JOINER_RUN = /[.+#_-]{2,}/g;

/** Plain words from any text (Markdown, HTML, or arbitrary bytes), bounded in word and total length. */
export function searchText(text: string, max = MAX_SEARCH_TEXT_LENGTH): string {
  const words: string[] = [];
  let length = 0;
  for (const raw of text.replace(TAG, ' ').replace(ENTITY, ' ').split(SEPARATOR)) {
    // The parser drops edge joiners anyway (c++ and c# index as "c"), so dropping them here changes no match.
    const word = raw.replace(JOINER_RUN, (run) => run[0] ?? '').replace(EDGE_JOINERS, '');
    if (!word) continue;
    const capped = [...word].slice(0, MAX_WORD_LENGTH).join('');
    if (length + capped.length + 1 > max) break;
    words.push(capped);
    length += capped.length + 1;
  }
  return words.join(' ');
}
