-- The board search index (0023) holds the search vector with the org, the hour and the filters; only the
-- board searches jobs' words. Beside it, the vector-only index won the planner's estimate for some queries
-- (a prefix widened to `'engin' | 'engin'`), which then rechecked every job holding the word: 24,540 rows,
-- 64 ms, where the board index reads the newest slice's 113. One text index, so every search takes that one.
DROP INDEX IF EXISTS "jobs_search_idx";
