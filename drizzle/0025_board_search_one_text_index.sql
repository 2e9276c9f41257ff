-- The board search index (0023) holds the words, the org, the hour and every board filter; only the board
-- searches jobs' words, skills, locations and pay. Beside it, narrower indexes won the planner's estimate and
-- then tested each candidate row's stored vector: the vector-only index for a prefix widened to
-- `'engin' | 'engin'` (24,540 rows rechecked, 64 ms, against 113 rows from the board index), the salary index for
-- `q=remote&salaryMin=30000&salaryCurrency=USD` (15,876 rows, 119 ms). One index for the board's searches.
-- On the server only: PGlite has no board search index (0023) and keeps these.
DO $$
BEGIN
  IF version() NOT LIKE '%emscripten%' THEN
    DROP INDEX IF EXISTS "jobs_search_idx";
    DROP INDEX IF EXISTS "jobs_org_salary_currency_idx";
    DROP INDEX IF EXISTS "jobs_skill_names_idx";
    DROP INDEX IF EXISTS "jobs_location_terms_idx";
    -- No pending list (0023 and 0024 create them so; this covers a database that built them before): every
    -- search would scan all of it.
    ALTER INDEX IF EXISTS "jobs_board_search_idx" SET (fastupdate = off);
    ALTER INDEX IF EXISTS "search_words_trigram_idx" SET (fastupdate = off);
  ELSE
    -- A PGlite database that built the board search index before: drop it (see 0023).
    DROP INDEX IF EXISTS "jobs_board_search_idx";
  END IF;
END
$$;
