CREATE TABLE "candidate_status_links" (
	"org_id" text NOT NULL,
	"candidate_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_status_links_org_id_candidate_id_pk" PRIMARY KEY("org_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "erasure_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"candidate_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_type" text,
	"decided_by_id" text,
	"decline_note" text
);
--> statement-breakpoint
ALTER TABLE "candidate_status_links" ADD CONSTRAINT "candidate_status_links_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_status_links_token_key" ON "candidate_status_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "erasure_requests_org_status_idx" ON "erasure_requests" USING btree ("org_id","status","requested_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_requests_one_pending" ON "erasure_requests" USING btree ("org_id","candidate_id") WHERE status = 'pending';--> statement-breakpoint
-- Row-level security for status links and erasure requests, as drizzle/0006 set it up for the first tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['candidate_status_links', 'erasure_requests']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hireline_app USING (org_id = current_setting(''hireline.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''hireline.org_id'', true))', t);
  END LOOP;
END
$$;
