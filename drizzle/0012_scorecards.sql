CREATE TABLE "scorecard_criteria" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"application_id" text NOT NULL,
	"interview_id" text NOT NULL,
	"job_id" text NOT NULL,
	"interviewer_id" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"submitted_version" integer DEFAULT 0 NOT NULL,
	"draft_saved_at" timestamp with time zone,
	"draft_ratings" jsonb,
	"draft_notes" text,
	"draft_recommendation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_versions" (
	"scorecard_id" text NOT NULL,
	"version" integer NOT NULL,
	"org_id" text NOT NULL,
	"ratings" jsonb NOT NULL,
	"notes" text,
	"recommendation" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scorecard_versions_scorecard_id_version_pk" PRIMARY KEY("scorecard_id","version")
);
--> statement-breakpoint
ALTER TABLE "scorecard_criteria" ADD CONSTRAINT "scorecard_criteria_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_scorecard_id_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scorecard_criteria_job_idx" ON "scorecard_criteria" USING btree ("job_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecards_interview_interviewer_key" ON "scorecards" USING btree ("interview_id","interviewer_id");--> statement-breakpoint
CREATE INDEX "scorecards_application_idx" ON "scorecards" USING btree ("application_id","interviewer_id");--> statement-breakpoint
-- Row-level security for scorecards and their criteria, as drizzle/0006 set it up for the first tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['scorecard_criteria', 'scorecards', 'scorecard_versions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hireline_app USING (org_id = current_setting(''hireline.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''hireline.org_id'', true))', t);
  END LOOP;
END
$$;
