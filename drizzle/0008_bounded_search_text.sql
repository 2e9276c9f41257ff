-- The search vector is built from plain words the repository derives (src/modules/jobs/jobs.search-text.ts),
-- never from raw text: the text-search parser is quadratic on inputs such as a run of "<!--".
ALTER TABLE "jobs" ADD COLUMN "search_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "search_skills" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "search_description" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing rows: a linear SQL approximation of the repository's rule (markup dropped, only letters,
-- digits and . + # _ - kept, words cut at 60 characters); the next edit of a job re-derives it exactly.
CREATE FUNCTION pg_temp.search_words(input text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT left(btrim(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(input, '</?[A-Za-z][^<>]{0,200}>|&#?[A-Za-z0-9]{1,10};', ' ', 'g'),
    '[^[:alnum:]\u0080-\U0010FFFF.+#_-]+', ' ', 'g'),
    '([^ ]{60})[^ ]+', '\1', 'g'),
    ' +', ' ', 'g')), 100000)
$$;--> statement-breakpoint
UPDATE "jobs" SET
  "search_title" = pg_temp.search_words("title"),
  "search_skills" = pg_temp.search_words(array_to_string_immutable("skill_names")),
  "search_description" = pg_temp.search_words("description");--> statement-breakpoint
ALTER TABLE "jobs" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, search_title), 'A') ||
    setweight(to_tsvector('english'::regconfig, search_skills), 'B') ||
    setweight(to_tsvector('english'::regconfig, search_description), 'C')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_search_idx" ON "jobs" USING gin ("search_vector");--> statement-breakpoint
-- salaryMin now compares only jobs paid in the currency it names.
DROP INDEX "jobs_org_salary_idx";--> statement-breakpoint
CREATE INDEX "jobs_org_salary_currency_idx" ON "jobs" USING btree ("org_id","salary_currency","salary_annual_max") WHERE status = 'published';
