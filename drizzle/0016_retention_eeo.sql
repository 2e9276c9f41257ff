ALTER TABLE "applications" ADD COLUMN "future_roles_consented_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"org_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"anonymize_after_months" integer NOT NULL,
	"keep_consented_months" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eeo_questions" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"choices" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eeo_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"application_id" text NOT NULL,
	"job_id" text NOT NULL,
	"question_id" text NOT NULL,
	"choice" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eeo_answers" ADD CONSTRAINT "eeo_answers_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eeo_answers" ADD CONSTRAINT "eeo_answers_question_id_eeo_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."eeo_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eeo_questions_org_idx" ON "eeo_questions" USING btree ("org_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "eeo_answers_application_question_key" ON "eeo_answers" USING btree ("application_id","question_id");--> statement-breakpoint
CREATE INDEX "eeo_answers_job_idx" ON "eeo_answers" USING btree ("org_id","job_id","question_id");--> statement-breakpoint
-- Row-level security for the retention policy and the equal-opportunity tables, as drizzle/0006 set it up for the first tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['retention_policies', 'eeo_questions', 'eeo_answers']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hireline_app USING (org_id = current_setting(''hireline.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''hireline.org_id'', true))', t);
  END LOOP;
END
$$;
