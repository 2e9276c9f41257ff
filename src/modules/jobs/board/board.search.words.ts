import { sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { searchText } from '../jobs.search-text.ts';
import { searchWords } from '../jobs.table.ts';

/** Completions of the last word tried, shortest first: enough for the word being typed, few enough to stay cheap. */
const COMPLETIONS = 8;
/** Corrections tried per misspelt word, closest first. */
const CORRECTIONS = 4;
/** Words shorter than this are not corrected: too many words are one letter away from them. */
export const MIN_CORRECTED_LENGTH = 5;
/** A query of more words is searched as written: each word widened costs two index lookups, and long queries are not typed live. */
const MAX_WIDENED_WORDS = 6;

/**
 * A query typed as plain words is widened; one using the search syntax (a "phrase", an -exclusion, `or`)
 * asks for exactly what it says and is searched as written.
 */
export const isPlainQuery = (q: string): boolean => !/"|(?:^|\s)-|(?:^|\s)or(?:\s|$)/i.test(q);

/** A lexeme quoted for to_tsquery: within quotes only the quote and the backslash are special. */
const quoted = (word: string): string => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export function createSearchWordsRepo() {
  return {
    /**
     * The query as people type it, in to_tsquery syntax, or null when nothing widens it: every word may also
     * be one of the org's words it begins (the last word only: the one being typed) and, when the org has no
     * such word, one within one edit (5–7 letters) or two (8 or more), so "engin" and "enginer" find engineer.
     * Words come from the same sanitizer and parser as the stored vectors, so they meet the same lexemes.
     */
    async widen(orgId: string, q: string, unscoped: DbExecutor): Promise<string | null> {
      const text = searchText(q, 200);
      if (!text || text.split(' ').length > MAX_WIDENED_WORDS) return null;
      const rows = await queryRows<{ word: string; alternatives: string[] | null }>(unscoped, sql`
        with typed as (
          select lexeme as word, positions[array_upper(positions, 1)] as at from unnest(to_tsvector('simple', ${text}))
        )
        select typed.word, (
          select array_agg(alternative) from (
            (select w.word as alternative from ${searchWords} w
              where w.org_id = ${orgId} and typed.at = (select max(at) from typed)
                and w.word > typed.word collate "C" and w.word < (typed.word || chr(1114111)) collate "C"
              order by length(w.word), w.word limit ${COMPLETIONS})
            union
            (select w.word from ${searchWords} w
              where w.org_id = ${orgId} and length(typed.word) >= ${MIN_CORRECTED_LENGTH} and w.word % typed.word
                and levenshtein(w.word, typed.word) <= case when length(typed.word) >= 8 then 2 else 1 end
                and not exists (select 1 from ${searchWords} e where e.org_id = ${orgId} and e.word = typed.word collate "C")
              order by levenshtein(w.word, typed.word), w.word limit ${CORRECTIONS})
          ) alternatives
        ) as alternatives
        from typed order by typed.at`);
      if (!rows.some((row) => row.alternatives?.length)) return null;
      return rows.map((row) => `(${[row.word, ...(row.alternatives ?? [])].map(quoted).join(' | ')})`).join(' & ');
    },
  };
}
export type SearchWordsRepo = ReturnType<typeof createSearchWordsRepo>;
