ALTER TABLE "jobs" ADD COLUMN "openings" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "openings_filled" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "close_when_filled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_openings_check" CHECK ("jobs"."openings" >= 1 and "jobs"."openings_filled" >= 0);--> statement-breakpoint
CREATE TABLE "offer_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"approval_mode" text DEFAULT 'sequential' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"application_id" text NOT NULL,
	"job_id" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"terms_version" integer DEFAULT 1 NOT NULL,
	"approver_ids" text[] NOT NULL,
	"approval_mode" text,
	"approval_round" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"responded_by" text,
	"response_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_versions" (
	"offer_id" text NOT NULL,
	"version" integer NOT NULL,
	"org_id" text NOT NULL,
	"salary_amount" numeric(16, 2),
	"salary_currency" text,
	"salary_period" text,
	"start_date" date,
	"equity" text,
	"bonus" text,
	"document" text,
	"author_type" text NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_versions_offer_id_version_pk" PRIMARY KEY("offer_id","version")
);
--> statement-breakpoint
CREATE TABLE "offer_approvals" (
	"offer_id" text NOT NULL,
	"round" integer NOT NULL,
	"approver_id" text NOT NULL,
	"org_id" text NOT NULL,
	"terms_version" integer NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_approvals_offer_id_round_approver_id_pk" PRIMARY KEY("offer_id","round","approver_id")
);
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_approvals" ADD CONSTRAINT "offer_approvals_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_application_idx" ON "offers" USING btree ("application_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_open_per_application" ON "offers" USING btree ("application_id") WHERE status in ('draft', 'pending_approval', 'approved', 'sent');--> statement-breakpoint
CREATE INDEX "offers_approvers_idx" ON "offers" USING gin ("approver_ids");--> statement-breakpoint
-- Row-level security for offers and their settings, as drizzle/0006 set it up for the first tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['offer_settings', 'offers', 'offer_versions', 'offer_approvals']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hireline_app USING (org_id = current_setting(''hireline.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''hireline.org_id'', true))', t);
  END LOOP;
END
$$;
