-- The board search index (0023) holds the words, the org, the hour and every board filter; only the board
-- searches jobs' words, skills, locations and pay. Beside it, narrower indexes won the planner's estimate and
-- then tested each candidate row's stored vector: the vector-only index for a prefix widened to
-- `'engin' | 'engin'` (24,540 rows rechecked, 64 ms, against 113 rows from the board index), the salary index for
-- `q=remote&salaryMin=30000&salaryCurrency=USD` (15,876 rows, 119 ms). One index for the board's searches.
DROP INDEX IF EXISTS "jobs_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "jobs_org_salary_currency_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "jobs_skill_names_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "jobs_location_terms_idx";--> statement-breakpoint
-- No pending list (0023 and 0024 create them so; this covers a database that built them before): every search
-- scans all of a pending list, and with one a zero-hit search spun without end in PGlite in 1 of 6 runs of
-- test/careers/careers.pages.test.ts (none in 30 without).
ALTER INDEX "jobs_board_search_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "search_words_trigram_idx" SET (fastupdate = off);
