-- Search as people type (board.search.words.ts): each org's words, as written (not stemmed), so a typed
-- prefix ("engin") or a word with a typo ("enginer") can be completed or corrected into words its jobs hold
-- before the text search runs. A trigram index finds the near spellings, Levenshtein distance keeps the close ones.
SET LOCAL statement_timeout = 0;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;--> statement-breakpoint
CREATE TABLE "search_words" (
  "org_id" text NOT NULL,
  -- C collation: a prefix is a range of the primary key in byte order, whatever the database's collation.
  "word" text COLLATE "C" NOT NULL,
  CONSTRAINT "search_words_pkey" PRIMARY KEY ("org_id", "word")
);--> statement-breakpoint
-- With the org in the index (btree_gin) on the server; PGlite gets the trigram column alone (see 0023).
DO $$
BEGIN
  IF version() NOT LIKE '%emscripten%' THEN
    CREATE INDEX "search_words_trigram_idx" ON "search_words" USING gin ("org_id", "word" gin_trgm_ops) WITH (fastupdate = off);
  ELSE
    CREATE INDEX "search_words_trigram_idx" ON "search_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate = off);
  END IF;
END
$$;--> statement-breakpoint
ALTER TABLE "search_words" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "search_words" TO hireline_app
  USING (org_id = current_setting('hireline.org_id', true)) WITH CHECK (org_id = current_setting('hireline.org_id', true));--> statement-breakpoint
-- Words are only added: a word no job holds any more completes to nothing, and costs nothing to keep.
-- Inserts come in bulk (imports, seeding), so they are handled once per statement; updates one job at a time.
CREATE FUNCTION search_words_of_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (org_id, word)
  SELECT DISTINCT j.org_id, w.lexeme
  FROM changed_jobs j, unnest(to_tsvector('simple'::regconfig, j.search_title || ' ' || j.search_skills || ' ' || j.search_description)) w
  WHERE length(w.lexeme) BETWEEN 2 AND 60
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION search_words_of_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (org_id, word)
  SELECT DISTINCT NEW.org_id, w.lexeme
  FROM unnest(to_tsvector('simple'::regconfig, NEW.search_title || ' ' || NEW.search_skills || ' ' || NEW.search_description)) w
  WHERE length(w.lexeme) BETWEEN 2 AND 60
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER jobs_search_words_inserted AFTER INSERT ON jobs REFERENCING NEW TABLE AS changed_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_of_jobs();--> statement-breakpoint
CREATE TRIGGER jobs_search_words_updated AFTER UPDATE OF search_title, search_skills, search_description ON jobs
  FOR EACH ROW WHEN (OLD.search_title IS DISTINCT FROM NEW.search_title OR OLD.search_skills IS DISTINCT FROM NEW.search_skills
    OR OLD.search_description IS DISTINCT FROM NEW.search_description)
  EXECUTE FUNCTION search_words_of_job();--> statement-breakpoint
INSERT INTO search_words (org_id, word)
SELECT DISTINCT j.org_id, w.lexeme
FROM jobs j, unnest(to_tsvector('simple'::regconfig, j.search_title || ' ' || j.search_skills || ' ' || j.search_description)) w
WHERE length(w.lexeme) BETWEEN 2 AND 60
ON CONFLICT DO NOTHING;
